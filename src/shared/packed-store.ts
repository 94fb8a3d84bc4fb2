/**
 * Items kept as packed batches, bounded by count and bytes: the webview's
 * timeline and the host's store for export. An item is made when it is asked
 * for (a row in view, a filter test, an export), so 200 000 kept events cost
 * their text and a few numbers each.
 */
import type { Bounds } from './bounded-buffer';
import type { PackedBatch } from './packed';
import type { WireItem } from './wire';

interface Kept {
  /** Absolute number of the batch's first item. */
  first: number;
  batch: PackedBatch;
}

/** Bounded packed items, addressed by absolute number (received order). */
export class PackedStore {
  private kept: Kept[] = [];
  private head = 0;
  /** Items dropped to stay within the bounds. */
  dropped = 0;
  droppedBytes = 0;
  bytes = 0;
  /** Items ever added (the absolute number of the next one). */
  private end = 0;

  constructor(private bounds: Bounds) {}

  /** Items kept. */
  get length(): number {
    return this.end - this.dropped;
  }

  /** Adds a batch; returns the absolute number of its first item. */
  push(batch: PackedBatch): number {
    const first = this.end;
    this.kept.push({ first, batch });
    this.end += batch.count;
    this.bytes += batch.bytes;
    this.trim();
    return first;
  }

  /** The item with this absolute number, if kept. */
  itemAt(absolute: number): WireItem | undefined {
    const found = this.locate(absolute);
    return found ? found.batch.item(found.i) : undefined;
  }

  /** The item `i` (0 = oldest kept). */
  at(i: number): WireItem | undefined {
    return this.itemAt(this.dropped + i);
  }

  /** The batch and place of an absolute item number. */
  locate(absolute: number): { batch: PackedBatch; i: number } | undefined {
    if (absolute < this.dropped || absolute >= this.end) return undefined;
    let lo = this.head;
    let hi = this.kept.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.kept[mid]!.first <= absolute) lo = mid;
      else hi = mid - 1;
    }
    const k = this.kept[lo]!;
    return { batch: k.batch, i: absolute - k.first };
  }

  /** Changes the bounds. */
  resize(bounds: Bounds): void {
    this.bounds = { maxItems: Math.max(1, bounds.maxItems), maxBytes: Math.max(1, bounds.maxBytes) };
    this.trim();
  }

  /** Forgets everything. */
  clear(): void {
    this.kept = [];
    this.head = 0;
    this.dropped = 0;
    this.droppedBytes = 0;
    this.bytes = 0;
    this.end = 0;
  }

  private trim(): void {
    if (this.length > this.bounds.maxItems) this.dropped = this.end - this.bounds.maxItems;
    // Over the byte bound, the oldest batches go whole (the newest always stays).
    while (this.bytes > this.bounds.maxBytes && this.kept.length - this.head > 1) {
      const k = this.kept[this.head]!;
      this.dropped = Math.max(this.dropped, k.first + k.batch.count);
      this.free();
    }
    // Batches wholly dropped by count go too.
    while (this.head < this.kept.length - 1 && this.kept[this.head]!.first + this.kept[this.head]!.batch.count <= this.dropped) this.free();
    if (this.head > 256 && this.head * 2 > this.kept.length) {
      this.kept = this.kept.slice(this.head);
      this.head = 0;
    }
  }

  private free(): void {
    const k = this.kept[this.head]!;
    this.bytes -= k.batch.bytes;
    this.droppedBytes += k.batch.bytes;
    (this.kept as (Kept | undefined)[])[this.head] = undefined;
    this.head++;
  }
}
