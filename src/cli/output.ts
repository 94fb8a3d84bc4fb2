/**
 * Batched stdout. One `write` per line caps a CLI near 100k lines/s, so
 * lines are gathered and written once per tick (or when 64 KiB pile up).
 */

/** A sink for whole lines of output. */
export class LineWriter {
  private buffer = '';
  private scheduled = false;
  private broken = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly onBrokenPipe: () => void,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      // A reader that went away (`| head`) is a normal way to stop, not a crash.
      this.broken = true;
      this.buffer = '';
      if (err.code === 'EPIPE') this.onBrokenPipe();
    });
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
    this.stream.write(text);
  }

  /** Flushes and resolves once the stream has taken everything. */
  async close(): Promise<void> {
    this.flush();
    if (this.broken) return;
    await new Promise<void>((resolve) => this.stream.write('', () => resolve()));
  }
}
