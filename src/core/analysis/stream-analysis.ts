/**
 * Everything Stream Viewer understands about one stream, fed item by item:
 * the LLM merge, timing analytics and protocol diagnostics. The CLI and the
 * extension host use it the same way.
 */
import type { TimelineItem } from '../items';
import { isJson } from '../json-text';
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
    // SSE data that holds a JSON object or array is parsed here once, when the merge reads its value; the value
    // is not kept on the item, which a store may hold for a long time. When only the diagnostics ask whether it
    // is JSON, it is checked without being built: half the cost of a parse, and no garbage.
    let json: unknown;
    let valid = false;
    if (item.kind === 'message') {
      json = item.json;
      valid = json !== undefined;
      if (!valid && item.format === 'sse' && looksLikeJson(item.data)) {
        if (this.merger.wantsJson()) {
          try {
            json = JSON.parse(item.data) as unknown;
            valid = true;
          } catch {
            // Not JSON after all: the diagnostics say so.
          }
        } else if (this.diagnostics?.wantsJsonCheck() === true) valid = isJson(item.data);
      }
    }
    const piece = this.merger.add(item, json);
    this.stats.add(item);
    this.diagnostics?.add(item, valid);
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

/** Whether SSE data starts (after whitespace) like a JSON object or array: only such data is checked as JSON. */
function looksLikeJson(data: string): boolean {
  const c = data.charCodeAt(0);
  return c === 123 || c === 91 || ((c === 32 || c === 9 || c === 10 || c === 13) && /^\s*[[{]/.test(data));
}
