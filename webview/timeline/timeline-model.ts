/**
 * What the timeline holds for one stream, without any DOM: the items
 * (bounded by count and bytes), what EventSource dispatched, the analysis
 * the host sent (problems, merged response, timing), where the raw text
 * stands, and the errors to show in the banner. The view renders it; tests
 * run it in node.
 */
import { BoundedBuffer, type Bounds } from '../../src/shared/bounded-buffer';
import { itemBytes, type AnalysisUpdate, type Diagnostic, type DispatchRef, type EndItem, type ErrorItem, type MergedResponse, type RawInfo, type ResponseItem, type StreamStats, type WireItem, type WireMessage } from '../../src/shared/wire';

/** An EventSource dispatch ready to show: an event with its message, when the message is still kept. */
export type DispatchRow = Exclude<DispatchRef, { kind: 'event' }> | { kind: 'event'; t: number; seq: number; message: WireMessage | undefined };

/** One stream's timeline. */
export class TimelineModel {
  readonly items: BoundedBuffer<WireItem>;
  readonly dispatches: BoundedBuffer<DispatchRef>;
  problems: Diagnostic[] = [];
  merged: MergedResponse | undefined;
  stats: StreamStats | undefined;
  raw: RawInfo = { firstRow: 0, endRow: 0, bytes: 0, droppedBytes: 0 };
  response: ResponseItem | undefined;
  end: EndItem | undefined;
  /** The error the banner shows: the fatal one, else the latest warning. */
  fatal: ErrorItem | undefined;
  lastWarning: ErrorItem | undefined;
  warnings = 0;
  /** Messages and chunks received (dropped ones included). */
  events = 0;
  /** Items received (dropped ones included). */
  received = 0;
  /** Absolute item numbers of messages, by `seq - firstSeq`, so a problem or a merged piece finds its event at once. */
  private seqIndex: number[] = [];
  private seqHead = 0;
  private firstSeq = 0;

  constructor(bounds: Bounds) {
    this.items = new BoundedBuffer<WireItem>(bounds, itemBytes);
    this.dispatches = new BoundedBuffer<DispatchRef>(bounds.maxItems);
  }

  /** Forgets the stream. */
  reset(): void {
    this.items.clear();
    this.dispatches.clear();
    this.problems = [];
    this.merged = undefined;
    this.stats = undefined;
    this.raw = { firstRow: 0, endRow: 0, bytes: 0, droppedBytes: 0 };
    this.response = undefined;
    this.end = undefined;
    this.fatal = undefined;
    this.lastWarning = undefined;
    this.warnings = 0;
    this.events = 0;
    this.received = 0;
    this.seqIndex = [];
    this.seqHead = 0;
    this.firstSeq = 0;
  }

  /** Changes the bounds (a setting changed). */
  resize(bounds: Bounds): void {
    this.items.resize(bounds);
    this.dispatches.resize({ maxItems: bounds.maxItems });
    this.pruneSeqIndex();
  }

  /** Adds a batch; returns the absolute number of its first item. */
  add(items: readonly WireItem[], analysis: AnalysisUpdate, raw: RawInfo): number {
    const first = this.items.dropped + this.items.length;
    let n = first;
    for (const item of items) {
      if (item.kind === 'message') {
        if (this.seqIndex.length === this.seqHead) this.firstSeq = item.seq;
        this.seqIndex.push(n);
        this.events++;
      } else if (item.kind === 'chunk') this.events++;
      else if (item.kind === 'response') this.response = item;
      else if (item.kind === 'end') this.end = item;
      else if (item.kind === 'error') {
        if (item.fatal) this.fatal = item;
        else {
          this.warnings++;
          this.lastWarning = item;
        }
      }
      n++;
    }
    this.received += items.length;
    this.items.push(items);
    this.pruneSeqIndex();
    if (analysis.problems.length > 0) {
      // Errors first, then warnings, then information.
      const rank = { error: 0, warning: 1, info: 2 };
      this.problems = [...this.problems, ...analysis.problems].sort((a, b) => rank[a.severity] - rank[b.severity]);
    }
    if (analysis.dispatches.length > 0) this.dispatches.push(analysis.dispatches);
    if (analysis.merged) this.merged = analysis.merged;
    this.stats = analysis.stats;
    this.raw = raw;
    return first;
  }

  /** The item with this absolute number, if still kept. */
  itemAt(absolute: number): WireItem | undefined {
    return this.items.at(absolute - this.items.dropped);
  }

  /** The absolute number of the message with this `seq`, if still kept. */
  absoluteOfSeq(seq: number): number | undefined {
    const n = this.seqIndex[this.seqHead + seq - this.firstSeq];
    const item = n === undefined ? undefined : this.itemAt(n);
    return item?.kind === 'message' && item.seq === seq ? n : undefined;
  }

  /** The dispatch at `i` (0 = oldest kept), with its message. */
  dispatchAt(i: number): DispatchRow | undefined {
    const d = this.dispatches.at(i);
    if (d?.kind !== 'event') return d;
    const n = this.absoluteOfSeq(d.seq);
    const message = n === undefined ? undefined : this.itemAt(n);
    return { ...d, message: message?.kind === 'message' ? message : undefined };
  }

  /** Problem counts by severity. */
  counts(): { errors: number; warnings: number; infos: number } {
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const d of this.problems) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
    }
    return { errors, warnings, infos };
  }

  /** Drops index entries of messages no longer kept. */
  private pruneSeqIndex(): void {
    const dropped = this.items.dropped;
    while (this.seqHead < this.seqIndex.length && this.seqIndex[this.seqHead]! < dropped) {
      this.seqHead++;
      this.firstSeq++;
    }
    if (this.seqHead > 4096 && this.seqHead * 2 > this.seqIndex.length) {
      this.seqIndex = this.seqIndex.slice(this.seqHead);
      this.seqHead = 0;
    }
  }
}
