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

/** Walks the `cause` chain, innermost last. */
function causes(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let cur = asErrorLike(err);
  while (cur && out.length < 8) {
    out.push(cur);
    cur = asErrorLike(cur.cause);
  }
  return out;
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Classifies an error thrown while connecting or reading, for a given URL. */
export function classifyNetworkError(err: unknown, url: string): NetFailure {
  const chain = causes(err);
  const withCode = chain.find((e) => typeof e.code === 'string');
  const code = typeof withCode?.code === 'string' ? withCode.code : '';
  const inner = chain[chain.length - 1];
  const detail = typeof inner?.message === 'string' ? inner.message : String(err);
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the whole text
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
