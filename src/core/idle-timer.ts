/**
 * Fires once when nothing has happened for `ms`. `touch()` is called for
 * every chunk, so it only stores a timestamp: re-arming a timer per chunk
 * would cost more than the parsing at high rates.
 */
export class IdleTimer {
  private last = performance.now();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** While held, the quiet is ours (we stopped reading), not the server's. */
  private held = false;

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {
    if (ms > 0) this.arm(ms);
  }

  /** Something arrived. */
  touch(): void {
    this.last = performance.now();
  }

  /** Stops counting silence until `release()`, e.g. while reading is paused on purpose. */
  hold(): void {
    this.held = true;
  }

  /** Counts silence again, from now. */
  release(): void {
    this.held = false;
    this.touch();
  }

  /** Stops watching. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(delay: number): void {
    this.timer = setTimeout(() => {
      const quiet = this.held ? 0 : performance.now() - this.last;
      if (quiet >= this.ms - 1) {
        this.timer = undefined;
        this.onIdle();
      } else this.arm(this.ms - quiet);
    }, delay);
  }
}
