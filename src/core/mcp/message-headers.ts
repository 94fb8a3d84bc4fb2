/**
 * The HTTP headers of what an MCP client sends over Streamable HTTP: the
 * user's own headers first (they win: a header the user set is never
 * added twice), then what the transport requires of each message.
 */
import type { KeyValue } from '../spec';
import type { McpSessionState } from './events';
import { sendsVersionHeader } from './versions';

/** What a POST to an MCP endpoint accepts: a JSON reply or an event stream. */
export const MCP_ACCEPT = 'application/json, text/event-stream';

/** The user's headers that are switched on. */
export function enabledHeaders(headers: readonly KeyValue[] | undefined): KeyValue[] {
  return (headers ?? []).filter((h) => h.enabled !== false);
}

/**
 * The headers of a message in `session`: Accept, and after initialize the
 * session id and (from 2025-06-18 on) the protocol version.
 */
export function messageHeaders(user: readonly KeyValue[] | undefined, session: McpSessionState, o: { accept?: string; initialize?: boolean }): KeyValue[] {
  const out = enabledHeaders(user);
  const has = (name: string): boolean => out.some((h) => h.name.toLowerCase() === name.toLowerCase());
  const own: KeyValue[] = [];
  if (!has('accept')) own.push({ name: 'Accept', value: o.accept ?? MCP_ACCEPT });
  if (session.sessionId !== undefined && !o.initialize && !has('mcp-session-id')) own.push({ name: 'Mcp-Session-Id', value: session.sessionId });
  const v = session.protocolVersion;
  if (v !== undefined && !o.initialize && sendsVersionHeader(v) && !has('mcp-protocol-version')) own.push({ name: 'MCP-Protocol-Version', value: v });
  return [...out, ...own];
}
