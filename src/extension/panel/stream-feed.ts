/**
 * Feeds one stream run to a panel's webview: items, the analysis' findings
 * and where the raw text stands, gathered into one message every
 * `batchIntervalMs` (a `postMessage` per event would flood the webview at
 * 100k events/s). The merged LLM response is re-sent only when it changed,
 * at most a few times a second; the raw text is sent only as the rows the
 * raw view asks for.
 */
import type { Dispatch } from '../../core/analysis/eventsource';
import type { Diagnostic } from '../../core/analysis/diagnostics';
import type { EndItem, TimelineItem } from '../../core/items';
import { StreamRun, type StreamRunOptions } from '../../core/run/stream-run';
import type { HostToWebview } from '../../shared/protocol';
import { DispatchPacker, packItems, type PackedItems } from '../../shared/packed';
import type { AnalysisUpdate, RawInfo, StreamStats } from '../../shared/wire';
import type { Bounds } from '../../shared/bounded-buffer';
import { Batcher } from '../batcher';

/** How often, at most, the assembled response is sent again while it grows. */
const MERGED_INTERVAL_MS = 250;

/** Where a feed posts, and how often. */
export interface FeedTarget {
  post(message: HostToWebview): void;
  batchIntervalMs: number;
  /** Called with each batch's event count (for the status bar). */
  onProgress?(events: number): void;
}

/** What a feed runs: a stream run's options, its store's bounds included (the store packs what the webview gets). */
export type FeedOptions = Omit<StreamRunOptions, 'onItem' | 'onDiagnostic' | 'onDispatch' | 'onBatch'> & { store: Bounds };

/** A stream run wired to a webview. */
export class StreamFeed {
  readonly run: StreamRun;
  readonly done: Promise<EndItem>;
  /** Batches the run packed since the last message (normally one: the run packs when asked, below). */
  private batches: PackedItems[] = [];
  private problems: Diagnostic[] = [];
  private readonly dispatches = new DispatchPacker();
  private readonly batcher: Batcher<true>;
  private sentChanges = 0;
  private flushAsked = false;
  private lastMergedAt = 0;

  constructor(
    readonly requestId: string,
    options: FeedOptions,
    private readonly target: FeedTarget,
  ) {
    // The batcher only paces flushes; the run packs the batch, and keeps it in its store for export.
    this.batcher = new Batcher<true>(target.batchIntervalMs, () => this.flush(false));
    this.run = new StreamRun({
      ...options,
      onItem: (item: TimelineItem) => {
        if (item.kind !== 'raw') this.due();
      },
      onBatch: (batch) => this.batches.push(batch),
      onDiagnostic: (d) => {
        this.problems.push(d);
        this.due();
      },
      onDispatch: (d: Dispatch) => this.dispatches.add(d),
    });
    this.done = this.run.done.then((end) => {
      this.batcher.dispose();
      this.flush(true);
      target.post({ type: 'stream/didEnd', requestId, end });
      return end;
    });
  }

  /** Answers the raw view's request for rows. */
  rawRows(from: number, to: number): void {
    const raw = this.run.raw;
    if (!raw) return;
    // A screenful at a time: a request for more is a bug or a hostile page, not a reason to copy megabytes.
    const rows = raw.rows(from, Math.min(to, from + 500));
    this.target.post({ type: 'raw/didGet', requestId: this.requestId, from: Math.max(from, raw.info().firstRow), rows });
  }

  private rawInfo(): RawInfo {
    return this.run.raw?.info() ?? { firstRow: 0, endRow: 0, bytes: 0, droppedBytes: 0 };
  }

  /** Something waits to be sent: one call per batch, not per event, asks the batcher for a flush. */
  private due(): void {
    if (this.flushAsked) return;
    this.flushAsked = true;
    this.batcher.add(true);
  }

  private flush(final: boolean): void {
    this.flushAsked = false;
    this.run.packStore();
    const batches = this.batches;
    this.batches = [];
    // Batches the run packed on its own (far more items than a batch interval normally brings) go first, alone.
    const items = batches.pop() ?? packItems([]);
    for (const b of batches) this.target.post({ type: 'stream/didReceive', requestId: this.requestId, items: b, analysis: { problems: [], dispatches: new DispatchPacker().take(), stats: this.run.timing() ?? emptyStats() }, raw: this.rawInfo() });
    const analysis: AnalysisUpdate = { problems: this.problems, dispatches: this.dispatches.take(), stats: this.run.timing() ?? emptyStats() };
    this.problems = [];
    const changes = this.run.mergeChanges;
    const now = performance.now();
    if (changes !== this.sentChanges && (final || now - this.lastMergedAt >= MERGED_INTERVAL_MS)) {
      analysis.merged = this.run.merged();
      this.sentChanges = changes;
      this.lastMergedAt = now;
    }
    this.target.post({ type: 'stream/didReceive', requestId: this.requestId, items, analysis, raw: this.rawInfo() });
    this.target.onProgress?.(this.run.eventCount);
    // A merged response held back by the interval still goes out once the stream is quiet.
    if (!final && changes !== this.sentChanges) this.due();
  }
}

function emptyStats(): StreamStats {
  return { ttfbMs: null, firstEventMs: null, durationMs: 0, events: 0, bytes: 0, eventsPerSec: 0, gapMs: { p50: 0, p95: 0, max: 0 }, stalls: { thresholdMs: 0, count: 0, longestMs: 0 }, perSecond: [] };
}
