/**
 * Timing analytics for one stream: time to first byte and first event,
 * events per second over time, gaps between events (p50/p95/max) and
 * stalls over a threshold, tokens per second when an LLM response is known.
 */
import type { TimelineItem } from '../items';
import { LogHistogram } from './histogram';

/** Default gap that counts as a stall. */
const DEFAULT_STALL_MS = 2000;

/** The analytics of a stream so far. */
export interface StreamStats {
  ttfbMs: number | null;
  firstEventMs: number | null;
  durationMs: number;
  events: number;
  bytes: number;
  eventsPerSec: number;
  gapMs: { p50: number; p95: number; max: number };
  stalls: { thresholdMs: number; count: number; longestMs: number };
  /** Events per whole second since the request, for a sparkline. */
  perSecond: number[];
  tokens?: number;
  tokensPerSec?: number;
}

/** Collects analytics from timeline items. */
export class StatsCollector {
  private ttfb: number | null = null;
  private firstEvent: number | null = null;
  private lastEvent: number | null = null;
  private lastT = 0;
  private events = 0;
  private bytes = 0;
  private readonly gaps = new LogHistogram();
  private readonly perSecond: number[] = [];
  private stallCount = 0;
  private longestStall = 0;

  constructor(readonly stallMs = DEFAULT_STALL_MS) {}

  add(item: TimelineItem): void {
    this.lastT = Math.max(this.lastT, item.t);
    switch (item.kind) {
      case 'response':
        this.ttfb ??= item.ttfbMs;
        return;
      case 'message':
      case 'chunk': {
        this.events++;
        this.firstEvent ??= item.t;
        if (this.lastEvent !== null) {
          const gap = item.t - this.lastEvent;
          this.gaps.add(gap);
          if (gap >= this.stallMs) {
            this.stallCount++;
            this.longestStall = Math.max(this.longestStall, gap);
          }
        }
        this.lastEvent = item.t;
        const second = Math.floor(item.t / 1000);
        while (this.perSecond.length <= second) this.perSecond.push(0);
        this.perSecond[second]!++;
        return;
      }
      case 'end':
        this.bytes = item.bytes;
        return;
      default:
        return;
    }
  }

  /** Stats so far; `tokens` (from an LLM usage block or the delta count) adds tokens/s. */
  result(tokens?: number): StreamStats {
    const span = this.firstEvent !== null && this.lastEvent !== null ? this.lastEvent - this.firstEvent : 0;
    const round = (n: number): number => Math.round(n * 10) / 10;
    const stats: StreamStats = {
      ttfbMs: this.ttfb,
      firstEventMs: this.firstEvent,
      durationMs: round(this.lastT),
      events: this.events,
      bytes: this.bytes,
      eventsPerSec: span > 0 ? round(((this.events - 1) / span) * 1000) : 0,
      gapMs: { p50: round(this.gaps.quantile(0.5)), p95: round(this.gaps.quantile(0.95)), max: round(this.gaps.max) },
      stalls: { thresholdMs: this.stallMs, count: this.stallCount, longestMs: round(this.longestStall) },
      perSecond: [...this.perSecond],
    };
    if (tokens !== undefined && tokens > 0) {
      stats.tokens = tokens;
      stats.tokensPerSec = span > 0 ? round((tokens / span) * 1000) : 0;
    }
    return stats;
  }
}
