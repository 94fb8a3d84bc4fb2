/**
 * Which rows the filter keeps, by absolute item number. A new filter is
 * applied to old rows in slices of a few milliseconds (JSONPath parses and
 * queries each row), so filtering 200 000 rows never blocks the page; new
 * rows are tested as they arrive once the scan has caught up.
 */
import type { WireItem } from '../../src/shared/wire';
import type { CompiledFilter } from './filter';

/** The rows the index reads. */
export interface RowSource {
  /** Items dropped so far: absolute numbers start here. */
  readonly dropped: number;
  readonly length: number;
  itemAt(absolute: number): WireItem | undefined;
}

const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => queued.shift()?.();
/** Runs `fn` in a new task: lets the page paint and handle input, without setTimeout's 4 ms clamp. */
function nextTask(fn: () => void): void {
  queued.push(fn);
  channel.port2.postMessage(0);
}

/** The filtered view of a row source. */
export class FilteredIndex {
  private filter: CompiledFilter | undefined;
  private matches: number[] = [];
  /** Rows before this absolute number have been tested. */
  private scanAt = 0;
  private token = 0;

  constructor(
    private readonly rows: RowSource,
    private readonly onProgress: () => void,
  ) {}

  /** Whether a valid filter with any condition is set. */
  get active(): boolean {
    return this.filter?.ok === true && this.filter.active;
  }

  /** Whether old rows are still being tested. */
  get scanning(): boolean {
    return this.active && this.scanAt < this.rows.dropped + this.rows.length;
  }

  /** How far the scan got, 0–100. */
  get progress(): number {
    return Math.floor(((this.scanAt - this.rows.dropped) / Math.max(1, this.rows.length)) * 100);
  }

  /** Sets a filter and starts testing every kept row against it. */
  set(filter: CompiledFilter): void {
    this.filter = filter;
    this.matches = [];
    this.scanAt = this.rows.dropped;
    this.scan(++this.token);
  }

  /** Forgets everything (the timeline was cleared). */
  reset(): void {
    this.matches = [];
    this.scanAt = 0;
    this.token++;
  }

  /** Rows were appended at `first`; tests them now unless a scan will reach them. */
  appended(first: number, count: number, wasScanning: boolean): void {
    const f = this.filter;
    if (!f?.ok || !f.active || wasScanning) return;
    for (let n = first; n < first + count; n++) {
      const item = this.rows.itemAt(n);
      if (item && f.test(item)) this.matches.push(n);
    }
    this.scanAt = first + count;
  }

  /** Drops matches of rows that are no longer kept. */
  prune(): void {
    if (this.matches.length === 0 || this.matches[0]! >= this.rows.dropped) return;
    const firstKept = this.matches.findIndex((n) => n >= this.rows.dropped);
    this.matches.splice(0, firstKept === -1 ? this.matches.length : firstKept);
  }

  /** Visible rows. */
  count(): number {
    return this.active ? this.matches.length : this.rows.length;
  }

  /** Absolute number of visible row `i`. */
  absoluteAt(i: number): number {
    return this.active ? this.matches[i]! : this.rows.dropped + i;
  }

  /** Visible index of an absolute row, or -1. */
  visibleIndexOf(absolute: number): number {
    return this.active ? this.matches.indexOf(absolute) : absolute - this.rows.dropped;
  }

  private scan(token: number): void {
    const f = this.filter;
    if (token !== this.token || !f?.ok || !f.active) return;
    const deadline = performance.now() + 30;
    this.scanAt = Math.max(this.scanAt, this.rows.dropped);
    const end = this.rows.dropped + this.rows.length;
    while (this.scanAt < end && performance.now() < deadline) {
      for (const stop = Math.min(end, this.scanAt + 256); this.scanAt < stop; this.scanAt++) {
        if (f.test(this.rows.itemAt(this.scanAt)!)) this.matches.push(this.scanAt);
      }
    }
    if (this.scanAt < end) nextTask(() => this.scan(token));
    this.onProgress();
  }
}
