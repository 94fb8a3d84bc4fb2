/**
 * A saved MCP call's params with their `{{variables}}` filled in: each
 * string value is substituted on its own, so a value with quotes or
 * backslashes stays one string instead of breaking the JSON around it.
 */
import type { SavedMcpCall } from '../collections/model';
import { substituteVariables, type VariableLookup } from '../variables';

/** The call resolved, and the variables that had no value. */
export interface ResolvedMcpCall {
  call: SavedMcpCall;
  missing: string[];
}

function resolveValue(value: unknown, lookup: VariableLookup, missing: Set<string>, depth: number): unknown {
  if (typeof value === 'string') {
    const s = substituteVariables(value, lookup);
    for (const m of s.missing) missing.add(m);
    return s.text;
  }
  // Params nest a few levels; a deeper structure is taken as it is.
  if (depth > 32 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, lookup, missing, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, lookup, missing, depth + 1)]));
}

/** Fills in the variables of a saved call's params. */
export function resolveMcpCall(call: SavedMcpCall, lookup: VariableLookup): ResolvedMcpCall {
  const missing = new Set<string>();
  const params = call.params === undefined ? undefined : (resolveValue(call.params, lookup, missing, 0) as Record<string, unknown>);
  return { call: { ...call, ...(params === undefined ? {} : { params }) }, missing: [...missing] };
}
