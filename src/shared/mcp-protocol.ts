/**
 * The MCP panel's host↔webview protocol, in the shape of the request
 * panel's (`protocol.ts`): a tagged union per direction, `noun/verb` for a
 * user's intents, `noun/didVerb` for what the host reports. The host runs the
 * MCP client; the webview renders what it is sent. Messages from the webview
 * are checked before the host trusts them.
 */
import type { ExchangeInfo, McpSessionState } from '../core/mcp/client';
import type { McpDiagnostic } from '../core/mcp/diagnostics';
import type { RpcId, RpcObject } from '../core/mcp/jsonrpc';
import type { RpcRecord } from '../core/mcp/rpc-log';
import { isJsonObject } from './json-object';
import type { PackedItems } from './packed';
import type { EndItem, KeyValue, RawInfo, RawRow } from './wire';

export type { ExchangeInfo, McpSessionState } from '../core/mcp/client';
export type { McpDiagnostic } from '../core/mcp/diagnostics';
export type { RpcId, RpcMessage, RpcObject } from '../core/mcp/jsonrpc';
export type { RpcRecord } from '../core/mcp/rpc-log';

/** What the connection form holds; kept across reloads. */
export interface McpForm {
  url: string;
  headers: KeyValue[];
  /** '' negotiates from the newest version. */
  protocolVersion: string;
  /** Open the GET stream for server-initiated messages. */
  listen: boolean;
}

/** The lists a server offers. */
export type McpListKind = 'tools' | 'prompts' | 'resources' | 'templates';

/** A call as the log shows it (its messages come as `rpc` entries). */
export interface McpCallSummary {
  id: RpcId;
  method: string;
  state: 'pending' | 'result' | 'error' | 'cancelled' | 'no-response';
  durationMs?: number;
  /** Notifications and server requests that came while it ran. */
  between: number;
  /** The exchange that carried the request. */
  exchange: number;
}

/** One line of the JSON-RPC log. */
export type McpLogEntry =
  | { kind: 'exchange'; exchange: ExchangeInfo }
  | { kind: 'exchange-end'; exchange: number; status?: number; reason: string; bytes: number; ms: number }
  | { kind: 'rpc'; record: RpcRecord }
  | { kind: 'call'; call: McpCallSummary }
  | { kind: 'diagnostic'; diagnostic: McpDiagnostic };

/** What the MCP webview shows, as tests ask for it. */
export interface McpSnapshot {
  connected: boolean;
  sessionId: string | null;
  /** Names in the list shown. */
  listed: string[];
  /** `method #id state` of each call in the log. */
  calls: string[];
  diagnostics: string[];
  /** The exchange shown in the timeline, and the texts of its visible rows. */
  exchange: number | null;
  timelineRows: string[];
}

/** Messages from the webview: a user's intents. */
export type McpWebviewToHost =
  | { type: 'webview/ready' }
  | { type: 'mcp/connect'; form: McpForm }
  | { type: 'mcp/disconnect' }
  | { type: 'mcp/list'; list: McpListKind }
  /** tools/call, prompts/get, resources/read, ping… with its params; `resume` drops the reply stream after its first event and resumes it with Last-Event-ID. */
  | { type: 'mcp/call'; method: string; params?: RpcObject; resume?: boolean }
  | { type: 'mcp/cancel'; id: RpcId }
  /** Save this call into a collection as an MCP request; `name` is the suggested name. */
  | { type: 'mcp/save'; method: string; params?: RpcObject; name: string }
  /** Check what a browser client would meet (CORS preflight, Origin check). */
  | { type: 'mcp/probe' }
  /** Show this HTTP exchange in the timeline. */
  | { type: 'exchange/show'; exchange: number }
  /** Save the recording of this exchange as a file. */
  | { type: 'exchange/saveRecording'; exchange: number }
  | { type: 'raw/get'; requestId: string; from: number; to: number }
  | { type: 'clipboard/copy'; text: string }
  | { type: 'webview/didInspect'; token: number; snapshot: McpSnapshot };

/** Messages from the host. */
export type McpHostToWebview =
  | { type: 'mcp/init'; form: McpForm; versions: readonly string[] }
  | { type: 'session/didChange'; state: McpSessionState }
  | { type: 'list/didLoad'; list: McpListKind; items: unknown[]; pages: number; error?: string }
  | { type: 'log/didAppend'; entries: McpLogEntry[] }
  | { type: 'log/didClear' }
  /** An exchange's items for the timeline (`requestId` names it for raw rows). */
  | { type: 'exchange/didShow'; exchange: ExchangeInfo; requestId: string; items: PackedItems; raw: RawInfo; end?: EndItem }
  /** More items of the exchange shown, as they arrive. */
  | { type: 'exchange/didReceive'; requestId: string; items: PackedItems; raw: RawInfo }
  | { type: 'exchange/didEnd'; requestId: string; end: EndItem }
  | { type: 'raw/didGet'; requestId: string; from: number; rows: RawRow[] }
  | { type: 'webview/inspect'; token: number };

const LISTS: readonly McpListKind[] = ['tools', 'prompts', 'resources', 'templates'];

function isId(x: unknown): x is RpcId {
  return typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
}

/** Checks the connection form. */
export function isMcpForm(x: unknown): x is McpForm {
  return (
    isJsonObject(x) &&
    typeof x.url === 'string' &&
    typeof x.protocolVersion === 'string' &&
    typeof x.listen === 'boolean' &&
    Array.isArray(x.headers) &&
    x.headers.every((h) => isJsonObject(h) && typeof h.name === 'string' && typeof h.value === 'string')
  );
}

/** Checks a message from the MCP webview; anything else is ignored. */
export function isMcpWebviewMessage(x: unknown): x is McpWebviewToHost {
  if (!isJsonObject(x) || typeof x.type !== 'string') return false;
  const type = x.type as McpWebviewToHost['type'];
  switch (type) {
    case 'webview/ready':
    case 'mcp/disconnect':
    case 'mcp/probe':
      return true;
    case 'mcp/connect':
      return isMcpForm(x.form);
    case 'mcp/list':
      return LISTS.includes(x.list as McpListKind);
    case 'mcp/call':
      return typeof x.method === 'string' && x.method !== '' && (x.params === undefined || isJsonObject(x.params)) && (x.resume === undefined || typeof x.resume === 'boolean');
    case 'mcp/cancel':
      return isId(x.id);
    case 'mcp/save':
      return typeof x.method === 'string' && x.method !== '' && (x.params === undefined || isJsonObject(x.params)) && typeof x.name === 'string';
    case 'exchange/show':
    case 'exchange/saveRecording':
      return Number.isInteger(x.exchange);
    case 'raw/get':
      return typeof x.requestId === 'string' && Number.isInteger(x.from) && Number.isInteger(x.to);
    case 'clipboard/copy':
      return typeof x.text === 'string';
    case 'webview/didInspect':
      return typeof x.token === 'number' && isJsonObject(x.snapshot);
    default: {
      const unknownType: never = type;
      return unknownType !== unknownType;
    }
  }
}
