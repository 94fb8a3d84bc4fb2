/**
 * What an MCP client reports and is given: the exchanges it opens, the
 * messages and calls, the session state, the findings, and its options.
 */
import type { TimelineItem } from '../items';
import type { RecordingSink } from '../recording/recorder';
import type { KeyValue } from '../spec';
import type { McpDiagnostic } from './diagnostics';
import type { ExchangeOutcome, ExchangeSpec } from './exchange';
import type { RpcObject } from './jsonrpc';
import type { RpcCall, RpcRecord } from './rpc-log';

/** One HTTP exchange as it starts. */
export interface ExchangeInfo {
  n: number;
  method: ExchangeSpec['method'];
  url: string;
  /** What it is for: the JSON-RPC method it carries, `listener`, `resume`, `end session`, `preflight`. */
  purpose: string;
  /** Ms since the session started: the exchange's own items count from here. */
  t: number;
}

/** What the client knows of the session. */
export interface McpSessionState {
  connected: boolean;
  sessionId?: string;
  protocolVersion?: string;
  serverInfo?: RpcObject;
  capabilities?: RpcObject;
  instructions?: string;
}

/** Everything the client reports, in order. */
export type McpEvent =
  | { type: 'exchange'; exchange: ExchangeInfo }
  | { type: 'item'; exchange: number; item: TimelineItem }
  | { type: 'exchange-end'; exchange: number; outcome: ExchangeOutcome }
  | { type: 'rpc'; record: RpcRecord }
  | { type: 'call'; call: RpcCall }
  | { type: 'diagnostic'; diagnostic: McpDiagnostic }
  | { type: 'session'; state: McpSessionState };

/** How a call ended. */
export type CallOutcome =
  | { kind: 'result'; result: RpcObject; call: RpcCall }
  | { kind: 'error'; error: { code: number; message: string; data?: unknown }; call: RpcCall }
  | { kind: 'cancelled' | 'no-response'; reason: string };

/** How to reach the server. */
export interface McpClientOptions {
  url: string;
  /** The user's headers (Authorization…), variables already resolved. */
  headers?: KeyValue[];
  /** Offer only this protocol version instead of negotiating from the newest. */
  protocolVersion?: string;
  /** Idle timeout of each exchange, ms (0 or undefined: wait). */
  timeoutMs?: number;
  /** How long a resumed stream may stay silent before its messages count as lost. */
  resumeTimeoutMs?: number;
  /** Secret values to mask in every item. */
  secrets?: readonly string[];
  fetch?: typeof fetch;
  clientInfo?: { name: string; version: string };
  /** Where to record an exchange as it starts (a recording per exchange, replayed and diffed like any stream). */
  record?(exchange: ExchangeInfo): RecordingSink | undefined;
  onEvent(event: McpEvent): void;
}

/** Options of one call. */
export interface CallOptions {
  /** Drop the reply's event stream after its first event with an id and resume it with Last-Event-ID. */
  resume?: boolean;
}
