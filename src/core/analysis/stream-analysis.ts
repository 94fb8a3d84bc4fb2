/**
 * Everything Stream Viewer understands about one stream, fed item by item:
 * the LLM merge, timing analytics and protocol diagnostics. The CLI and the
 * extension host use it the same way.
 */
import type { TimelineItem } from '../items';
import { LlmMerger } from '../llm/merger';
import type { LlmProvider, MergedResponse } from '../llm/types';
import { DiagnosticsCollector, type Diagnostic } from './diagnostics';
import { StatsCollector, type StreamStats } from './stats';

/** What to analyse. */
export interface AnalysisOptions {
  /** Force an LLM dialect instead of detecting it. */
  provider?: LlmProvider;
  stallMs?: number;
  /** Called for each diagnostic as it is found; omit to skip diagnostics. */
  onDiagnostic?: (d: Diagnostic) => void;
}

/** One stream's analysis. */
export class StreamAnalysis {
  private readonly merger: LlmMerger;
  private readonly stats: StatsCollector;
  private readonly diagnostics: DiagnosticsCollector | undefined;

  constructor(options: AnalysisOptions = {}) {
    this.merger = new LlmMerger(options.provider);
    this.stats = new StatsCollector(options.stallMs);
    this.diagnostics = options.onDiagnostic ? new DiagnosticsCollector(options.onDiagnostic) : undefined;
  }

  /** Adds an item; returns the piece of LLM text a message carries, if any. */
  add(item: TimelineItem): string | undefined {
    // SSE data that holds a JSON object or array is parsed here once, for the merge and the diagnostics
    // alike; the value is not kept on the item, which a store may hold for a long time.
    let json: unknown;
    if (item.kind === 'message') {
      json = item.json;
      // Only when someone reads it: a stream that is no LLM stream, with diagnostics off, parses nothing.
      if (json === undefined && item.format === 'sse' && (this.merger.wantsJson() || this.diagnostics?.wantsJsonCheck() === true)) {
        const c = item.data.charCodeAt(0);
        if (c === 123 || c === 91 || ((c === 32 || c === 9 || c === 10 || c === 13) && /^\s*[[{]/.test(item.data))) {
          try {
            json = JSON.parse(item.data) as unknown;
          } catch {
            // Not JSON after all: the diagnostics say so.
          }
        }
      }
    }
    const piece = this.merger.add(item, json);
    this.stats.add(item);
    this.diagnostics?.add(item, json !== undefined);
    return piece;
  }

  /** Grows whenever the merged response changed. */
  get mergeChanges(): number {
    return this.merger.changes;
  }

  /** The merged LLM response, if the stream is one. */
  merged(): MergedResponse | undefined {
    return this.merger.result();
  }

  /** Timing analytics; tokens/s when the stream is an LLM response. */
  timing(): StreamStats {
    return this.stats.result(this.merger.outputTokens());
  }
}
