/**
 * Checks an `expect` block read from a collection file, so a typo (an
 * unknown key, a regex that does not compile, a JSONPath that does not
 * parse) is reported with where it is before anything is sent.
 */
import { DIAGNOSTIC_CODES } from '../analysis/diagnostics';
import { isJsonObject } from '../../shared/json-object';
import { jsonPathError } from '../../shared/json-path';

const KEYS = ['status', 'maxTtfbMs', 'maxFirstEventMs', 'maxGapMs', 'events', 'eventTypes', 'forbidEventTypes', 'sequence', 'jsonPath', 'llm', 'noDiagnostics', 'stopAfterMs'];
const NUMBERS = ['status', 'maxTtfbMs', 'maxFirstEventMs', 'maxGapMs', 'stopAfterMs'];
const LISTS = ['eventTypes', 'forbidEventTypes', 'sequence'];

function isCount(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}

function regexError(source: unknown, where: string): string | undefined {
  if (typeof source !== 'string') return `${where} must be a regular expression (a string)`;
  try {
    new RegExp(source);
    return undefined;
  } catch (err) {
    return `${where} is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function unknownKey(o: Record<string, unknown>, allowed: readonly string[], where: string): string | undefined {
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `${where} has an unknown key "${extra}" (known: ${allowed.join(', ')})`;
}

function checkJsonPath(c: unknown, where: string): string | undefined {
  if (!isJsonObject(c)) return `${where} must be an object with a "path"`;
  const extra = unknownKey(c, ['path', 'on', 'event', 'equals', 'matches', 'exists'], where);
  if (extra) return extra;
  if (typeof c.path !== 'string') return `${where} needs a "path" string`;
  const bad = jsonPathError(c.path);
  if (bad) return `${where}.path "${c.path}" is not valid JSONPath: ${bad}`;
  if (c.on !== undefined && !['each', 'any', 'last'].includes(String(c.on))) return `${where}.on must be each, any or last`;
  if (c.event !== undefined && typeof c.event !== 'string') return `${where}.event must be a string`;
  if (c.exists !== undefined && typeof c.exists !== 'boolean') return `${where}.exists must be true or false`;
  if (c.matches !== undefined) return regexError(c.matches, `${where}.matches`);
  return undefined;
}

function checkLlm(l: unknown, where: string): string | undefined {
  if (!isJsonObject(l)) return `${where} must be an object`;
  const extra = unknownKey(l, ['text', 'toolCalls', 'finishReason', 'minTokensPerSec'], where);
  if (extra) return extra;
  if (l.text !== undefined) {
    const e = regexError(l.text, `${where}.text`);
    if (e) return e;
  }
  if (l.finishReason !== undefined && typeof l.finishReason !== 'string') return `${where}.finishReason must be a string`;
  if (l.minTokensPerSec !== undefined && !isCount(l.minTokensPerSec)) return `${where}.minTokensPerSec must be a number ≥ 0`;
  if (l.toolCalls !== undefined) {
    if (!Array.isArray(l.toolCalls)) return `${where}.toolCalls must be a list`;
    const bad = l.toolCalls.findIndex((t) => !isJsonObject(t) || typeof t.name !== 'string' || (t.arguments !== undefined && !isJsonObject(t.arguments)));
    if (bad !== -1) return `${where}.toolCalls[${bad}] needs a "name" string (and an optional "arguments" object)`;
  }
  return undefined;
}

/** What is wrong with an `expect` block, or undefined when it is fine. */
export function expectProblem(x: unknown, where: string): string | undefined {
  if (!isJsonObject(x)) return `${where} must be an object`;
  const extra = unknownKey(x, KEYS, where);
  if (extra) return extra;
  for (const k of NUMBERS) if (x[k] !== undefined && !isCount(x[k])) return `${where}.${k} must be a number ≥ 0`;
  for (const k of LISTS) {
    const v = x[k];
    if (v !== undefined && (!Array.isArray(v) || v.some((t) => typeof t !== 'string'))) return `${where}.${k} must be a list of event types (strings)`;
  }
  if (x.events !== undefined) {
    const e = x.events;
    if (!isJsonObject(e) || unknownKey(e, ['min', 'max'], '') !== undefined || (e.min !== undefined && !isCount(e.min)) || (e.max !== undefined && !isCount(e.max))) return `${where}.events must be { "min": n, "max": n }`;
  }
  if (x.jsonPath !== undefined) {
    if (!Array.isArray(x.jsonPath)) return `${where}.jsonPath must be a list`;
    for (let i = 0; i < x.jsonPath.length; i++) {
      const e = checkJsonPath(x.jsonPath[i], `${where}.jsonPath[${i}]`);
      if (e) return e;
    }
  }
  if (x.llm !== undefined) {
    const e = checkLlm(x.llm, `${where}.llm`);
    if (e) return e;
  }
  const nd = x.noDiagnostics;
  if (nd !== undefined && nd !== true) {
    if (!Array.isArray(nd)) return `${where}.noDiagnostics must be true or a list of diagnostic codes`;
    const codes: readonly string[] = DIAGNOSTIC_CODES;
    const bad = nd.find((c) => typeof c !== 'string' || !codes.includes(c));
    if (bad !== undefined) return `${where}.noDiagnostics names an unknown code ${JSON.stringify(bad)} (codes: ${codes.join(', ')})`;
  }
  return undefined;
}
