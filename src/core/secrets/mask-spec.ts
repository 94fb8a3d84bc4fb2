/**
 * A request with every secret value masked in its URL, params, headers and
 * body: what a recording keeps of a request that only exists resolved (an
 * MCP exchange's), and what Copy as cURL builds its command from.
 */
import type { KeyValue, RequestBody, RequestSpec } from '../spec';
import type { Masker } from './mask';

function maskRows(rows: KeyValue[] | undefined, m: Masker): KeyValue[] | undefined {
  return rows?.map((r) => ({ ...r, name: m(r.name), value: m(r.value) }));
}

function maskBody(body: RequestBody | undefined, m: Masker): RequestBody | undefined {
  if (!body || body.kind === 'none') return body;
  if (body.kind === 'form') return { ...body, fields: maskRows(body.fields, m) ?? [] };
  return { ...body, text: m(body.text) };
}

/** `spec` with `m` applied to every part a secret can be in. */
export function maskSpec(spec: RequestSpec, m: Masker): RequestSpec {
  const masked: RequestSpec = { ...spec, url: m(spec.url) };
  if (spec.params) masked.params = maskRows(spec.params, m);
  if (spec.headers) masked.headers = maskRows(spec.headers, m);
  if (spec.body) masked.body = maskBody(spec.body, m);
  return masked;
}
