/**
 * The host's copy of a panel's timeline, bounded like the webview's, so that
 * Export and Copy work without asking the webview for its data.
 */
import { toJsonLine } from '../core/json-lines';
import type { TimelineItem } from '../core/items';

/** A bounded list that drops the oldest items first. */
export class TimelineStore {
  private items: TimelineItem[] = [];
  private head = 0;
  /** How many items were dropped to stay within `max`. */
  dropped = 0;

  constructor(private max: number) {}

  /** Appends items, dropping the oldest beyond the bound. */
  add(batch: readonly TimelineItem[]): void {
    for (const item of batch) this.items.push(item);
    const over = this.items.length - this.head - this.max;
    if (over > 0) {
      this.head += over;
      this.dropped += over;
      // Compact now and then rather than shifting on every item.
      if (this.head > this.max) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
    }
  }

  /** Changes the bound (takes effect on the next add). */
  setMax(max: number): void {
    this.max = Math.max(1, max);
  }

  /** Items kept, oldest first. */
  all(): TimelineItem[] {
    return this.items.slice(this.head);
  }

  /** Number of items kept. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Forgets everything. */
  clear(): void {
    this.items = [];
    this.head = 0;
    this.dropped = 0;
  }
}

/**
 * The timeline as JSON Lines for Export: the same lines `stream-viewer --json`
 * prints, so scripts read an export and a CLI run alike.
 */
export function timelineToJsonLines(items: readonly TimelineItem[]): string {
  let out = '';
  for (const item of items) {
    const line = toJsonLine(item);
    if (line) out += JSON.stringify(line) + '\n';
  }
  return out;
}
