/**
 * A browser's CORS preflight for a POST to an MCP server: what in the
 * answer would stop a browser-based client (an inspector page on another
 * origin) from calling it.
 */
import type { KeyValue } from '../spec';
import type { ExchangeOutcome } from './exchange';
import { enabledHeaders } from './message-headers';

/**
 * The preflight a browser sends before a POST from `origin` with the
 * user's headers: its request headers, and the header names it asks for.
 */
export function preflightRequest(origin: string, user: readonly KeyValue[] | undefined): { headers: KeyValue[]; wanted: string[] } {
  const wanted = [...new Set(['content-type', 'mcp-session-id', 'mcp-protocol-version', ...enabledHeaders(user).map((h) => h.name.toLowerCase())])];
  const headers: KeyValue[] = [
    { name: 'Origin', value: origin },
    { name: 'Access-Control-Request-Method', value: 'POST' },
    { name: 'Access-Control-Request-Headers', value: wanted.join(', ') },
  ];
  return { headers, wanted };
}

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
