/**
 * Which pages may call the demo's MCP endpoints: the demo server's own and
 * the MCP Inspector's (port 6274). Clients that are not browsers send no
 * Origin and are let through. The spec asks every server to check Origin:
 * without it, any website can reach a server on localhost by DNS rebinding.
 */
import type { DemoRequest } from '../stream-helpers';

const INSPECTOR = ['http://localhost:6274', 'http://127.0.0.1:6274'];

/** Answers 403 and returns false when the request comes from a page the demo does not serve. */
export function originAllowed(r: DemoRequest): boolean {
  const origin = r.req.headers.origin;
  if (origin === undefined || origin === r.url.origin || INSPECTOR.includes(origin)) return true;
  r.res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: `Origin ${origin} is not allowed` }, id: null }));
  return false;
}
