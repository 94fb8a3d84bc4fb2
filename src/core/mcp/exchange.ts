/**
 * One HTTP exchange of an MCP session (a POST of a message, the GET
 * listener, a resumption, the DELETE at the end), run through the one
 * stream run like any other request, so its status, headers and every byte
 * of the reply (one JSON body or an SSE stream) are ordinary timeline items.
 * What the reply carries comes out as JSON-RPC messages, in order, as each
 * event arrives.
 */
import { contentTypeEssence } from '../detect';
import type { EndItem, TimelineItem } from '../items';
import type { RecordingSink } from '../recording/recorder';
import { StreamRun } from '../run/stream-run';
import type { KeyValue } from '../spec';
import { mcpFindings, type McpFinding } from './diagnostics';
import { parseRpcText, type RpcMessage } from './jsonrpc';

/** Most bytes of a JSON reply body read for its messages. */
const MAX_JSON_BODY = 16 * 1024 * 1024;

/** What to send. */
export interface ExchangeSpec {
  method: 'POST' | 'GET' | 'DELETE' | 'OPTIONS';
  url: string;
  /** Every header to send, in order. */
  headers: KeyValue[];
  /** The message (or batch) a POST carries. */
  body?: RpcMessage | RpcMessage[];
  /** Give up when nothing arrives for this long (ms); 0 or undefined waits. */
  timeoutMs?: number;
  /** False for a POST of notifications or responses: its reply carries no messages, so a body is not read as one. */
  expectsReply?: boolean;
}

/** Where an exchange reports. */
export interface ExchangeHooks {
  /** Every timeline item of the exchange, masked, in order. */
  onItem(item: TimelineItem): void;
  /** A JSON-RPC message of the reply; `eventId` is the SSE id in force for it. */
  onMessage(message: RpcMessage, eventId: string | undefined): void;
  /** Something in the reply broke the spec. */
  onFinding(finding: McpFinding): void;
  secrets?: readonly string[];
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Where the exchange is recorded, like any stream (none when omitted). */
  record?: RecordingSink;
}

/** How the exchange went. */
export interface ExchangeOutcome {
  /** HTTP status (undefined when no response came). */
  status?: number;
  /** Response headers, names lowercased. */
  headers: Record<string, string>;
  /** Content type essence of the reply ("" when none). */
  essence: string;
  /** Body bytes received. */
  bodyBytes: number;
  /** Messages the reply carried. */
  messages: number;
  /** The SSE event id in force at the end ("" when none). */
  lastEventId: string;
  /** The body of an HTTP error status. */
  errorBody?: string;
  end: EndItem;
}

/** A running exchange. */
export class Exchange {
  readonly done: Promise<ExchangeOutcome>;
  private readonly run: StreamRun;
  private status: number | undefined;
  private headers: Record<string, string> = {};
  private essence = '';
  private messages = 0;
  private lastEventId = '';
  /** Some event had an id: the stream can be resumed, so each event needs its own. */
  private idsInUse = false;
  private reportedMissingId = false;
  private body = '';
  private bodyOverflow = false;
  private errorBody: string | undefined;

  private readonly strict: boolean;

  constructor(spec: ExchangeSpec, private readonly hooks: ExchangeHooks) {
    this.strict = spec.expectsReply !== false;
    const text = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    this.run = new StreamRun({
      request: { method: spec.method, url: spec.url, headers: spec.headers, body: text === undefined ? { kind: 'none' } : { kind: 'json', text } },
      settings: { format: 'auto', raw: true, timeoutMs: spec.timeoutMs, followRedirects: true },
      secrets: hooks.secrets,
      fetch: hooks.fetch,
      signal: hooks.signal,
      analysis: false,
      record: hooks.record,
      onItem: (item) => this.take(item),
    });
    this.done = this.run.done.then((end) => ({
      status: this.status,
      headers: this.headers,
      essence: this.essence,
      bodyBytes: end.bytes,
      messages: this.messages,
      lastEventId: this.lastEventId,
      errorBody: this.errorBody,
      end,
    }));
  }

  /** The HTTP status, once the response head arrived. */
  get httpStatus(): number | undefined {
    return this.status;
  }

  /** Drops the connection (the exchange ends with reason `aborted`). */
  stop(): void {
    this.run.stop();
  }

  private take(item: TimelineItem): void {
    this.hooks.onItem(item);
    switch (item.kind) {
      case 'response':
        this.status = item.status;
        this.headers = item.headers;
        this.essence = contentTypeEssence(item.headers['content-type']);
        return;
      case 'message':
        if (item.format === 'sse') this.onEvent(item.data, item.id ?? '', item.seq);
        return;
      case 'raw':
        if (this.essence !== 'text/event-stream' && !this.bodyOverflow) {
          this.body += item.text;
          if (this.body.length > MAX_JSON_BODY) {
            this.bodyOverflow = true;
            this.body = '';
          }
        }
        return;
      case 'error':
        // An HTTP error's body is often a JSON-RPC error: it answers the request.
        if (item.code === 'http-status') this.errorBody = item.body;
        if (item.code === 'http-status' && item.body) this.read(item.body, 'The error body', undefined, false);
        return;
      case 'end':
        if (this.essence !== 'text/event-stream' && this.status !== undefined && this.status < 400 && this.body.trim() !== '') {
          this.read(this.body, 'The reply body', undefined, this.strict);
        }
        return;
      default:
        return;
    }
  }

  private onEvent(data: string, id: string, seq: number): void {
    const ownId = id !== '' && id !== this.lastEventId;
    if (this.idsInUse && !ownId && !this.reportedMissingId) {
      this.reportedMissingId = true;
      this.hooks.onFinding(mcpFindings.sseEventWithoutId(seq));
    }
    if (id !== '') this.idsInUse = true;
    this.lastEventId = id;
    // An event with no data primes the stream with an id (resumability) and carries no message.
    if (data === '') return;
    this.read(data, `The data of SSE event #${seq}`, id, true);
  }

  private read(text: string, where: string, eventId: string | undefined, strict: boolean): void {
    const parsed = parseRpcText(text);
    if (strict) for (const p of parsed.problems) this.hooks.onFinding(mcpFindings.invalidMessage(p, where));
    for (const m of parsed.messages) {
      this.messages++;
      this.hooks.onMessage(m, eventId);
    }
  }
}
