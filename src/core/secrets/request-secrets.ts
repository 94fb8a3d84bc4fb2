/**
 * Secrets a request carries by its nature, whether or not the user marked
 * them: the password in a URL (`http://user:pass@host/`) and the password of
 * a Basic `Authorization` header. Callers add them to the secrets they mask.
 */
import type { RequestSpec } from '../spec';

/** The password of a URL's userinfo, decoded (undefined when there is none or the URL does not parse). */
export function urlPassword(url: string): string | undefined {
  const raw = rawUrlPassword(url);
  return raw === undefined ? undefined : decodeLenient(raw);
}

function rawUrlPassword(url: string): string | undefined {
  try {
    const password = new URL(url.trim()).password;
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

function decodeLenient(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `Basic <base64 of user:password>`: the token and the password it holds. */
function basicCredentials(value: string): string[] {
  const m = /^\s*Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(value);
  if (!m) return [];
  const token = m[1]!;
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const password = colon === -1 ? '' : decoded.slice(colon + 1);
  return password === '' ? [token] : [token, password];
}

/**
 * The secrets a (resolved) request carries in itself: its URL's password,
 * as written and decoded, and the Basic credentials of its `Authorization`
 * and `Proxy-Authorization` headers (the token and the decoded password).
 */
export function secretsOfRequest(spec: RequestSpec): string[] {
  const out = new Set<string>();
  const raw = rawUrlPassword(spec.url);
  if (raw !== undefined) {
    out.add(raw);
    out.add(decodeLenient(raw));
  }
  for (const h of spec.headers ?? []) {
    if (h.enabled === false || !/^(proxy-)?authorization$/i.test(h.name.trim())) continue;
    for (const s of basicCredentials(h.value)) out.add(s);
  }
  return [...out];
}

/** Hides the user name, password and query values of a URL, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) u.username = u.password = '***';
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, '…');
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
