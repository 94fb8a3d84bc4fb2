/**
 * `{{name}}` substitution. The lookup is a function so that callers decide
 * where values come from (environments, secrets, built-ins) and the engine
 * stays free of storage concerns.
 */
import type { KeyValue, RequestBody, RequestSpec } from './spec';

/** Finds the value of a variable, or `undefined` when it has none. */
export type VariableLookup = (name: string) => string | undefined;

/** Matches `{{ name }}`; names may hold `:` `$` `.` `-` (e.g. `secret:TOKEN`, `$env:HOME`). */
const VARIABLE = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** Result of substituting variables into a text. */
export interface Substitution {
  text: string;
  /** Names that had no value; their `{{…}}` stays in the text as written. */
  missing: string[];
}

/** Replaces every `{{name}}` in `text` whose lookup yields a value. */
export function substituteVariables(text: string, lookup: VariableLookup): Substitution {
  const missing: string[] = [];
  if (!text.includes('{{')) return { text, missing };
  const out = text.replace(VARIABLE, (whole, name: string) => {
    const value = lookup(name);
    if (value === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return value;
  });
  return { text: out, missing };
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

/** Substitutes variables in URL, params, headers and body of a request. */
export function resolveSpec(spec: RequestSpec, lookup: VariableLookup): ResolvedSpec {
  const missing = new Set<string>();
  const sub = (text: string): string => {
    const r = substituteVariables(text, lookup);
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
