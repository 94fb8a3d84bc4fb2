/**
 * Turns the errors `fetch` throws (a bare "fetch failed" with the real reason
 * buried in `cause`) into a code and a sentence a user can act on.
 */
import type { ErrorCode } from './items';

/** A classified failure. */
export interface NetFailure {
  code: ErrorCode;
  message: string;
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined;
}

/**
 * Walks the `cause` chain and the `errors` of aggregate errors (happy
 * eyeballs tries IPv4 and IPv6), innermost last.
 */
function causes(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const visit = (value: unknown): void => {
    const cur = asErrorLike(value);
    if (!cur || out.length >= 16 || out.includes(cur)) return;
    out.push(cur);
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors)) errors.forEach(visit);
    visit(cur.cause);
  };
  visit(err);
  return out;
}

/** Codes that name the root cause, preferred over wrappers' generic codes. */
const ROOT_CODES = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EAI_NONAME|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/;

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Classifies an error thrown while connecting or reading, for a given URL. */
export function classifyNetworkError(err: unknown, url: string): NetFailure {
  const chain = causes(err);
  const codes = chain.flatMap((e) => (typeof e.code === 'string' ? [e.code] : []));
  // Some hosts (proxy-aware fetch in VS Code) wrap the socket error: look for the root cause anywhere.
  const fromText = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\b/.exec(chain.map((e) => (typeof e.message === 'string' ? e.message : '')).join(' '))?.[1];
  const code = codes.find((c) => ROOT_CODES.test(c) || TLS_CODES.test(c)) ?? fromText ?? codes[0] ?? '';
  const inner = chain[chain.length - 1];
  const detail = typeof inner?.message === 'string' ? inner.message : String(err);
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the whole text
  }
  if (detail === 'bad port') {
    return { code: 'invalid-url', message: `Port ${new URL(url).port} is blocked: fetch refuses the ports browsers refuse (see the WHATWG Fetch "bad port" list)` };
  }
  if (code === 'ECONNREFUSED') {
    return { code: 'connection-refused', message: `Connection refused: nothing is listening on ${host}` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return { code: 'dns', message: `Unknown host: ${host} could not be resolved (${code})` };
  }
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(detail)) {
    return { code: 'tls', message: `TLS error with ${host}: ${detail}${code ? ` (${code})` : ''}` };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || /other side closed|terminated/i.test(detail)) {
    return { code: 'network', message: `Connection closed by the server mid-stream (${code || detail})` };
  }
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return { code: 'network', message: `Connecting to ${host} timed out (${code})` };
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return { code: 'network', message: `Host ${host} is unreachable (${code})` };
  }
  return { code: 'network', message: `Network error with ${host}: ${detail}${code ? ` (${code})` : ''}` };
}
