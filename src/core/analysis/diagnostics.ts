/**
 * Protocol diagnostics: faults in how a server streams, found as the items
 * arrive, each with a one-line explanation and what to fix. A clean,
 * well-formed stream raises none. Each code is reported once per stream.
 * Codes are stable (kebab-case); the README lists every one.
 */
import { charsetOf, contentTypeEssence, contentTypeFor, formatFromContentType, isJson, sniffFormat } from '../detect';
import type { ResponseItem, TimelineItem } from '../items';
import { SseLineScanner, type SseBlock } from './sse-lines';

/** How bad a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  fix: string;
  /** Time (ms since the request) of the item that showed it. */
  t: number;
  /** The `seq` of the message that showed it, when one did. */
  seq?: number;
}

/** Every diagnostic code. */
export const DIAGNOSTIC_CODES = [
  'sse-fields-split-by-blank-lines',
  'sse-endless-reconnect',
  'content-type-missing',
  'content-type-mismatch',
  'charset-not-utf8',
  'cache-control-missing',
  'response-buffered',
  'compression-may-buffer',
  'cors-missing',
  'sse-invalid-retry',
  'sse-id-contains-null',
  'invalid-json-data',
  'ndjson-record-spans-lines',
  'bom-mid-stream',
] as const;

/** A diagnostic code. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/** Event types and data that tell a client the stream is over, so an EventSource would be closed. */
const END_EVENTS = /^(close|closed|done|end|complete|completed|finish|finished|message_stop|response\.completed|response\.failed|response\.incomplete|error)$/i;

/** Finds diagnostics in one stream's items (raw items make the SSE checks possible). */
export class DiagnosticsCollector {
  private readonly seen = new Set<DiagnosticCode>();
  private response: ResponseItem | undefined;
  private readonly lines = new SseLineScanner((block) => this.onBlock(block));
  private firstRaw = true;
  private rawChunks = 0;
  private events = 0;
  private lastMessage: { event?: string; data: string } | undefined;
  private retryMs = 3000;
  private pendingBadLines: string[] = [];
  private t = 0;

  constructor(private readonly report: (d: Diagnostic) => void) {}

  add(item: TimelineItem): void {
    this.t = item.t;
    switch (item.kind) {
      case 'response':
        this.response = item;
        this.checkHeaders(item);
        return;
      case 'raw':
        this.onRaw(item.text);
        return;
      case 'retry':
        this.retryMs = item.ms;
        return;
      case 'message':
        this.events++;
        this.lastMessage = { event: item.event, data: item.data };
        this.checkJson(item.format, item.data, item.error);
        return;
      case 'chunk':
        this.events++;
        return;
      case 'end':
        this.onEnd(item.reason, item.ms);
        return;
      default:
        return;
    }
  }

  private emit(code: DiagnosticCode, severity: Severity, message: string, fix: string): void {
    if (this.seen.has(code)) return;
    this.seen.add(code);
    this.report({ code, severity, message, fix, t: this.t });
  }

  private get isSse(): boolean {
    return this.response?.format === 'sse';
  }

