/**
 * The typed timeline: everything the engine reports about one streamed
 * request, in the order it happened. Parsers, the CLI, the extension host and
 * the webview all speak in these items, so a new kind is added here first.
 */

import type { StreamFormat } from '../shared/stream-formats';

export type { FormatSetting, StreamFormat } from '../shared/stream-formats';

/** Fields every item has. */
export interface ItemBase {
  /** Milliseconds since the request started (monotonic clock). */
  t: number;
  /**
   * Byte offset in the response body (counted across reconnects) at which the
   * item was complete: every byte it came from lies before this offset.
   * Lifecycle items carry the body position at the moment they happened.
   */
  offset: number;
}

/** The request left: what was actually sent. */
export interface RequestItem extends ItemBase {
  kind: 'request';
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Size of the request body in bytes (0 for none). */
  bodyBytes: number;
  /** 0 for the first connection, n for the n-th reconnect. */
  attempt: number;
}

/** Response head: status and headers arrived. */
export interface ResponseItem extends ItemBase {
  kind: 'response';
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** The URL that answered, after redirects. */
  url: string;
  redirected: boolean;
  /** Format the body is parsed as. */
  format: StreamFormat;
  /** How the format was chosen. */
  formatSource: 'content-type' | 'sniffed' | 'override';
  /** Time to first byte (response head), ms since the request started. */
  ttfbMs: number;
}

/** One record: an SSE event, an NDJSON line or a json-seq record. */
export interface MessageItem extends ItemBase {
  kind: 'message';
  format: 'sse' | 'ndjson' | 'json-seq';
  /** SSE event type (`message` when the stream named none). Absent for JSON records. */
  event?: string;
  /** SSE data, or the raw record text of NDJSON / json-seq. */
  data: string;
  /** SSE last event ID at dispatch time (may be ""). Absent for JSON records. */
  id?: string;
  /** Parsed record for NDJSON / json-seq when it is valid JSON. */
  json?: unknown;
  /** Why an NDJSON / json-seq record is not valid JSON; the stream goes on. */
  error?: string;
  /** Bytes the record occupied on the wire (SSE: UTF-8 size of its data). */
  size: number;
  /** 1-based number of this message in the whole session. */
  seq: number;
}

/** A piece of a plain-text body, as it arrived. */
export interface ChunkItem extends ItemBase {
  kind: 'chunk';
  data: string;
  size: number;
}

/** An SSE comment line (`: text`). */
export interface CommentItem extends ItemBase {
  kind: 'comment';
  data: string;
}

/** An SSE `retry:` field set the reconnection delay. */
export interface RetryItem extends ItemBase {
  kind: 'retry';
  ms: number;
}

/** The engine is about to reconnect, as `EventSource` would. */
export interface ReconnectItem extends ItemBase {
  kind: 'reconnect';
  attempt: number;
  lastEventId: string;
  delayMs: number;
}

/** Received bytes, decoded, for the raw view. Only emitted when asked for. */
export interface RawItem extends ItemBase {
  kind: 'raw';
  text: string;
  size: number;
}

/** Why something went wrong, as a stable machine-readable code. */
export type ErrorCode =
  | 'invalid-url'
  | 'invalid-request'
  | 'connection-refused'
  | 'dns'
  | 'tls'
  | 'network'
  | 'http-status'
  | 'timeout'
  | 'invalid-json'
  | 'invalid-utf8'
  | 'too-large'
  | 'incomplete'
  | 'not-a-stream';

/** Something went wrong. `fatal` errors end the stream; others are recorded and it goes on. */
export interface ErrorItem extends ItemBase {
  kind: 'error';
  code: ErrorCode;
  message: string;
  fatal: boolean;
  /** HTTP status, for `http-status`. */
  status?: number;
  /** Response body text, for `http-status`; the bytes that were dropped or left over otherwise. */
  body?: string;
}

/** Why a session ended. */
export type EndReason = 'eof' | 'aborted' | 'timeout' | 'max-reconnects' | 'error';

/** The session is over: nothing follows. */
export interface EndItem extends ItemBase {
  kind: 'end';
  reason: EndReason;
  /** Messages and chunks received. */
  events: number;
  /** Body bytes received (after decompression), across reconnects. */
  bytes: number;
  /** Duration of the whole session. */
  ms: number;
}

/** Anything the timeline can show. */
export type TimelineItem =
  | RequestItem
  | ResponseItem
  | MessageItem
  | ChunkItem
  | CommentItem
  | RetryItem
  | ReconnectItem
  | RawItem
  | ErrorItem
  | EndItem;

/** The `kind` discriminant of every item. */
export type TimelineItemKind = TimelineItem['kind'];

/** Compile-time exhaustiveness check for switches over tagged unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
