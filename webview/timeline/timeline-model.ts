/**
 * What the timeline holds for one stream, without any DOM: the items
 * (bounded by count and bytes), what EventSource dispatched, the analysis
 * the host sent (problems, merged response, timing), where the raw text
 * stands, and the errors to show in the banner. The view renders it; tests
 * run it in node.
 */
import { BoundedBuffer, type Bounds } from '../../src/shared/bounded-buffer';
import { PackedBatch, unpackDispatches, type PackedItems } from '../../src/shared/packed';
import type { AnalysisUpdate, Diagnostic, DispatchRef, EndItem, ErrorItem, MergedResponse, RawInfo, ResponseItem, StreamStats, WireItem, WireMessage } from '../../src/shared/wire';
import { PackedStore } from '../../src/shared/packed-store';

const decoder = new TextDecoder();

/** An EventSource dispatch ready to show: an event with its message, when the message is still kept. */
export type DispatchRow = Exclude<DispatchRef, { kind: 'event' }> | { kind: 'event'; t: number | undefined; seq: number; message: WireMessage | undefined };

/** One stream's timeline. */
export class TimelineModel {
  readonly items: PackedStore;
  /** Dispatches; an event is the `seq` of its message. */
  readonly dispatches: BoundedBuffer<number | Exclude<DispatchRef, { kind: 'event' }>>;
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
    this.items = new PackedStore(bounds);
    this.dispatches = new BoundedBuffer<number | Exclude<DispatchRef, { kind: 'event' }>>(bounds.maxItems);
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

  /**
   * Adds a batch; returns the absolute number of its first item, and the
   * batch opened for reading (its chip keys, its items when a filter tests them).
   */
  add(packed: PackedItems, analysis: AnalysisUpdate, raw: RawInfo): { first: number; batch: PackedBatch } {
    const batch = new PackedBatch(packed, decoder.decode(packed.text));
    const first = this.items.push(batch);
    for (let i = 0; i < batch.count; i++) {
      if (!batch.isMessage(i)) continue;
      if (this.seqIndex.length === this.seqHead) this.firstSeq = batch.seqAt(i);
      this.seqIndex.push(first + i);
      this.events++;
    }
    for (const item of batch.otherItems().values()) {
      if (item.kind === 'chunk') this.events++;
      else if (item.kind === 'response') this.response = item;
      else if (item.kind === 'end') this.end = item;
      else if (item.kind === 'error') {
        if (item.fatal) this.fatal = item;
        else {
          this.warnings++;
          this.lastWarning = item;
        }
      }
    }
    this.received += batch.count;
    this.pruneSeqIndex();
    if (analysis.problems.length > 0) {
      // Errors first, then warnings, then information.
      const rank = { error: 0, warning: 1, info: 2 };
      this.problems = [...this.problems, ...analysis.problems].sort((a, b) => rank[a.severity] - rank[b.severity]);
    }
    if (analysis.dispatches.count > 0) this.dispatches.push(unpackDispatches(analysis.dispatches));
    if (analysis.merged) this.merged = analysis.merged;
    this.stats = analysis.stats;
    this.raw = raw;
    return { first, batch };
  }

  /** The item with this absolute number, if still kept. */
  itemAt(absolute: number): WireItem | undefined {
    return this.items.itemAt(absolute);
  }

  /** The absolute number of the message with this `seq`, if still kept. */
  absoluteOfSeq(seq: number): number | undefined {
    const n = this.seqIndex[this.seqHead + seq - this.firstSeq];
    const at = n === undefined ? undefined : this.items.locate(n);
    return at && at.batch.isMessage(at.i) && at.batch.seqAt(at.i) === seq ? n : undefined;
  }

  /** The dispatch at `i` (0 = oldest kept), with its message. */
  dispatchAt(i: number): DispatchRow | undefined {
    const d = this.dispatches.at(i);
    if (typeof d !== 'number') return d;
    const n = this.absoluteOfSeq(d);
    const item = n === undefined ? undefined : this.itemAt(n);
    const message = item?.kind === 'message' ? item : undefined;
    return { kind: 'event', t: message?.t, seq: d, message };
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