  private checkHeaders(r: ResponseItem): void {
    if (r.status >= 300) return;
    const type = r.headers['content-type'];
    if (!type) {
      this.emit('content-type-missing', 'warning', 'The response has no Content-Type; clients must guess the format (browsers refuse an EventSource without text/event-stream).', `Send Content-Type: ${contentTypeFor(r.format)}.`);
    }
    const charset = charsetOf(type);
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      this.emit('charset-not-utf8', r.format === 'sse' ? 'error' : 'warning', `Content-Type declares charset=${charset}; event streams are always UTF-8 (the spec decodes as UTF-8 anyway, Chromium fails the connection).`, 'Encode the stream as UTF-8 and drop the charset parameter or set charset=utf-8.');
    }
    if (r.format === 'sse') {
      const cache = (r.headers['cache-control'] ?? '').toLowerCase();
      if (!cache.includes('no-cache') && !cache.includes('no-store')) {
        this.emit('cache-control-missing', 'info', 'No Cache-Control: no-cache on an event stream; caches and proxies may hold or replay it.', 'Send Cache-Control: no-cache.');
      }
      const encoding = (r.headers['content-encoding'] ?? '').toLowerCase();
      if (encoding && encoding !== 'identity') {
        this.emit('compression-may-buffer', 'info', `The event stream is compressed (${encoding}); compressors hold data until their buffer fills unless flushed per event.`, 'Flush the compressor after every event, or do not compress text/event-stream.');
      }
    }
    if (!r.headers['access-control-allow-origin']) {
      this.emit('cors-missing', 'info', 'No Access-Control-Allow-Origin: a browser page on another origin cannot read this stream (other clients are not affected).', 'If browsers on other origins use it, send Access-Control-Allow-Origin with the allowed origin.');
    }
  }

  private onRaw(text: string): void {
    this.rawChunks++;
    if (this.firstRaw) {
      this.firstRaw = false;
      this.checkDeclaredFormat(text);
      if (text.length > 1 && text.slice(1).includes('\uFEFF')) this.bomMidStream();
    } else if (text.includes('\uFEFF')) this.bomMidStream();
    if (this.isSse) this.lines.push(text);
  }

  private bomMidStream(): void {
    this.emit('bom-mid-stream', 'warning', 'A byte order mark (U+FEFF) appears after the start of the stream; only a leading BOM is ignored, so it becomes part of a field or line.', 'Write the BOM at most once, at the very start (or not at all), e.g. do not prefix every write with it.');
  }

  private checkDeclaredFormat(first: string): void {
    const r = this.response;
    if (!r || r.status >= 300 || !r.headers['content-type']) return;
    const declared = formatFromContentType(r.headers['content-type']);
    const sniffed = sniffFormat(new TextEncoder().encode(first.slice(0, 4096)));
    if (sniffed && declared !== sniffed && r.formatSource !== 'override') {
      const essence = contentTypeEssence(r.headers['content-type']);
      this.emit('content-type-mismatch', 'warning', `Content-Type is ${essence} but the body looks like ${sniffed === 'sse' ? 'Server-Sent Events' : sniffed === 'ndjson' ? 'NDJSON' : 'a JSON text sequence'}; EventSource and most clients go by the type.`, `Send Content-Type: ${contentTypeFor(sniffed)}.`);
    }
  }

  private onBlock(block: SseBlock): void {
    if (block.fields.has('event') && !block.fields.has('data')) {
      this.emit('sse-fields-split-by-blank-lines', 'warning', 'An "event:" line stands alone in its block: a blank line came before its "data:", so the event is dispatched (if at all) with type "message" and the named type is lost.', 'Write all fields of an event on consecutive lines and end the event with one blank line: "event: x\\ndata: y\\n\\n".');
    }
    for (const retry of block.values('retry')) {
      if (!/^\d+$/.test(retry)) this.emit('sse-invalid-retry', 'warning', `retry: "${retry}" is not a whole number of milliseconds; clients ignore it.`, 'Send retry as ASCII digits only, e.g. "retry: 5000".');
    }
    for (const id of block.values('id')) {
      if (id.includes('\0')) this.emit('sse-id-contains-null', 'warning', 'An id contains a NULL character; clients ignore the whole id field.', 'Remove NULL characters from event ids.');
    }
  }

  private checkJson(format: string, data: string, error: string | undefined): void {
    if (format === 'sse') {
      const t = data.trimStart();
      if ((t.startsWith('{') || t.startsWith('[')) && !isJson(data)) {
        this.emit('invalid-json-data', 'warning', 'An event\'s data looks like JSON but does not parse; clients calling JSON.parse on it will throw.', 'Send one complete JSON value per event; for multi-line JSON, prefix every line with "data:".');
      }
      return;
    }
    if (format !== 'ndjson') return;
    if (error === undefined) {
      this.pendingBadLines = [];
      return;
    }
    this.pendingBadLines.push(data);
    if (this.pendingBadLines.length > 50) this.pendingBadLines.shift();
    // Several bad lines that parse when joined: one record was written over several lines.
    for (let i = 0; i < this.pendingBadLines.length - 1; i++) {
      if (isJson(this.pendingBadLines.slice(i).join('\n'))) {
        this.emit('ndjson-record-spans-lines', 'error', 'A JSON record is spread over several lines (pretty-printed); NDJSON needs one record per line, so each line fails alone.', 'Serialize each record on one line (JSON.stringify without indentation) and end it with \\n.');
        this.pendingBadLines = [];
        return;
      }
    }
    if (this.pendingBadLines.length === 1) {
      this.emit('invalid-json-data', 'warning', 'A line is not valid JSON; NDJSON clients skip or fail on it.', 'Write exactly one JSON value per line.');
    }
  }

  private onEnd(reason: string, ms: number): void {
    const r = this.response;
    if (!r || r.status >= 300) return;
    if (reason === 'eof' && this.isSse && r.status === 200 && contentTypeEssence(r.headers['content-type']) === 'text/event-stream') {
      const last = this.lastMessage;
      const toldToStop = last !== undefined && (END_EVENTS.test(last.event ?? '') || last.data.trim() === '[DONE]');
      if (toldToStop) {
        const what = last.data.trim() === '[DONE]' ? 'data "[DONE]"' : `the "${last.event}" event`;
        this.emit('sse-endless-reconnect', 'info', `The server ended the response after ${what}. EventSource has no close hook: unless the client calls close() when it sees ${what}, the browser reconnects after ${this.retryMs} ms, forever.`, `Make sure every client closes on ${what} (fetch-based clients simply stop reading); or answer the reconnection with HTTP 204.`);
      } else {
        this.emit('sse-endless-reconnect', 'warning', `The server ended the response without a final event. A browser EventSource treats that as a dropped connection and reconnects after ${this.retryMs} ms — forever, replaying the stream each time.`, 'Send a last event the client handles by calling close() (e.g. "event: close"), or answer the reconnection with HTTP 204.');
      }
    }
    if ((reason === 'eof' || reason === 'aborted') && this.events >= 3 && ms >= 500 && r.ttfbMs >= 0.8 * ms && this.rawChunks <= 2) {
      this.emit('response-buffered', 'warning', `All ${this.events} events arrived at once after ${Math.round(r.ttfbMs)} ms: the response was buffered, not streamed.`, 'Flush after each event; turn off proxy buffering (nginx: X-Accel-Buffering: no or proxy_buffering off), and compression or framework output buffering for this route.');
    }
  }
}

