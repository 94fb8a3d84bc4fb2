/**
 * The webview's bounded item buffer: keeps at most `capacity` items, drops
 * the oldest beyond that and counts what it dropped, so a stream that runs
 * for hours cannot exhaust the webview's memory.
 */

/** A bounded, append-only sequence with O(1) append and index access. */
export class BoundedBuffer<T> {
  private items: T[] = [];
  /** Index in `items` of the oldest kept item (items before it are dropped). */
  private start = 0;
  /** How many items were dropped since the last clear. */
  dropped = 0;

  constructor(private capacity: number) {}

  /** Number of items kept. */
  get length(): number {
    return this.items.length - this.start;
  }

  /** The item at `i` (0 = oldest kept). */
  at(i: number): T | undefined {
    return this.items[this.start + i];
  }

  /** Appends items; returns how many of the oldest were dropped to make room. */
  push(batch: readonly T[]): number {
    for (const item of batch) this.items.push(item);
    const over = this.length - this.capacity;
    if (over <= 0) return 0;
    this.start += over;
    this.dropped += over;
    // Compact now and then rather than shifting on every append.
    if (this.start > this.capacity) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
    return over;
  }

  /** Changes the capacity, dropping the oldest when it shrinks. */
  resize(capacity: number): void {
    this.capacity = Math.max(1, capacity);
    this.push([]);
  }

  /** Empties the buffer. */
  clear(): void {
    this.items = [];
    this.start = 0;
    this.dropped = 0;
  }

  /** Items kept, oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.start; i < this.items.length; i++) yield this.items[i]!;
  }
}
