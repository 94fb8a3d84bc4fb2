/**
 * JSONPath (RFC 9535) over parsed JSON, shared by the timeline's filter and
 * the `expect` checks of saved requests, so a path that filters the timeline
 * is a path a test accepts. The implementation never evaluates code.
 */
import { query, type JsonValue } from 'jsonpath-rfc9535';

export type { JsonValue };

/** What the JSONPath parser reports about a syntax error (a Peggy `SyntaxError`). */
interface PathSyntaxError {
  found: string | null;
  location: { start: { column: number } };
  expected: readonly { type: string; text?: string; parts?: readonly unknown[] }[] | null;
}

function isPathSyntaxError(err: unknown): err is PathSyntaxError {
  return typeof err === 'object' && err !== null && 'found' in err && 'location' in err && 'expected' in err;
}

/**
 * The parser's own message lists character classes with raw code points
 * (broken text in a terminal); this names the spot, the column and the
 * simple tokens that could come there.
 */
function plainSyntaxMessage(err: PathSyntaxError): string {
  const column = err.location.start.column;
  const tokens = [...new Set((err.expected ?? []).filter((e) => e.type === 'literal' && e.text !== undefined && e.text.trim() !== '').map((e) => JSON.stringify(e.text)))];
  const names = (err.expected ?? []).some((e) => e.type === 'class' && JSON.stringify(e.parts ?? []).includes('"A","Z"'));
  const could = [...tokens.slice(0, 8), ...(names ? ['a name'] : [])];
  const what = err.found === null ? `the path ends too early (column ${column})` : `unexpected ${JSON.stringify(err.found)} at column ${column}`;
  return could.length === 0 ? what : `${what}; expected ${could.length === 1 ? could[0] : `one of ${could.join(', ')}`}`;
}

/** Why `expression` is not a JSONPath query (in plain words, with the column), or undefined when it is one. */
export function jsonPathError(expression: string): string | undefined {
  try {
    query({}, expression);
    return undefined;
  } catch (err) {
    if (isPathSyntaxError(err)) return plainSyntaxMessage(err);
    return err instanceof Error ? err.message : String(err);
  }
}

/** The values `expression` selects in `value` (none when it is not a valid path). */
export function selectJson(value: unknown, expression: string): JsonValue[] {
  try {
    return query(value as JsonValue, expression);
  } catch {
    return [];
  }
}
