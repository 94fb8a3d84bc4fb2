/**
 * Protocol diagnostics: faults in how a server streams, found as the items
 * arrive, each with a one-line explanation and what to fix. A clean,
 * well-formed stream raises none, and the real wire formats of the common
 * LLM APIs raise no warning. Each code is reported once per stream; when an
 * event showed it, the diagnostic names that event (`seq`). What it keeps
 * is bounded by constants, whatever the stream. Codes are stable
 * (kebab-case); the README lists every one.
 */
import { DEFAULT_RETRY_MS } from '../../shared/stream-formats';
import { charsetOf, contentTypeEssence, contentTypeFor, formatFromContentType, sniffFormat } from '../detect';
import { isJson } from '../json-text';
import type { RequestItem, ResponseItem, TimelineItem } from '../items';
import { END_SENTINEL, endMarker } from './end-markers';
import { notFromEventSource } from './eventsource-request';
import { SpannedRecordFinder } from './ndjson-spans';
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
  /** The 1-based `seq` of the message item (event or record) that showed it, when one did. */
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

/** Data that starts like a JSON object, array or string (and is no end marker). */
function looksLikeJson(trimmed: string): boolean {
  const c = trimmed.charCodeAt(0);
  return (c === 123 || c === 91 || c === 34) && !END_SENTINEL.test(trimmed);
}

/** " (event #n)" when an event is known. */
function ofEvent(seq: number | undefined): string {
  return seq === undefined ? '' : ` (event #${seq})`;
}

/** A finding from the SSE line view, waiting for the event its block becomes. */
interface PendingFinding {
  code: DiagnosticCode;
  /** 0-based index, in this response, of the event that shows it. */
  ordinal: number;
  report: (seq: number | undefined, t: number) => void;
}

/** Finds diagnostics in one stream's items (raw items make the SSE checks possible). */
export class DiagnosticsCollector {
  private readonly seen = new Set<DiagnosticCode>();
  private request: RequestItem | undefined;
  private response: ResponseItem | undefined;
  private readonly lines = new SseLineScanner((block) => this.onBlock(block));
  private firstRaw = true;
  private rawChunks = 0;
  private events = 0;
  /** The last message itself (kept, not copied: an object per event is garbage on a busy stream). */
  private lastMessage: Extract<TimelineItem, { kind: 'message' }> | undefined;
  private retryMs = DEFAULT_RETRY_MS;
  private readonly spans = new SpannedRecordFinder();
  /** Invalid NDJSON lines in a row. */
  private badLines = 0;
  /** Events the line view saw completed in this response, and events the parser dispatched in it. */
  private blocksWithData = 0;
  private sseEvents = 0;
  private pending: PendingFinding[] = [];
  private t = 0;

  constructor(private readonly report: (d: Diagnostic) => void) {}

  /** Whether SSE data still needs checking as JSON (until one event was found that is not). */
  wantsJsonCheck(): boolean {
    return !this.seen.has('invalid-json-data');
  }

  /** Adds an item; `parsedAsJson` says its data was already parsed as JSON by the caller. */
  add(item: TimelineItem, parsedAsJson = false): void {
    this.t = item.t;
    switch (item.kind) {
      case 'request':
        this.request = item;
        return;
      case 'response':
        this.flushPending();
        this.response = item;
        this.lines.reset();
        this.blocksWithData = 0;
        this.sseEvents = 0;
        this.firstRaw = true;
        this.checkHeaders(item);
        return;
      case 'raw':
        // Findings of the last chunk whose event never came (it was not dispatched).
        this.flushPending();
        this.onRaw(item.text);
        return;
      case 'retry':
        this.retryMs = item.ms;
        return;
      case 'message':
        this.events++;
        this.lastMessage = item;
        if (item.format === 'sse') this.onSseEvent(item.seq);
        // Data already parsed (by the analysis, or the NDJSON parser) is JSON.
        if (item.format !== 'sse' || !parsedAsJson) this.checkJson(item.format, item.data, item.error, item.seq);
        return;
      case 'chunk':
        this.events++;
        return;
      case 'error':
        if (item.code === 'too-large' && this.isSse) this.lines.skipOpenBlock();
        return;
      case 'end':
        this.flushPending();
        this.onEnd(item.reason, item.ms);
        return;
      default:
        return;
    }
  }

