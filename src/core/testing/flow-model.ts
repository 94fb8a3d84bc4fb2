/**
 * Flows: a listener stream is opened, trigger requests are sent in order,
 * and each trigger must be followed by a matching event on the listener
 * within a time limit — an event stream announcing what another request
 * did. Requests are named as in `stream-viewer run` (name or folder/name).
 */
import type { Expect, JsonPathCheck } from '../expect/model';
import { expectProblem } from '../expect/validate';
import { isJsonObject } from '../../shared/json-object';

/** Time a step waits for its event when the flow does not say. */
export const DEFAULT_WITHIN_MS = 5000;

/** The listener event a step waits for. */
export interface EventMatch {
  /** Event type (SSE `event`; `ndjson` / `json-seq` for records). */
  event?: string;
  /** Every check holds on the event's JSON data (`on` is ignored: one event is judged). */
  jsonPath?: JsonPathCheck[];
  /** Most time from sending the trigger to the event, ms (default 5000). */
  withinMs?: number;
}

/** One trigger and what the listener must show after it. */
export interface FlowStep {
  /** The request to send (its own `expect` block is checked too). */
  send: string;
  /** The event that must follow; omit to only send. */
  expectEvent?: EventMatch;
}

/** A listener stream and its triggers. */
export interface Flow {
  name: string;
  /** The request whose stream is listened to. */
  listen: string;
  steps: FlowStep[];
  /** Checks on the whole listener stream once the steps are done. */
  expect?: Expect;
}

function matchProblem(m: unknown, where: string): string | undefined {
  if (!isJsonObject(m)) return `${where} must be an object`;
  const extra = Object.keys(m).find((k) => !['event', 'jsonPath', 'withinMs'].includes(k));
  if (extra !== undefined) return `${where} has an unknown key "${extra}" (known: event, jsonPath, withinMs)`;
  if (m.event !== undefined && typeof m.event !== 'string') return `${where}.event must be a string`;
  if (m.withinMs !== undefined && (typeof m.withinMs !== 'number' || !(m.withinMs >= 0))) return `${where}.withinMs must be a number ≥ 0`;
  if (m.jsonPath !== undefined) {
    // The same rules as an expect block's jsonPath list.
    const e = expectProblem({ jsonPath: m.jsonPath }, where);
    if (e) return e;
  }
  return undefined;
}

/** What is wrong with a flow read from a file, or undefined when it is fine. */
export function flowProblem(f: unknown, where: string): string | undefined {
  if (!isJsonObject(f)) return `${where} must be an object`;
  if (typeof f.name !== 'string' || f.name.trim() === '') return `${where} needs a "name"`;
  const at = `${where} "${f.name}"`;
  const extra = Object.keys(f).find((k) => !['name', 'listen', 'steps', 'expect'].includes(k));
  if (extra !== undefined) return `${at} has an unknown key "${extra}" (known: name, listen, steps, expect)`;
  if (typeof f.listen !== 'string') return `${at} needs "listen": the request whose stream is watched`;
  if (!Array.isArray(f.steps) || f.steps.length === 0) return `${at} needs "steps": [{ "send": "request", "expectEvent": {…} }]`;
  for (let i = 0; i < f.steps.length; i++) {
    const s: unknown = f.steps[i];
    const w = `${at}.steps[${i}]`;
    if (!isJsonObject(s) || typeof s.send !== 'string') return `${w} needs "send": the request to send`;
    const bad = Object.keys(s).find((k) => k !== 'send' && k !== 'expectEvent');
    if (bad !== undefined) return `${w} has an unknown key "${bad}" (known: send, expectEvent)`;
    if (s.expectEvent !== undefined) {
      const e = matchProblem(s.expectEvent, `${w}.expectEvent`);
      if (e) return e;
    }
  }
  return f.expect === undefined ? undefined : expectProblem(f.expect, `${at}.expect`);
}

