/**
 * What the timeline shows: a predicate built from the filter bar (kinds,
 * event types, text or regex search, JSONPath on parsed JSON data). JSONPath
 * uses an RFC 9535 implementation that never evaluates code.
 */
import { jsonPathError, selectJson, type JsonValue } from '../../src/shared/json-path';
import type { WireItem } from '../../src/shared/wire';

/** The filter bar's state. */
export interface FilterState {
  /** Event types hidden (SSE `event`, or the kind for other rows). */
  hiddenTypes: ReadonlySet<string>;
  search: string;
  regex: boolean;
  jsonPath: string;
}

/** A compiled filter, or the reason the user's input is not valid. */
export type CompiledFilter =
  | {
      ok: true;
      test: (item: WireItem) => boolean;
      active: boolean;
      /** With a JSONPath, the first value it matches in the item, as text (what the row previews). */
      preview?: (item: WireItem) => string | undefined;
    }
  | { ok: false; error: string };

/**
 * The key a row is grouped under in the type chips: `e:<event type>` for
 * messages, `k:<kind>` for lifecycle rows, so an event named "request" and
 * the request row stay apart.
 */
export function typeOf(item: WireItem): string {
  if (item.kind === 'message') return `e:${item.event ?? item.format}`;
  return `k:${item.kind}`;
}

const parsed = new WeakMap<WireItem, unknown>();
const NOT_JSON = Symbol('not JSON');

/**
 * The item's data as JSON, parsed here when first asked (and cached): the
 * host does not send parsed values, so each received byte crosses once.
 */
export function jsonOf(item: WireItem): unknown {
  if (item.kind !== 'message' && item.kind !== 'chunk') return undefined;
  let value = parsed.get(item);
  if (value === undefined) {
    const text = item.data.trim();
    value = NOT_JSON;
    // A JSON record the host found valid is any JSON value; elsewhere only objects and arrays count.
    const record = item.kind === 'message' && item.format !== 'sse' && item.error === undefined;
    if (record || text.startsWith('{') || text.startsWith('[')) {
      try {
        value = JSON.parse(text) as unknown;
      } catch {
        // Not JSON: shown as text.
      }
    }
    parsed.set(item, value);
  }
  return value === NOT_JSON ? undefined : value;
}

/** The text a search looks in. */
function searchableText(item: WireItem): string {
  switch (item.kind) {
    case 'message':
      return `${item.event ?? ''}\n${item.id ?? ''}\n${item.data}\n${item.error ?? ''}`;
    case 'chunk':
    case 'comment':
      return item.data;
    case 'error':
      return `${item.code}\n${item.message}\n${item.body ?? ''}`;
    case 'request':
      return `${item.method} ${item.url}`;
    case 'response':
      return `${item.status} ${item.statusText}\n${Object.entries(item.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}`;
    case 'reconnect':
      return `reconnect ${item.lastEventId}`;
    case 'retry':
    case 'end':
      return '';
  }
}

/** Builds the predicate for `state`. */
export function compileFilter(state: FilterState): CompiledFilter {
  let matchText: ((s: string) => boolean) | undefined;
  if (state.search !== '') {
    if (state.regex) {
      try {
        const re = new RegExp(state.search, 'i');
        matchText = (s) => re.test(s);
      } catch (err) {
        return { ok: false, error: `Invalid regular expression: ${err instanceof Error ? err.message : String(err)}` };
      }
    } else {
      const needle = state.search.toLowerCase();
      matchText = (s) => s.toLowerCase().includes(needle);
    }
  }
  const path = state.jsonPath.trim();
  if (path !== '') {
    const error = jsonPathError(path);
    if (error) return { ok: false, error: `Invalid JSONPath: ${error}` };
  }
  const hidden = state.hiddenTypes;
  const active = hidden.size > 0 || matchText !== undefined || path !== '';
  const matches = (item: WireItem): JsonValue[] => {
    const json = jsonOf(item);
    return json === undefined ? [] : selectJson(json, path);
  };
  return {
    ok: true,
    active,
    preview:
      path === ''
        ? undefined
        : (item) => {
            const found = matches(item);
            return found.length === 0 ? undefined : found.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' · ');
          },
    test(item) {
      if (hidden.size > 0 && hidden.has(typeOf(item))) return false;
      if (matchText && !matchText(searchableText(item))) return false;
      // Only JSON data can match a JSONPath; lifecycle rows stay out of the way.
      if (path !== '') return matches(item).length > 0;
      return true;
    },
  };
}