  private emit(code: DiagnosticCode, severity: Severity, message: string, fix: string, seq?: number, t = this.t): void {
    if (this.seen.has(code)) return;
    this.seen.add(code);
    this.report({ code, severity, message, fix, t, ...(seq === undefined ? {} : { seq }) });
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
      this.checkCacheControl(r.headers['cache-control']);
      const encoding = (r.headers['content-encoding'] ?? '').toLowerCase();
      if (encoding && encoding !== 'identity') {
        this.emit('compression-may-buffer', 'info', `The event stream is compressed (${encoding}); compressors hold data until their buffer fills unless flushed per event.`, 'Flush the compressor after every event, or do not compress text/event-stream.');
      }
    }
    if (!r.headers['access-control-allow-origin']) {
      this.emit('cors-missing', 'info', 'No Access-Control-Allow-Origin: a browser page on another origin cannot read this stream (other clients are not affected).', 'If browsers on other origins use it, send Access-Control-Allow-Origin with the allowed origin.');
    }
  }

  /**
   * No Cache-Control at all lets a cache store a GET response and serve it
   * again, and lets proxies treat it as an ordinary download. Caches do not
   * store responses to POST (RFC 9111 §3 needs explicit freshness for that),
   * which is how every LLM API is called: there the header is a nicety.
   */
  private checkCacheControl(header: string | undefined): void {
    const value = (header ?? '').toLowerCase();
    if (value.includes('no-cache') || value.includes('no-store')) return;
    const fix = 'Send Cache-Control: no-cache (a proxy that compresses or rewrites responses also needs no-transform).';
    const method = (this.request?.method ?? 'GET').toUpperCase();
    if (header === undefined && (method === 'GET' || method === 'HEAD')) {
      this.emit('cache-control-missing', 'warning', 'The event stream has no Cache-Control header: a cache or proxy between server and client may store it and replay it, or hold it back as an ordinary download.', fix);
    } else if (header === undefined) {
      this.emit('cache-control-missing', 'info', `The event stream has no Cache-Control header. Caches do not store responses to ${method}, so this request is safe; the same stream served to GET would not be.`, fix);
    } else {
      this.emit('cache-control-missing', 'info', `Cache-Control is "${header}", without no-cache: caches and proxies may hold or replay the event stream.`, fix);
    }
  }

  /**
   * Raw text is decoded as a browser decodes the body, so the one leading
   * BOM a stream may have is already gone: any U+FEFF left is mid-stream.
   */
  private onRaw(text: string): void {
    this.rawChunks++;
    if (this.firstRaw) {
      this.firstRaw = false;
      this.checkDeclaredFormat(text);
    }
    if (text.includes('\uFEFF')) this.bomMidStream();
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

  /**
   * A block of the line view is over. The parser dispatches an event for
   * each block with data, in the same order and from the same chunk, so the
   * n-th such block of a response is its n-th event.
   */
  private onBlock(block: SseBlock): void {
    const own = !block.skipped && block.hasData ? this.blocksWithData++ : undefined;
    if (block.hasEvent && !block.hasData && !block.skipped) {
      // The named type was meant for the next event, which goes out as "message".
      this.later('sse-fields-split-by-blank-lines', this.blocksWithData, (seq, t) =>
        this.emit('sse-fields-split-by-blank-lines', 'warning', `An "event:" line stands alone in its block: a blank line came before its "data:", so the event is dispatched (if at all) with type "message" and the named type is lost${seq === undefined ? '' : ` (event #${seq})`}.`, 'Write all fields of an event on consecutive lines and end the event with one blank line: "event: x\\ndata: y\\n\\n".', seq, t),
      );
    }
    const retry = block.badRetry;
    if (retry !== undefined) {
      this.later('sse-invalid-retry', own, (seq, t) =>
        this.emit('sse-invalid-retry', 'warning', `retry: "${retry}" is not a whole number of milliseconds${ofEvent(seq)}; clients ignore it.`, 'Send retry as ASCII digits only, e.g. "retry: 5000".', seq, t),
      );
    }
    if (block.idWithNull) {
      this.later('sse-id-contains-null', own, (seq, t) =>
        this.emit('sse-id-contains-null', 'warning', `An id contains a NULL character${ofEvent(seq)}; clients ignore the whole id field.`, 'Remove NULL characters from event ids.', seq, t),
      );
    }
  }

  /** Reports a finding when the event with this ordinal arrives (at once when there is none to wait for). */
  private later(code: DiagnosticCode, ordinal: number | undefined, report: PendingFinding['report']): void {
    if (this.seen.has(code) || this.pending.some((p) => p.code === code)) return;
    if (ordinal === undefined) report(undefined, this.t);
    else this.pending.push({ code, ordinal, report });
  }

  private onSseEvent(seq: number): void {
    const ordinal = this.sseEvents++;
    if (this.pending.length === 0) return;
    const due = this.pending.filter((p) => p.ordinal <= ordinal);
    this.pending = this.pending.filter((p) => p.ordinal > ordinal);
    for (const p of due) p.report(p.ordinal === ordinal ? seq : undefined, this.t);
  }

  private flushPending(): void {
    const all = this.pending;
    this.pending = [];
    for (const p of all) p.report(undefined, this.t);
  }

  private checkJson(format: string, data: string, error: string | undefined, seq: number): void {
    if (format === 'sse') {
      if (this.seen.has('invalid-json-data')) return;
      const trimmed = data.trim();
      if (looksLikeJson(trimmed) && !isJson(trimmed)) {
        this.emit('invalid-json-data', 'warning', `The data of event #${seq} looks like JSON but does not parse; clients calling JSON.parse on it will throw.`, 'Send one complete JSON value per event; for multi-line JSON, prefix every line with "data:".', seq);
      }
      return;
    }
    if (format !== 'ndjson') return;
    if (error === undefined) {
      this.spans.reset();
      this.badLines = 0;
      return;
    }
    this.badLines++;
    const first = this.spans.add(data, seq);
    if (first !== undefined) {
      this.badLines = 0;
      this.emit('ndjson-record-spans-lines', 'error', `Records #${first} to #${seq} are one JSON record spread over ${seq - first + 1} lines (pretty-printed); NDJSON needs one record per line, so each line fails alone.`, 'Serialize each record on one line (JSON.stringify without indentation) and end it with \\n.', first);
      return;
    }
    if (this.badLines === 1) {
      this.emit('invalid-json-data', 'warning', `Record #${seq} is not valid JSON; NDJSON clients skip or fail on it.`, 'Write exactly one JSON value per line.', seq);
    }
  }

  private onEnd(reason: string, ms: number): void {
    const r = this.response;
    if (!r || r.status >= 300) return;
    if (reason === 'eof' && this.isSse && r.status === 200 && contentTypeEssence(r.headers['content-type']) === 'text/event-stream') this.checkEnding();
    if ((reason === 'eof' || reason === 'aborted') && this.events >= 3 && ms >= 500 && r.ttfbMs >= 0.8 * ms && this.rawChunks <= 2) {
      this.emit('response-buffered', 'warning', `All ${this.events} events arrived at once after ${Math.round(r.ttfbMs)} ms: the response was buffered, not streamed.`, 'Flush after each event; turn off proxy buffering (nginx: X-Accel-Buffering: no or proxy_buffering off), and compression or framework output buffering for this route.');
    }
  }

  /**
   * The server ended an event stream. A browser EventSource takes that as a
   * dropped connection and reconnects; that only matters when an
   * EventSource could have made the request at all.
   */
  private checkEnding(): void {
    const last = this.lastMessage;
    const marker = last === undefined ? undefined : endMarker(last.event, last.data);
    const notEventSource = this.request ? notFromEventSource(this.request) : undefined;
    if (notEventSource !== undefined) {
      // Read with fetch: nothing reconnects by itself, and an end marker is all a client needs.
      if (marker === undefined) {
        this.emit('sse-endless-reconnect', 'info', `The response ended without an event that marks the end${last ? ` (the last was event #${last.seq})` : ''}. No browser EventSource could have sent this request (${notEventSource}), so nothing reconnects by itself, but a client cannot tell a finished stream from a cut one.`, 'Send a last event that says the stream is complete (e.g. "data: [DONE]" or "event: done").', last?.seq);
      }
      return;
    }
    if (marker !== undefined && last !== undefined) {
      this.emit('sse-endless-reconnect', 'info', `The server ended the response after ${marker} (event #${last.seq}). EventSource has no close hook: unless the client calls close() when it sees ${marker}, the browser reconnects after ${this.retryMs} ms, forever.`, `Make sure every client closes on ${marker} (fetch-based clients simply stop reading); or answer the reconnection with HTTP 204.`, last.seq);
    } else {
      this.emit('sse-endless-reconnect', 'warning', `The server ended the response without a final event. A browser EventSource treats that as a dropped connection and reconnects after ${this.retryMs} ms — forever, replaying the stream each time.`, 'Send a last event the client handles by calling close() (e.g. "event: close"), or answer the reconnection with HTTP 204.', last?.seq);
    }
  }
}
