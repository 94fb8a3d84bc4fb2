/** Routes `/mcp`, `/mcp/json` and `/mcp/broken/<rule>` of the demo server. */
import type { DemoRequest } from '../stream-helpers';
import { BROKEN_MCP_RULES, serveBrokenMcp, type BrokenMcpRule } from './broken';

/** Whether a path is one of the MCP endpoints. */
export function isMcpPath(path: string): boolean {
  return path === '/mcp' || path === '/mcp/json' || (path.startsWith('/mcp/broken/') && Object.hasOwn(BROKEN_MCP_RULES, path.slice(12)));
}

/** Serves an MCP endpoint (the path is one `isMcpPath` accepts). */
export function serveMcp(r: DemoRequest): Promise<void> {
  const path = r.url.pathname;
  if (path.startsWith('/mcp/broken/')) return serveBrokenMcp(r, path.slice(12) as BrokenMcpRule);
  // The SDK (and zod's schemas) load on the first MCP request, not when the demo server (or the extension) starts.
  return import('./sdk-endpoint').then(({ serveSdkMcp }) => serveSdkMcp(r, path === '/mcp/json'));
}
