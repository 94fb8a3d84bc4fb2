/**
 * Percentiles of a stream of durations in constant memory: logarithmic
 * buckets 5% wide, so p50/p95 are within 5% however long the stream runs.
 */

const GROWTH = Math.log(1.05);

/** A log-bucketed histogram of non-negative numbers. */
export class LogHistogram {
  private readonly counts: number[] = [];
  private n = 0;
  max = 0;

  add(value: number): void {
    const v = Math.max(0, value);
    const bucket = Math.floor(Math.log1p(v * 10) / GROWTH);
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.n++;
    if (v > this.max) this.max = v;
  }

  /** The value below which `q` (0–1) of the values fall, to within a bucket. */
  quantile(q: number): number {
    if (this.n === 0) return 0;
    const rank = Math.ceil(q * this.n);
    let seen = 0;
    for (let b = 0; b < this.counts.length; b++) {
      seen += this.counts[b] ?? 0;
      if (seen >= rank) return Math.min(this.max, Math.expm1((b + 0.5) * GROWTH) / 10);
    }
    return this.max;
  }
}
