/**
 * The MCP protocol revisions this client speaks, newest first, as the
 * specification published them. A client offers the newest and falls back
 * to older ones when a server refuses it.
 */

/** Published revisions, newest first. */
export const MCP_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const;

/** Whether a revision is one we know. */
export function isKnownMcpVersion(v: unknown): boolean {
  return typeof v === 'string' && (MCP_PROTOCOL_VERSIONS as readonly string[]).includes(v);
}

/** Since 2025-06-18 every request after initialize names the revision in an `MCP-Protocol-Version` header. */
export function sendsVersionHeader(v: string): boolean {
  return v >= '2025-06-18';
}
