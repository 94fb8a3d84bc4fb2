/**
 * Checks one stream against an `expect` block: fed the run's items as they
 * arrive, judged when it ends with what the analysis concluded (merged LLM
 * response, timing, diagnostics). Every failure says what was expected,
 * what came and, where one did, which event. The CLI's `--expect-*` flags
 * and `stream-viewer test` both use it.
 */
import type { Diagnostic } from '../analysis/diagnostics';
import type { StreamStats } from '../analysis/stats';
import type { ErrorItem, TimelineItem } from '../items';
import type { MergedResponse } from '../llm/types';
import { eventJson as jsonOf, eventType as typeOf } from './event-data';
import { JsonPathState } from './json-path-check';
import { checkLlm } from './llm-checks';
import { atEvent, type CheckResult, type EventRef, type Expect } from './model';

/** What the run concluded, read when the stream is over. */
export interface StreamOutcome {
  merged?: MergedResponse;
  timing?: StreamStats;
  problems?: readonly Diagnostic[];
}

function quoted(types: Iterable<string>): string {
  const list = [...types].map((t) => `"${t}"`);
  return list.length === 0 ? 'no events' : list.join(', ');
}

/** Watches one stream's items and checks them against `expect` at the end. */
export class ExpectChecker {
  private status: number | undefined;
  private ttfb: number | undefined;
  private events = 0;
  private first: EventRef | undefined;
  private last: EventRef | undefined;
  private gap: { ms: number; event: EventRef } | undefined;
  private overMax: EventRef | undefined;
  /** Each type's first event; bounded by the number of distinct types, which a test names in advance or reports. */
  private readonly types = new Map<string, EventRef>();
  private forbidden: EventRef | undefined;
  private sequenceAt = 0;
  private sequenceLast: EventRef | undefined;
  private fatal: ErrorItem | undefined;
  private readonly paths: JsonPathState[];
  private readonly strict: boolean;

  /** `strict`: a stream that fails (connection refused, HTTP error, timeout) is a failed check; by default only when something is expected. */
  constructor(
    private readonly expect: Expect,
    options: { strict?: boolean } = {},
  ) {
    this.strict = options.strict ?? Object.keys(expect).length > 0;
    this.paths = (expect.jsonPath ?? []).map((c, i) => new JsonPathState(`jsonPath[${i}]`, c));
  }

  /** Feeds one item of the run (in order). */
  add(item: TimelineItem): void {
    if (item.kind === 'response') {
      this.status ??= item.status;
      this.ttfb ??= item.ttfbMs;
      return;
    }
    if (item.kind === 'error') {
      if (item.fatal) this.fatal ??= item;
      return;
    }
    const type = typeOf(item);
    if (type === undefined) return;
    const ref: EventRef = { seq: ++this.events, type, t: item.t };
    this.first ??= ref;
    if (this.last !== undefined && (this.gap === undefined || item.t - this.last.t > this.gap.ms)) this.gap = { ms: item.t - this.last.t, event: ref };
    this.last = ref;
    const e = this.expect;
    if (e.events?.max !== undefined && this.events > e.events.max) this.overMax ??= ref;
    if (!this.types.has(type) && (this.types.size < 1000 || e.eventTypes?.includes(type) === true)) this.types.set(type, ref);
    if (e.forbidEventTypes?.includes(type) === true) this.forbidden ??= ref;
    if (e.sequence !== undefined && e.sequence[this.sequenceAt] === type) {
      this.sequenceAt++;
      this.sequenceLast = ref;
    }
    const wanting = this.paths.filter((p) => p.wants(type));
    if (wanting.length > 0) {
      const json = jsonOf(item);
      if (json !== undefined) for (const p of wanting) p.add(json, ref);
    }
  }

