/**
 * MCP spec checks: what a Streamable HTTP server did against the
 * specification, each with what to fix, in the shape of the stream
 * diagnostics (`src/core/analysis/diagnostics.ts`) so the CLI and the panel
 * show both alike. Codes are stable (kebab-case, `mcp-` first); the README
 * lists every one.
 */
import type { Severity } from '../analysis/diagnostics';

/** Every MCP diagnostic code. */
export const MCP_DIAGNOSTIC_CODES = [
  'mcp-reply-content-type',
  'mcp-notification-not-accepted',
  'mcp-session-id-missing',
  'mcp-session-id-changed',
  'mcp-unknown-response-id',
  'mcp-no-response',
  'mcp-invalid-message',
  'mcp-sse-event-without-id',
  'mcp-resume-lost',
  'mcp-resume-repeated',
  'mcp-session-expired',
  'mcp-ended-session-not-404',
  'mcp-cors-preflight',
  'mcp-cors-session-id-not-exposed',
  'mcp-origin-not-validated',
  'mcp-protocol-version-unsupported',
] as const;

/** An MCP diagnostic code. */
export type McpDiagnosticCode = (typeof MCP_DIAGNOSTIC_CODES)[number];

/** One finding about the server. */
export interface McpDiagnostic {
  code: McpDiagnosticCode;
  severity: Severity;
  message: string;
  fix: string;
  /** Time (ms since the MCP session started). */
  t: number;
  /** The HTTP exchange that showed it. */
  exchange?: number;
}

/** A finding before its time and exchange are known. */
export type McpFinding = Omit<McpDiagnostic, 't' | 'exchange'>;

const SESSION_FIX = 'Issue Mcp-Session-Id once, in the response to initialize, and accept exactly that id until the session ends (a proxy in between must pass it through unchanged).';

