/**
 * A browser's CORS preflight for a POST to an MCP server: what in the
 * answer would stop a browser-based client (an inspector page on another
 * origin) from calling it.
 */
import type { ExchangeOutcome } from './exchange';

/** What in a preflight's answer would stop a browser, or undefined when nothing would. */
export function preflightProblem(o: ExchangeOutcome, origin: string, wanted: string[]): string | undefined {
  if (o.status === undefined) return 'the preflight (OPTIONS) got no HTTP answer';
  if (o.status < 200 || o.status >= 300) return `the preflight (OPTIONS) got HTTP ${o.status}`;
  const allowOrigin = o.headers['access-control-allow-origin'];
  if (allowOrigin === undefined) return 'the preflight answer has no Access-Control-Allow-Origin';
  if (allowOrigin !== '*' && allowOrigin !== origin) return `Access-Control-Allow-Origin is "${allowOrigin}", not "${origin}"`;
  const methods = (o.headers['access-control-allow-methods'] ?? '').toUpperCase();
  if (methods !== '' && !methods.includes('POST') && methods.trim() !== '*') return `Access-Control-Allow-Methods "${methods}" lacks POST`;
  const allowed = (o.headers['access-control-allow-headers'] ?? '').toLowerCase().split(',').map((s) => s.trim());
  if (allowed.includes('*')) return undefined;
  const missing = wanted.filter((h) => !allowed.includes(h));
  return missing.length > 0 ? `Access-Control-Allow-Headers lacks ${missing.join(', ')}` : undefined;
}
