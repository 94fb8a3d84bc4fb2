/** Monotonic milliseconds since `start`, rounded to 0.1 ms (finer is noise). */
export type Clock = () => number;

/** Starts a clock at zero now. */
export function startClock(): Clock {
  const t0 = performance.now();
  return () => Math.round((performance.now() - t0) * 10) / 10;
}

/** Resolves after `ms`, or early (with `false`) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
