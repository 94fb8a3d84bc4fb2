/**
 * Batched stdout. One `write` per line caps a CLI near 100k lines/s, so
 * lines are gathered and written once per tick (or when 64 KiB pile up).
 * When the reader is slower than the stream (`| less`, a slow CI log),
 * `ready()` tells the session to stop reading the response until stdout
 * drains, so memory stays bounded instead of queueing the whole stream.
 */

/** A sink for whole lines of output. */
export class LineWriter {
  private buffer = '';
  private scheduled = false;
  private broken = false;
  /** Pending while the stream holds more than its high-water mark. */
  private drained: Promise<void> | undefined;
  private onDrained: (() => void) | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly onBrokenPipe: () => void,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      // A reader that went away (`| head`) is a normal way to stop, not a crash.
      this.broken = true;
      this.buffer = '';
      this.release();
      if (err.code === 'EPIPE') this.onBrokenPipe();
    });
    stream.on('drain', () => this.release());
    stream.on('close', () => this.release());
  }

  /** Queues one line (a newline is added). */
  line(text: string): void {
    if (this.broken) return;
    this.buffer += text + '\n';
    if (this.buffer.length >= 65536) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes what is queued now. */
  flush(): void {
    this.scheduled = false;
    if (this.buffer === '' || this.broken) return;
    const text = this.buffer;
    this.buffer = '';
    if (!this.stream.write(text) && !this.drained) {
      this.drained = new Promise<void>((resolve) => (this.onDrained = resolve));
    }
  }

  /**
   * `undefined` while the stream has room (go on at once); otherwise a
   * promise that resolves when it drains, or breaks.
   */
  ready(): Promise<void> | undefined {
    return this.drained;
  }

  /** Flushes and resolves once the stream has taken everything. */
  async close(): Promise<void> {
    this.flush();
    if (this.broken) return;
    await new Promise<void>((resolve) => this.stream.write('', () => resolve()));
  }

  private release(): void {
    const resolve = this.onDrained;
    this.drained = undefined;
    this.onDrained = undefined;
    resolve?.();
  }
}
