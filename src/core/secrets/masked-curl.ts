/**
 * Copy as cURL without the secrets. The command is built from the request
 * with each secret already replaced by a placeholder of letters and digits,
 * which URL encoding and shell quoting leave alone, so no encoded form of a
 * secret can slip past the mask; the placeholder then becomes the mask.
 */
import { randomBytes } from 'node:crypto';
import { toCurl } from '../curl';
import { prepareRequest, RequestError } from '../request';
import type { RequestSpec } from '../spec';
import { createMasker, maskerFor, SECRET_MASK } from './mask';
import { maskSpec } from './mask-spec';
import { secretsOfRequest } from './request-secrets';

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
  const hidden = maskSpec({ method: spec.method, url: spec.url, params: spec.params, headers: spec.headers, body: spec.body }, hide);
  let curl: string;
  try {
    curl = toCurl(prepareRequest(hidden)).split(placeholder).join(SECRET_MASK);
  } catch {
    // The placeholder made the request invalid (a secret inside the method or a header name): mask the real one.
    curl = toCurl(prepareRequest(spec));
  }
  return mask(curl);
}
