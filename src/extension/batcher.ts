/**
 * Gathers items produced at any rate into one message every `intervalMs`:
 * a `postMessage` per event would flood the webview at 100k events/s.
 * The first item of a quiet period goes out at once so that a slow stream
 * still feels live.
 */
export class Batcher<T> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly flushTo: (batch: T[]) => void,
  ) {}

  /** Queues one item. */
  add(item: T): void {
    this.pending.push(item);
    if (this.timer !== undefined) return;
    const wait = this.lastFlush + this.intervalMs - performance.now();
    if (wait <= 0) {
      // Defer to the end of this tick so that a synchronous burst lands in one batch.
      this.timer = setTimeout(() => this.flush(), 0);
    } else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends what is queued now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.lastFlush = performance.now();
    this.flushTo(batch);
  }

  /** Drops what is queued and stops. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
