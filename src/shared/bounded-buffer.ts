/**
 * A bounded, append-only sequence: keeps at most `maxItems` items and at most
 * `maxBytes` bytes (as the caller measures them), drops the oldest beyond
 * either bound and counts what it dropped. The host's store and the webview's
 * timeline both keep their items in one, so a stream that runs for hours —
 * or one record of a gigabyte — cannot exhaust either side's memory.
 */

/** Bounds of a buffer. */
export interface Bounds {
  maxItems: number;
  /** Largest total of `sizeOf` over the kept items; Infinity for none. */
  maxBytes: number;
}

/** A bounded sequence with O(1) append and index access. */
export class BoundedBuffer<T> {
  private items: T[] = [];
  private sizes: number[] = [];
  /** Index in `items` of the oldest kept item (items before it are dropped). */
  private start = 0;
  /** How many items were dropped since the last clear. */
  dropped = 0;
  /** Bytes of the dropped items. */
  droppedBytes = 0;
  /** Bytes of the kept items. */
  bytes = 0;
  private bounds: Bounds;

  constructor(bounds: Bounds | number, private readonly sizeOf: (item: T) => number = () => 0) {
    this.bounds = typeof bounds === 'number' ? { maxItems: bounds, maxBytes: Infinity } : bounds;
  }

  /** Number of items kept. */
  get length(): number {
    return this.items.length - this.start;
  }

  /** The item at `i` (0 = oldest kept). */
  at(i: number): T | undefined {
    return i < 0 ? undefined : this.items[this.start + i];
  }

  /** The newest item. */
  last(): T | undefined {
    return this.items.length > this.start ? this.items[this.items.length - 1] : undefined;
  }

  /** Appends one item; returns how many of the oldest were dropped to make room. */
  add(item: T): number {
    const size = this.sizeOf(item);
    this.items.push(item);
    this.sizes.push(size);
    this.bytes += size;
    return this.length > this.bounds.maxItems || this.bytes > this.bounds.maxBytes ? this.trim() : 0;
  }

  /** Appends items; returns how many of the oldest were dropped to make room. */
  push(batch: readonly T[]): number {
    for (const item of batch) {
      const size = this.sizeOf(item);
      this.items.push(item);
      this.sizes.push(size);
      this.bytes += size;
    }
    return this.trim();
  }

  /** Changes the bounds, dropping the oldest when they shrink. */
  resize(bounds: Partial<Bounds>): void {
    this.bounds = { maxItems: Math.max(1, bounds.maxItems ?? this.bounds.maxItems), maxBytes: Math.max(1, bounds.maxBytes ?? this.bounds.maxBytes) };
    this.trim();
  }

  /** Empties the buffer. */
  clear(): void {
    this.items = [];
    this.sizes = [];
    this.start = 0;
    this.dropped = 0;
    this.droppedBytes = 0;
    this.bytes = 0;
  }

  /** Items kept, oldest first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.start; i < this.items.length; i++) yield this.items[i]!;
  }

  /** Items kept, oldest first, as an array. */
  toArray(): T[] {
    return this.items.slice(this.start);
  }

  private trim(): number {
    let over = 0;
    // The newest item always stays, even when it alone is over the byte bound.
    while (this.length > 1 && (this.length > this.bounds.maxItems || this.bytes > this.bounds.maxBytes)) {
      const size = this.sizes[this.start]!;
      this.bytes -= size;
      this.droppedBytes += size;
      (this.items as (T | undefined)[])[this.start] = undefined;
      this.start++;
      over++;
    }
    this.dropped += over;
    // Compact now and then rather than shifting on every append.
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.sizes = this.sizes.slice(this.start);
      this.start = 0;
    }
    return over;
  }
}
