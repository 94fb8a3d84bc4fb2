/**
 * The raw view's model: every received character, split into lines as it
 * arrives (a line may span many chunks), bounded like the timeline.
 */
import { BoundedBuffer } from './buffer';

/** Received text as lines. */
export class RawLines {
  private readonly lines: BoundedBuffer<string>;
  /** The line still being received (no line break yet). */
  private partial = '';
  bytes = 0;

  constructor(capacity: number) {
    this.lines = new BoundedBuffer<string>(capacity);
  }

  /** Adds received text. */
  add(text: string, size: number): void {
    this.bytes += size;
    const parts = (this.partial + text).split(/\r\n|\n|\r(?!$)/);
    this.partial = parts.pop() ?? '';
    if (parts.length > 0) this.lines.push(parts);
  }

  /** Lines, the unfinished one included. */
  get length(): number {
    return this.lines.length + (this.partial !== '' ? 1 : 0);
  }

  at(i: number): string {
    return i < this.lines.length ? this.lines.at(i)! : this.partial;
  }

  /** Lines dropped to stay within the bound. */
  get dropped(): number {
    return this.lines.dropped;
  }

  /** All text kept, for copying. */
  text(): string {
    return [...this.lines, this.partial].join('\n');
  }

  clear(): void {
    this.lines.clear();
    this.partial = '';
    this.bytes = 0;
  }
}
