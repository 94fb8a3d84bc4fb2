/**
 * Checks an `expect` block read from a collection file, so a typo (an
 * unknown key, a regex that does not compile, a JSONPath that does not
 * parse, a check that can never pass) is reported with where it is before
 * anything is sent. Every problem is reported, not only the first.
 */
import { DIAGNOSTIC_CODES } from '../analysis/diagnostics';
import { isJsonObject } from '../../shared/json-object';
import { jsonPathError } from '../../shared/json-path';

const KEYS = ['status', 'maxTtfbMs', 'maxFirstEventMs', 'maxGapMs', 'events', 'eventTypes', 'forbidEventTypes', 'sequence', 'jsonPath', 'llm', 'noDiagnostics', 'stopAfterMs'];
const NUMBERS = ['status', 'maxTtfbMs', 'maxFirstEventMs', 'maxGapMs', 'stopAfterMs'];
const LISTS = ['eventTypes', 'forbidEventTypes', 'sequence'];
/** What a jsonPath check compares: one of them at most, since each would judge the value its own way. */
const COMPARISONS = ['equals', 'matches', 'exists'];

function isCount(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}

function regexError(source: unknown, where: string): string[] {
  if (typeof source !== 'string') return [`${where} must be a regular expression (a string)`];
  try {
    new RegExp(source);
    return [];
  } catch (err) {
    return [`${where} is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`];
  }
}

function unknownKeys(o: Record<string, unknown>, allowed: readonly string[], where: string): string[] {
  return Object.keys(o)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${where} has an unknown key "${k}" (known: ${allowed.join(', ')})`);
}

function jsonPathProblems(c: unknown, where: string): string[] {
  if (!isJsonObject(c)) return [`${where} must be an object with a "path"`];
  const out = unknownKeys(c, ['path', 'on', 'event', ...COMPARISONS], where);
  if (typeof c.path !== 'string') out.push(`${where} needs a "path" string`);
  else {
    const bad = jsonPathError(c.path);
    if (bad) out.push(`${where}.path "${c.path}" is not valid JSONPath: ${bad}`);
  }
  if (c.on !== undefined && !['each', 'any', 'last'].includes(String(c.on))) out.push(`${where}.on must be each, any or last`);
  if (c.event !== undefined && typeof c.event !== 'string') out.push(`${where}.event must be a string`);
  if (c.exists !== undefined && typeof c.exists !== 'boolean') out.push(`${where}.exists must be true or false`);
  if (c.matches !== undefined) out.push(...regexError(c.matches, `${where}.matches`));
  const given = COMPARISONS.filter((k) => c[k] !== undefined);
  if (given.length > 1) out.push(`${where} has ${given.join(' and ')}: give one of equals, matches or exists (a separate check for each)`);
  return out;
}

function llmProblems(l: unknown, where: string): string[] {
  if (!isJsonObject(l)) return [`${where} must be an object`];
  const out = unknownKeys(l, ['text', 'toolCalls', 'finishReason', 'minTokensPerSec'], where);
  if (l.text !== undefined) out.push(...regexError(l.text, `${where}.text`));
  if (l.finishReason !== undefined && typeof l.finishReason !== 'string') out.push(`${where}.finishReason must be a string`);
  if (l.minTokensPerSec !== undefined && !isCount(l.minTokensPerSec)) out.push(`${where}.minTokensPerSec must be a number ≥ 0`);
  if (l.toolCalls !== undefined) {
    if (!Array.isArray(l.toolCalls)) out.push(`${where}.toolCalls must be a list`);
    else
      l.toolCalls.forEach((t, i) => {
        if (!isJsonObject(t) || typeof t.name !== 'string' || (t.arguments !== undefined && !isJsonObject(t.arguments))) out.push(`${where}.toolCalls[${i}] needs a "name" string (and an optional "arguments" object)`);
      });
  }
  return out;
}

function eventsProblems(e: unknown, where: string): string[] {
  if (!isJsonObject(e) || unknownKeys(e, ['min', 'max'], '').length > 0 || (e.min !== undefined && !isCount(e.min)) || (e.max !== undefined && !isCount(e.max))) return [`${where} must be { "min": n, "max": n }`];
  if (typeof e.min === 'number' && typeof e.max === 'number' && e.min > e.max) return [`${where}.min (${e.min}) is more than its max (${e.max}): no stream can pass`];
  return [];
}

/** The jsonPath list of an expect block (or of a flow step's awaited event). */
export function jsonPathListProblems(list: unknown, where: string): string[] {
  if (!Array.isArray(list)) return [`${where} must be a list`];
  return list.flatMap((c, i) => jsonPathProblems(c, `${where}[${i}]`));
}

/** Everything wrong with an `expect` block (none when it is fine). */
export function expectProblems(x: unknown, where: string): string[] {
  if (!isJsonObject(x)) return [`${where} must be an object`];
  const out = unknownKeys(x, KEYS, where);
  // An empty block would pass whatever came: say so rather than run a test that checks nothing.
  if (!KEYS.some((k) => k !== 'stopAfterMs' && x[k] !== undefined)) out.push(`${where} has no checks: add one (e.g. "status": 200) or remove the block`);
  for (const k of NUMBERS) if (x[k] !== undefined && !isCount(x[k])) out.push(`${where}.${k} must be a number ≥ 0`);
  for (const k of LISTS) {
    const v = x[k];
    if (v !== undefined && (!Array.isArray(v) || v.some((t) => typeof t !== 'string'))) out.push(`${where}.${k} must be a list of event types (strings)`);
  }
  if (x.events !== undefined) out.push(...eventsProblems(x.events, `${where}.events`));
  if (x.jsonPath !== undefined) out.push(...jsonPathListProblems(x.jsonPath, `${where}.jsonPath`));
  if (x.llm !== undefined) out.push(...llmProblems(x.llm, `${where}.llm`));
  const nd = x.noDiagnostics;
  if (nd !== undefined && nd !== true) {
    if (!Array.isArray(nd)) out.push(`${where}.noDiagnostics must be true or a list of diagnostic codes`);
    else {
      const codes: readonly string[] = DIAGNOSTIC_CODES;
      for (const bad of nd.filter((c) => typeof c !== 'string' || !codes.includes(c))) out.push(`${where}.noDiagnostics names an unknown code ${JSON.stringify(bad)} (codes: ${codes.join(', ')})`);
    }
  }
  return out;
}
