/**
 * Stream assertions for CI (`--expect-events`, `--expect-event`,
 * `--expect-status`, `--max-ttfb`): checked when the stream ends, each
 * with a message that says what was expected and what came.
 */
import type { TimelineItem } from '../core/items';

/** What a run must show. */
export interface Expectations {
  minEvents?: number;
  eventTypes: string[];
  status?: number;
  maxTtfbMs?: number;
}

/** One checked expectation. */
export interface ExpectationResult {
  name: string;
  ok: boolean;
  message: string;
}

/** Watches items and checks the expectations at the end. */
export class ExpectationChecker {
  private events = 0;
  private readonly types = new Set<string>();
  private status: number | undefined;
  private ttfb: number | undefined;

  constructor(private readonly expected: Expectations) {}

  add(item: TimelineItem): void {
    if (item.kind === 'message') {
      this.events++;
      this.types.add(item.event ?? item.format);
    } else if (item.kind === 'chunk') this.events++;
    else if (item.kind === 'response') {
      this.status ??= item.status;
      this.ttfb ??= item.ttfbMs;
    }
  }

  /** The results, in the order the flags are documented. */
  results(): ExpectationResult[] {
    const e = this.expected;
    const out: ExpectationResult[] = [];
    if (e.minEvents !== undefined) {
      const ok = this.events >= e.minEvents;
      out.push({ name: 'expect-events', ok, message: `${ok ? '' : 'expected '}at least ${e.minEvents} events${ok ? '' : ','} got ${this.events}` });
    }
    for (const type of e.eventTypes) {
      const ok = this.types.has(type);
      out.push({ name: 'expect-event', ok, message: ok ? `an event of type "${type}" arrived` : `expected an event of type "${type}"; got ${this.types.size ? [...this.types].map((t) => `"${t}"`).join(', ') : 'no events'}` });
    }
    if (e.status !== undefined) {
      const ok = this.status === e.status;
      out.push({ name: 'expect-status', ok, message: ok ? `status ${e.status}` : `expected status ${e.status}, got ${this.status ?? 'no response'}` });
    }
    if (e.maxTtfbMs !== undefined) {
      const ok = this.ttfb !== undefined && this.ttfb <= e.maxTtfbMs;
      out.push({ name: 'max-ttfb', ok, message: ok ? `first byte after ${this.ttfb!.toFixed(1)} ms (limit ${e.maxTtfbMs} ms)` : `expected the first byte within ${e.maxTtfbMs} ms, got ${this.ttfb === undefined ? 'no response' : `${this.ttfb.toFixed(1)} ms`}` });
    }
    return out;
  }
}
