/**
 * Flows: a listener stream is opened, trigger requests are sent in order,
 * and each trigger must be followed by a matching event on the listener
 * within a time limit — an event stream announcing what another request
 * did. Requests are named as in `stream-viewer run` (name or folder/name).
 */
import type { Expect, JsonPathCheck } from '../expect/model';
import { expectProblems, jsonPathListProblems } from '../expect/validate';
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

function matchProblems(m: unknown, where: string): string[] {
  if (!isJsonObject(m)) return [`${where} must be an object`];
  const out = Object.keys(m)
    .filter((k) => !['event', 'jsonPath', 'withinMs'].includes(k))
    .map((k) => `${where} has an unknown key "${k}" (known: event, jsonPath, withinMs)`);
  if (m.event !== undefined && typeof m.event !== 'string') out.push(`${where}.event must be a string`);
  if (m.withinMs !== undefined && (typeof m.withinMs !== 'number' || !(m.withinMs >= 0))) out.push(`${where}.withinMs must be a number ≥ 0`);
  // The same rules as an expect block's jsonPath list.
  if (m.jsonPath !== undefined) out.push(...jsonPathListProblems(m.jsonPath, `${where}.jsonPath`));
  return out;
}

/** Everything wrong with a flow read from a file (none when it is fine). */
export function flowProblems(f: unknown, where: string): string[] {
  if (!isJsonObject(f)) return [`${where} must be an object`];
  if (typeof f.name !== 'string' || f.name.trim() === '') return [`${where} needs a "name"`];
  const at = `${where} "${f.name}"`;
  const out = Object.keys(f)
    .filter((k) => !['name', 'listen', 'steps', 'expect'].includes(k))
    .map((k) => `${at} has an unknown key "${k}" (known: name, listen, steps, expect)`);
  if (typeof f.listen !== 'string') out.push(`${at} needs "listen": the request whose stream is watched`);
  if (!Array.isArray(f.steps) || f.steps.length === 0) out.push(`${at} needs "steps": [{ "send": "request", "expectEvent": {…} }]`);
  else
    f.steps.forEach((s: unknown, i) => {
      const w = `${at}.steps[${i}]`;
      if (!isJsonObject(s) || typeof s.send !== 'string') return void out.push(`${w} needs "send": the request to send`);
      for (const bad of Object.keys(s).filter((k) => k !== 'send' && k !== 'expectEvent')) out.push(`${w} has an unknown key "${bad}" (known: send, expectEvent)`);
      if (s.expectEvent !== undefined) out.push(...matchProblems(s.expectEvent, `${w}.expectEvent`));
    });
  if (f.expect !== undefined) out.push(...expectProblems(f.expect, `${at}.expect`));
  return out;
}
