/**
 * Keeps the URL's query string and the Params table in step, as API clients
 * do: editing either updates the other. Disabled rows live only in the table.
 * `{{variables}}` are kept as typed, not percent-encoded.
 */
import type { KeyValue } from '../../src/shared/wire';
import { variableRuns } from '../../src/shared/variable-syntax';

/** Splits a URL into the part before `?`, the query, and the `#fragment`. */
function splitUrl(url: string): { base: string; query: string; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const rest = hashAt === -1 ? url : url.slice(0, hashAt);
  const q = rest.indexOf('?');
  return q === -1 ? { base: rest, query: '', hash } : { base: rest.slice(0, q), query: rest.slice(q + 1), hash };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function encode(s: string): string {
  // Leave {{variables}} readable in the URL field.
  return variableRuns(s).map((r) => (r.variable ? r.text : encodeURIComponent(r.text))).join('');
}

/** The query pairs of a URL as rows (all enabled). */
export function paramsFromUrl(url: string): KeyValue[] {
  const { query } = splitUrl(url);
  if (query === '') return [];
  return query.split('&').filter((p) => p !== '').map((pair) => {
    const eq = pair.indexOf('=');
    return eq === -1 ? { name: decode(pair), value: '', enabled: true } : { name: decode(pair.slice(0, eq)), value: decode(pair.slice(eq + 1)), enabled: true };
  });
}

/** The URL with its query rebuilt from the enabled rows. */
export function urlWithParams(url: string, params: readonly KeyValue[]): string {
  const { base, hash } = splitUrl(url);
  const query = params
    .filter((p) => p.enabled !== false && p.name !== '')
    .map((p) => (p.value === '' ? encode(p.name) : `${encode(p.name)}=${encode(p.value)}`))
    .join('&');
  return `${base}${query ? `?${query}` : ''}${hash}`;
}

/**
 * Rows after the URL was edited: its query becomes the enabled rows, and
 * the disabled rows the user kept stay below them.
 */
export function mergeParams(url: string, previous: readonly KeyValue[]): KeyValue[] {
  return [...paramsFromUrl(url), ...previous.filter((p) => p.enabled === false)];
}
