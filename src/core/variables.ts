/**
 * `{{name}}` substitution. The lookup is a function so that callers decide
 * where values come from (environments, secrets, built-ins) and the engine
 * stays free of storage concerns.
 */
import type { KeyValue, RequestBody, RequestSpec } from './spec';
import { variablePattern } from '../shared/variable-syntax';

/** Finds the value of a variable, or `undefined` when it has none. */
export type VariableLookup = (name: string) => string | undefined;

/** Matches `{{ name }}`; names may hold `:` `$` `.` `-` (e.g. `secret:TOKEN`, `$env:HOME`). */
const VARIABLE = variablePattern();

/** Result of substituting variables into a text. */
export interface Substitution {
  text: string;
  /** Names that had no value; their `{{…}}` stays in the text as written. */
  missing: string[];
  /**
   * Set when a value made the text longer than the limit asked for: the name
   * whose value crossed it. `text` is then incomplete and must not be used.
   */
  overflow?: string;
}

/**
 * A variable whose value cannot be used: it expands past a size limit or
 * nests too deep. Thrown by lookups and by `resolveSpec`, since a request
 * built from it would be wrong (or, before the limits, hang the process).
 */
export class VariableError extends Error {
  override name = 'VariableError';

  constructor(
    /** The variable to fix. */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/** Most characters variables may add to one request (URL, params, headers and body together). */
export const MAX_REQUEST_EXPANSION = 16 * 1024 * 1024;

/**
 * Replaces every `{{name}}` in `text` whose lookup yields a value. With
 * `maxChars`, stops as soon as an inserted value takes the text past it
 * (see `overflow`), so a hostile value never builds a huge string.
 */
export function substituteVariables(text: string, lookup: VariableLookup, maxChars = Number.POSITIVE_INFINITY): Substitution {
  const missing: string[] = [];
  if (!text.includes('{{')) return { text, missing };
  let out = '';
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    const name = m[1]!;
    const value = lookup(name);
    out += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (value === undefined) {
      if (!missing.includes(name)) missing.push(name);
      out += m[0];
      continue;
    }
    out += value;
    if (out.length > maxChars) return { text: out, missing, overflow: name };
  }
  return { text: out + text.slice(last), missing };
}

/** Lists the variable names a text refers to, in order, without duplicates. */
export function variableNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(VARIABLE)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/** Result of resolving a whole request. */
export interface ResolvedSpec {
  spec: RequestSpec;
  missing: string[];
}

/**
 * Substitutes variables in URL, params, headers and body of a request.
 * Throws a `VariableError` when variables would add more than
 * `MAX_REQUEST_EXPANSION` characters to it.
 */
export function resolveSpec(spec: RequestSpec, lookup: VariableLookup): ResolvedSpec {
  const missing = new Set<string>();
  let added = 0;
  const sub = (text: string): string => {
    const r = substituteVariables(text, lookup, text.length + MAX_REQUEST_EXPANSION - added);
    if (r.overflow !== undefined) {
      throw new VariableError(r.overflow, `Variables make the request larger than ${MAX_REQUEST_EXPANSION / 1024 / 1024} MiB (at {{${r.overflow}}}): check the values that repeat other variables`);
    }
    added += Math.max(0, r.text.length - text.length);
    for (const m of r.missing) missing.add(m);
    return r.text;
  };
  const rows = (list: KeyValue[] | undefined): KeyValue[] | undefined =>
    list?.map((kv) => ({ ...kv, name: sub(kv.name), value: sub(kv.value) }));
  const body = ((b: RequestBody | undefined): RequestBody | undefined => {
    if (!b) return b;
    switch (b.kind) {
      case 'none':
        return b;
      case 'raw':
        return { ...b, text: sub(b.text) };
      case 'json':
        return { ...b, text: sub(b.text) };
      case 'form':
        return { ...b, fields: rows(b.fields) ?? [] };
    }
  })(spec.body);
  const resolved: RequestSpec = {
    method: spec.method,
    url: sub(spec.url),
    params: rows(spec.params),
    headers: rows(spec.headers),
    body,
  };
  return { spec: resolved, missing: [...missing] };
}
