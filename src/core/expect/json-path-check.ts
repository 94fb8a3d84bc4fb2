/**
 * One `jsonPath` check, fed event by event: it keeps only what its verdict
 * needs (the first failure, the first pass or the last value), so a stream
 * of any length is checked in bounded memory.
 */
import { isDeepStrictEqual } from 'node:util';
import { selectJson } from '../../shared/json-path';
import { atEvent, shown, type CheckResult, type EventRef, type JsonPathCheck } from './model';

/** A verdict on one event's data. */
export interface Verdict {
  ok: boolean;
  /** What the path selected, for the message. */
  got: unknown;
}

/** Judges one event's data; `re` is the check's `matches`, compiled once by the caller. */
export function judgeJsonPath(check: JsonPathCheck, json: unknown, re = check.matches === undefined ? undefined : new RegExp(check.matches)): Verdict {
  const values = selectJson(json, check.path);
  const got = values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
  if (check.equals !== undefined) return { ok: values.some((v) => isDeepStrictEqual(v, check.equals)), got };
  if (re) return { ok: values.some((v) => re.test(typeof v === 'string' ? v : JSON.stringify(v))), got };
  return { ok: values.length > 0 === (check.exists ?? true), got };
}

/** What a check asks for, in words: `2`, `a value matching /x/`, `a value`. */
export function expectedText(check: JsonPathCheck): string {
  if (check.equals !== undefined) return shown(check.equals);
  if (check.matches !== undefined) return `a value matching /${check.matches}/`;
  return check.exists === false ? 'nothing' : 'a value';
}

/** Follows one check through a stream. */
export class JsonPathState {
  private readonly on: 'each' | 'any' | 'last';
  private readonly re: RegExp | undefined;
  private seen = 0;
  /** each: the first failure; any: the first pass; last: the last event. */
  private found: { verdict: Verdict; event: EventRef } | undefined;
  private lastJson: { json: unknown; event: EventRef } | undefined;

  constructor(
    private readonly name: string,
    private readonly check: JsonPathCheck,
  ) {
    this.on = check.on ?? 'each';
    this.re = check.matches === undefined ? undefined : new RegExp(check.matches);
  }

  /** Whether events of this type count for the check. */
  wants(type: string): boolean {
    return this.check.event === undefined || this.check.event === type;
  }

  /** Adds the parsed data of one event. */
  add(json: unknown, event: EventRef): void {
    this.seen++;
    // The last event is judged once, at the end: only its data is kept.
    if (this.on === 'last') this.lastJson = { json, event };
    else if (this.on === 'each' && (this.found === undefined || this.found.verdict.ok)) {
      const verdict = this.judge(json);
      if (!verdict.ok || this.found === undefined) this.found = { verdict, event };
    } else if (this.on === 'any' && this.found?.verdict.ok !== true) this.found = { verdict: this.judge(json), event };
  }

  private judge(json: unknown): Verdict {
    return judgeJsonPath(this.check, json, this.re);
  }

  private expected(): string {
    return expectedText(this.check);
  }

  /** The verdict once the stream is over. */
  result(): CheckResult {
    const c = this.check;
    const of = c.event === undefined ? 'JSON events' : `JSON "${c.event}" events`;
    const label = `${c.path} on ${this.on}`;
    if (this.lastJson) this.found = { verdict: this.judge(this.lastJson.json), event: this.lastJson.event };
    if (this.seen === 0 || this.found === undefined) return { name: this.name, ok: false, message: `${label}: expected ${this.expected()}, but no ${of} came` };
    const { verdict, event } = this.found;
    const expected = this.expected();
    if (verdict.ok) {
      const where = this.on === 'each' ? ` in all ${this.seen} ${of}` : atEvent(event);
      return { name: this.name, ok: true, message: `${label}: ${expected}${where}`, event };
    }
    const scope = this.on === 'any' ? ` in any of ${this.seen} ${of}; the last had` : ', got';
    return { name: this.name, ok: false, message: `${label}: expected ${expected}${scope} ${shown(verdict.got)}${atEvent(event)}`, event };
  }
}
