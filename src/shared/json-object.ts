/** A parsed JSON object (not an array, not null): the check every reader of JSON data needs. */
export function isJsonObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