/** The texts of every finding, in one place. */
export const mcpFindings = {
  replyContentType: (status: number, type: string | undefined): McpFinding => ({
    code: 'mcp-reply-content-type',
    severity: 'error',
    message: `The reply to a JSON-RPC request (HTTP ${status}) has Content-Type ${type ?? 'none'}: Streamable HTTP allows only application/json (one response) or text/event-stream (an SSE stream).`,
    fix: 'Answer a POST that carries a request with Content-Type: application/json and the JSON-RPC response, or text/event-stream with the response as an SSE event.',
  }),
  notificationNotAccepted: (what: string, status: number, bodyBytes: number): McpFinding => ({
    code: 'mcp-notification-not-accepted',
    severity: 'error',
    message: `A POST carrying only a ${what} was answered with HTTP ${status}${bodyBytes > 0 ? ` and a ${bodyBytes}-byte body` : ''}; the server must answer 202 Accepted with no body.`,
    fix: 'Answer a POST of notifications or responses with 202 Accepted and an empty body (or a 4xx error with a JSON-RPC error if it is refused).',
  }),
  sessionIdMissing: (status: number): McpFinding => ({
    code: 'mcp-session-id-missing',
    severity: 'error',
    message: `The server refused a request after initialize (HTTP ${status}) but never issued an Mcp-Session-Id: the client has no session id it could send.`,
    fix: 'Send Mcp-Session-Id in the response to initialize (and expose it to browsers with Access-Control-Expose-Headers), or run stateless and accept requests without one.',
  }),
  sessionIdChanged: (issued: string, got: string): McpFinding => ({
    code: 'mcp-session-id-changed',
    severity: 'error',
    message: `A response carries Mcp-Session-Id "${got}", not the "${issued}" issued at initialize: a client that follows it loses its session, one that does not is out of step.`,
    fix: SESSION_FIX,
  }),
  unknownResponseId: (id: unknown, pending: string[]): McpFinding => ({
    code: 'mcp-unknown-response-id',
    severity: 'error',
    message: `A response has id ${JSON.stringify(id)}, which matches no request in flight (${pending.length > 0 ? `waiting for ${pending.join(', ')}` : 'none is'}); the client cannot pair it.`,
    fix: 'Copy the id of the request into its response exactly, with the same type (1 and "1" differ).',
  }),
  noResponse: (method: string, id: unknown, how: string): McpFinding => ({
    code: 'mcp-no-response',
    severity: 'error',
    message: `The ${how} ended without a response to ${method} (id ${JSON.stringify(id)}).`,
    fix: 'Send the JSON-RPC response on the stream of the POST that carried the request, before closing it.',
  }),
  invalidMessage: (problem: string, where: string): McpFinding => ({
    code: 'mcp-invalid-message',
    severity: 'error',
    message: `${where} is not a JSON-RPC 2.0 message: ${problem}.`,
    fix: 'Send each JSON-RPC message as one JSON object with "jsonrpc": "2.0" (one per SSE event, in its data).',
  }),
  sseEventWithoutId: (seq: number): McpFinding => ({
    code: 'mcp-sse-event-without-id',
    severity: 'warning',
    message: `The stream gives its events ids, so a client may resume it, but event #${seq} has no id of its own: a client resuming after it replays it or skips what follows.`,
    fix: 'Give every SSE event its own id (unique within the session) once the stream uses ids, or use none at all if you do not support resumption.',
  }),
  resumeLost: (detail: string): McpFinding => ({
    code: 'mcp-resume-lost',
    severity: 'error',
    message: `After the stream was dropped and resumed with Last-Event-ID, messages were lost: ${detail}.`,
    fix: 'On a GET with Last-Event-ID, replay every message sent after that event on the dropped stream (including the final response), then go on.',
  }),
  resumeRepeated: (detail: string): McpFinding => ({
    code: 'mcp-resume-repeated',
    severity: 'error',
    message: `After the stream was resumed with Last-Event-ID, messages were sent again: ${detail}.`,
    fix: 'Replay only the messages after the event named by Last-Event-ID, not the ones the client already has.',
  }),
  sessionExpired: (method: string): McpFinding => ({
    code: 'mcp-session-expired',
    severity: 'info',
    message: `The server answered ${method} with 404: the session ended on its side. The client started a new session (initialize) and sent ${method} again, as the spec asks.`,
    fix: 'Nothing to fix if the expiry was intended; otherwise keep sessions alive longer.',
  }),
  endedSessionNot404: (status: number | undefined): McpFinding => ({
    code: 'mcp-ended-session-not-404',
    severity: 'error',
    message: `A request with a session id that was ended got ${status === undefined ? 'no HTTP answer' : `HTTP ${status}`}, not 404: clients only know to re-initialize when an unknown or expired session gets 404 Not Found.`,
    fix: 'Answer any request with an unknown, ended or expired Mcp-Session-Id with 404 Not Found.',
  }),
  corsPreflight: (detail: string): McpFinding => ({
    code: 'mcp-cors-preflight',
    severity: 'warning',
    message: `A browser client (e.g. an inspector page on another origin) cannot call this server: ${detail}.`,
    fix: 'Answer the OPTIONS preflight with 2xx, Access-Control-Allow-Origin for the allowed origins, Access-Control-Allow-Headers including Content-Type, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID and Authorization, and validate Origin against that list.',
  }),
  corsSessionIdNotExposed: (): McpFinding => ({
    code: 'mcp-cors-session-id-not-exposed',
    severity: 'warning',
    message: 'The server allows other origins (Access-Control-Allow-Origin) and sends Mcp-Session-Id, but does not list it in Access-Control-Expose-Headers: a browser client cannot read the session id, and every call after initialize fails.',
    fix: 'Add Access-Control-Expose-Headers: Mcp-Session-Id (and MCP-Protocol-Version) to the responses.',
  }),
  originNotValidated: (origin: string, status: number): McpFinding => ({
    code: 'mcp-origin-not-validated',
    severity: 'warning',
    message: `The server answered initialize from a page on ${origin} with HTTP ${status}: it does not check Origin, so any website a user visits can reach it (for a server on localhost, through DNS rebinding).`,
    fix: 'Check the Origin header of every request against the origins you serve and answer others 403 (SDK: enableDnsRebindingProtection with allowedOrigins and allowedHosts).',
  }),
  versionUnsupported: (offered: string, got: unknown): McpFinding => ({
    code: 'mcp-protocol-version-unsupported',
    severity: 'error',
    message: `The client offered protocol version ${offered}; the server answered with ${JSON.stringify(got)}, which is no published revision this client speaks.`,
    fix: 'Answer initialize with the version the client offered when you support it, else with the latest published revision you do support.',
  }),
} as const;
