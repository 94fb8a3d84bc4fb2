/**
 * Copy as cURL without the secrets. The command is built from the request
 * with each secret already replaced by a placeholder of letters and digits,
 * which URL encoding and shell quoting leave alone, so no encoded form of a
 * secret can slip past the mask; the placeholder then becomes the mask.
 */
import { randomBytes } from 'node:crypto';
import { toCurl } from '../curl';
import { prepareRequest, RequestError } from '../request';
import type { KeyValue, RequestBody, RequestSpec } from '../spec';
import { createMasker, maskerFor, SECRET_MASK, type Masker } from './mask';
import { secretsOfRequest } from './request-secrets';

function maskRows(rows: KeyValue[] | undefined, m: Masker): KeyValue[] | undefined {
  return rows?.map((r) => ({ ...r, name: m(r.name), value: m(r.value) }));
}

function maskBody(body: RequestBody | undefined, m: Masker): RequestBody | undefined {
  if (!body || body.kind === 'none') return body;
  if (body.kind === 'form') return { ...body, fields: maskRows(body.fields, m) ?? [] };
  return { ...body, text: m(body.text) };
}

/**
 * The resolved request as a `curl` command with every secret (those given
 * and those the request carries: URL and Basic passwords) masked. A request
 * that cannot be built throws a `RequestError` whose message is masked too.
 */
export function curlWithSecretsMasked(spec: RequestSpec, secrets: readonly unknown[]): string {
  const all = [...secrets, ...secretsOfRequest(spec)];
  const mask = maskerFor(all);
  try {
    // The real request is checked first, so the user hears what is wrong with it.
    prepareRequest(spec);
  } catch (err) {
    if (err instanceof RequestError) throw new RequestError(err.code, mask(err.message));
    throw err;
  }
  const placeholder = `SECRET${randomBytes(8).toString('hex')}`;
  const hide = createMasker(all, placeholder);
  const hidden: RequestSpec = { method: spec.method, url: hide(spec.url), params: maskRows(spec.params, hide), headers: maskRows(spec.headers, hide), body: maskBody(spec.body, hide) };
  let curl: string;
  try {
    curl = toCurl(prepareRequest(hidden)).split(placeholder).join(SECRET_MASK);
  } catch {
    // The placeholder made the request invalid (a secret inside the method or a header name): mask the real one.
    curl = toCurl(prepareRequest(spec));
  }
  return mask(curl);
}
