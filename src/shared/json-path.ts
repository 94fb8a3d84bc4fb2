/**
 * JSONPath (RFC 9535) over parsed JSON, shared by the timeline's filter and
 * the `expect` checks of saved requests, so a path that filters the timeline
 * is a path a test accepts. The implementation never evaluates code.
 */
import { query, type JsonValue } from 'jsonpath-rfc9535';

export type { JsonValue };

/** Why `expression` is not a JSONPath query, or undefined when it is one. */
export function jsonPathError(expression: string): string | undefined {
  try {
    query({}, expression);
    return undefined;
  } catch (err) {
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