  /** Every check of the block, in the block's order; the stream's own failure first. */
  results(outcome: StreamOutcome = {}): CheckResult[] {
    const e = this.expect;
    const out: CheckResult[] = [];
    const push = (name: string, ok: boolean, pass: string, fail: string, event?: EventRef): void => {
      out.push({ name, ok, message: ok ? pass : fail, event });
    };
    const f = this.fatal;
    // A status the test expects (404, say) is a pass even though the engine ends such a stream with an error.
    if (f && !(f.code === 'http-status' && e.status !== undefined && f.status === e.status) && this.strict) {
      out.push({ name: 'stream', ok: false, message: `the stream failed: ${f.message}` });
    }
    if (e.status !== undefined) push('status', this.status === e.status, `status ${e.status}`, `expected status ${e.status}, got ${this.status ?? 'no response'}`);
    if (e.maxTtfbMs !== undefined) {
      const t = this.ttfb;
      push('maxTtfbMs', t !== undefined && t <= e.maxTtfbMs, `first byte after ${t?.toFixed(1)} ms (limit ${e.maxTtfbMs} ms)`, `expected the first byte within ${e.maxTtfbMs} ms, got ${t === undefined ? 'no response' : `${t.toFixed(1)} ms`}`);
    }
    if (e.maxFirstEventMs !== undefined) {
      const t = this.first?.t;
      push('maxFirstEventMs', t !== undefined && t <= e.maxFirstEventMs, `first event after ${t?.toFixed(1)} ms (limit ${e.maxFirstEventMs} ms)`, `expected the first event within ${e.maxFirstEventMs} ms, got ${t === undefined ? 'no events' : `${t.toFixed(1)} ms`}`, this.first);
    }
    if (e.events !== undefined) this.countCheck(e.events, push);
    for (const type of e.eventTypes ?? []) {
      const ref = this.types.get(type);
      push('eventTypes', ref !== undefined, `an event of type "${type}" arrived${atEvent(ref)}`, `expected an event of type "${type}"; got ${quoted(this.types.keys())}`, ref);
    }
    if (e.forbidEventTypes !== undefined) {
      const bad = this.forbidden;
      push('forbidEventTypes', bad === undefined, `no event of type ${quoted(e.forbidEventTypes)}`, `expected no event of type ${quoted(e.forbidEventTypes)}, got "${bad?.type}"${atEvent(bad)}`, bad);
    }
    if (e.sequence !== undefined) {
      const done = this.sequenceAt >= e.sequence.length;
      const missing = e.sequence[this.sequenceAt];
      const after = this.sequenceLast === undefined ? 'before any of them came' : `after "${this.sequenceLast.type}"${atEvent(this.sequenceLast)}`;
      push('sequence', done, `events in order: ${e.sequence.join(' → ')}`, `expected events in order ${e.sequence.join(' → ')}; "${missing}" never came ${after}`, done ? undefined : this.sequenceLast);
    }
    if (e.maxGapMs !== undefined) {
      const g = this.gap;
      push('maxGapMs', g === undefined || g.ms <= e.maxGapMs, `longest gap ${g?.ms.toFixed(1) ?? 0} ms (limit ${e.maxGapMs} ms)`, `expected no gap over ${e.maxGapMs} ms between events, got ${g?.ms.toFixed(1)} ms ending${atEvent(g?.event)}`, g?.event);
    }
    for (const p of this.paths) out.push(p.result());
    if (e.llm !== undefined) out.push(...checkLlm(e.llm, outcome.merged, outcome.timing));
    if (e.noDiagnostics !== undefined) out.push(this.diagnosticsCheck(e.noDiagnostics, outcome.problems ?? []));
    return out;
  }

  private countCheck(want: { min?: number; max?: number }, push: (name: string, ok: boolean, pass: string, fail: string, event?: EventRef) => void): void {
    const n = this.events;
    const { min, max } = want;
    const range = min !== undefined && max !== undefined ? `${min} to ${max} events` : min !== undefined ? `at least ${min} events` : `at most ${max} events`;
    if (min !== undefined && n < min) push('events', false, '', `expected ${range}, got ${n}`);
    else if (max !== undefined && n > max) push('events', false, '', `expected ${range}, got ${n}; the first one too many came${atEvent(this.overMax)}`, this.overMax);
    else push('events', true, `${range}, got ${n}`, '');
  }

  private diagnosticsCheck(which: true | string[], problems: readonly Diagnostic[]): CheckResult {
    const found = problems.filter((d) => which === true || which.includes(d.code));
    const what = which === true ? 'no protocol diagnostics' : `no diagnostic ${quoted(which)}`;
    if (found.length === 0) return { name: 'noDiagnostics', ok: true, message: what };
    const d = found[0]!;
    const event = d.seq === undefined ? undefined : { seq: d.seq, t: d.t };
    const more = found.length > 1 ? ` (and ${found.length - 1} more: ${found.slice(1).map((x) => x.code).join(', ')})` : '';
    return { name: 'noDiagnostics', ok: false, message: `expected ${what}, got ${d.code}: ${d.message}${atEvent(event)}${more}`, event };
  }
}
