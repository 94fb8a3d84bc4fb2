/**
 * Pieces every importer needs: methods a collection can hold, headers with
 * their credentials moved to secrets, and a body of the right kind.
 */
import type { KeyValue, RequestBody } from '../spec';
import { isCredentialHeader } from '../../shared/credentials';
import { isSecretName, type SecretNamer } from './secrets';

/** The methods a collection can hold (schemas/streams.schema.json). */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** The upper-cased method, or undefined when a collection cannot hold it. */
export function methodOf(method: unknown): string | undefined {
  const m = typeof method === 'string' ? method.trim().toUpperCase() : 'GET';
  return (METHODS as readonly string[]).includes(m) ? m : undefined;
}

/** An auth scheme word before the credential (`Bearer abc` keeps `Bearer `). */
const SCHEME = /^(\s*(?:Bearer|Basic|Token|Digest|ApiKey|Api-Key|Key)\s+)(.*)$/is;

/**
 * A header row whose credential (if its name says it carries one) is
 * replaced by `{{secret:NAME}}`; the auth scheme word stays in the header.
 */
export function headerRow(name: string, value: string, secrets: SecretNamer, where: string, secretName: string, enabled = true): KeyValue {
  let out = value;
  if (isCredentialHeader(name)) {
    const m = SCHEME.exec(value);
    // A Basic credential is base64 of user:password: say so, or the user stores the password alone.
    const hint = m !== null && /^\s*basic\s/i.test(m[1]!) ? 'base64 of "user:password"' : undefined;
    out = m ? m[1]! + secrets.replace(m[2]!, secretName, `${where}: header ${name}`, hint) : secrets.replace(value, secretName, `${where}: header ${name}`);
  }
  return enabled ? { name, value: out } : { name, value: out, enabled: false };
}

/** Whether a content type is JSON (`application/json`, `application/vnd.x+json`). */
export function isJsonType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([\w.+-]*\+)?json\b/i.test(contentType.trim());
}

/** A body from text: `json` when it is JSON (or says so and uses variables), `raw` with its type otherwise. */
export function textBody(text: string, contentType?: string): RequestBody {
  if (isJsonType(contentType)) return { kind: 'json', text };
  try {
    JSON.parse(text);
    if (contentType === undefined) return { kind: 'json', text };
  } catch {
    // Not JSON: kept as it is.
  }
  return contentType === undefined ? { kind: 'raw', text } : { kind: 'raw', text, contentType };
}

/** The value of a header in a list, by name, ignoring case. */
export function headerValue(headers: readonly KeyValue[] | undefined, name: string): string | undefined {
  return headers?.find((h) => h.name.toLowerCase() === name.toLowerCase() && h.enabled !== false)?.value;
}

/** A form field whose value, when its name says it is a credential (`password`, `client_secret`), becomes a secret. */
export function formField(name: string, value: string, secrets: SecretNamer, where: string, enabled = true): KeyValue {
  const out = isSecretName(name) ? secrets.replace(value, name, `${where}: form field ${name}`) : value;
  return enabled ? { name, value: out } : { name, value: out, enabled: false };
}
