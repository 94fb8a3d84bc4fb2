/**
 * One streamed request from start to end: connect, read the response head,
 * pick a format, feed the body to its parser, and, when asked, reconnect the
 * way a browser `EventSource` does. Everything it learns is reported as
 * timeline items through one callback, in order, ending with exactly one
 * `end` item.
 */
import { startClock, sleep } from './clock';
import { contentTypeEssence, detectFormat, formatFromContentType } from './detect';
import { IdleTimer } from './idle-timer';
import type { EndItem, EndReason, ErrorItem, StreamFormat, TimelineItem } from './items';
import { classifyNetworkError } from './net-errors';
import { createBodyParser, decodesWholeChunks } from './parsers/index';
import type { BodyParser, ParsedItem } from './parsers/parser';
import { prepareRequest, RequestError } from './request';
import { DEFAULT_RETRY_MS } from '../shared/stream-formats';
import { DEFAULT_MAX_RECORD_BYTES, type RequestSpec, type StreamSettings } from './spec';
import { streamFetch } from './stream-fetch';
import { headersRecord, readLimited, utf8Octets } from './wire-text';

/** Where items go, and how the caller can stop the session. */
export interface SessionHooks {
  /** Receives every item synchronously, in order. Must not throw. */
  onItem(item: TimelineItem): void;
  /** Aborting it stops the session at once (end reason `aborted`). */
  signal?: AbortSignal;
  /** The `fetch` to use (e.g. one that honours an editor's proxy settings); by default `streamFetch`, which never times out by itself. */
  fetch?: typeof fetch;
  /** Receives every body chunk as received (before decoding), for recordings. */
  onChunk?(bytes: Uint8Array, t: number): void;
  /**
   * Asked before each read of the body: a promise pauses reading (and the
   * idle timeout) until it settles, so a consumer slower than the stream
   * (stdout piped to a slow reader) pushes back on the server instead of
   * queueing it in memory. `undefined` reads on at once.
   */
  ready?(): Promise<void> | undefined;
  /** Scales the reconnection delay (a replay at 4× waits a quarter of `retry`; 0 does not wait). Default 1. */
  delayScale?: number;
}

/** How long the body must be quiet before a parser shows a record whose end is not proven yet. */
const SETTLE_MS = 50;

/** Largest error body kept for an HTTP error status. */
const MAX_ERROR_BODY = 64 * 1024;

type Outcome = { next: 'end'; reason: EndReason } | { next: 'reconnect' };

/** Runs a request to its end. Never rejects: failures become `error` items. */
export async function runStream(spec: RequestSpec, settings: StreamSettings, hooks: SessionHooks): Promise<EndItem> {
  const now = startClock();
  const doFetch = hooks.fetch ?? streamFetch;
  const outer = hooks.signal;
  const maxRecordBytes = settings.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const reconnect = settings.reconnect?.enabled ? settings.reconnect : undefined;
  let bytes = 0;
  let events = 0;
  let seq = 0;
  let retryMs = reconnect?.defaultRetryMs ?? DEFAULT_RETRY_MS;
  let lastEventId = '';
  let reconnects = 0;
  /** Some attempt got a response: giving up on reconnecting is then a normal end, not a failure. */
  let answered = false;

  const emit = (item: TimelineItem): void => {
    try {
      hooks.onItem(item);
    } catch {
      // A consumer that throws must not break the stream for the others.
    }
  };
  const fail = (code: ErrorItem['code'], message: string, extra?: Partial<ErrorItem>): void =>
    emit({ kind: 'error', t: now(), offset: bytes, code, message, fatal: true, ...extra });

  /** Arrival time of the chunk being parsed: every item in one chunk arrived at the same moment. */
  let chunkTime = 0;
  const parserContext = {
    now: () => chunkTime,
    maxRecordBytes,
    nextSeq: () => ++seq,
    emit(item: ParsedItem): void {
      if (item.kind === 'message' || item.kind === 'chunk') events++;
      else if (item.kind === 'retry') retryMs = item.ms;
      emit(item);
    },
  };

  /** One HTTP exchange. */
  async function connect(attempt: number): Promise<Outcome> {
    let prepared;
    try {
      prepared = prepareRequest(spec);
    } catch (err) {
      if (err instanceof RequestError) {
        fail(err.code, err.message);
        return { next: 'end', reason: 'error' };
      }
      throw err;
    }
    const headers = [...prepared.headers];
    const wireHeaders = [...prepared.headers];
    if (attempt > 0 && lastEventId !== '') {
      headers.push(['Last-Event-ID', lastEventId]);
      wireHeaders.push(['Last-Event-ID', utf8Octets(lastEventId)]);
    }
    emit({
      kind: 'request',
      t: now(),
      offset: bytes,
      method: prepared.method,
      url: prepared.url,
      headers: Object.fromEntries(headers),
      bodyBytes: prepared.body === undefined ? 0 : Buffer.byteLength(prepared.body),
      attempt,
    });

    const controller = new AbortController();
    let stopReason: 'aborted' | 'timeout' | undefined;
    const onOuterAbort = (): void => {
      stopReason ??= 'aborted';
      controller.abort();
    };
    if (outer?.aborted) return { next: 'end', reason: 'aborted' };
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    const idle = new IdleTimer(settings.timeoutMs ?? 0, () => {
      stopReason ??= 'timeout';
      controller.abort();
    });
    const stopped = (): Outcome | undefined => {
      if (stopReason === 'aborted') return { next: 'end', reason: 'aborted' };
      if (stopReason === 'timeout') {
        fail('timeout', `No data for ${settings.timeoutMs} ms: gave up waiting`);
        return { next: 'end', reason: 'timeout' };
      }
      return undefined;
    };

    let parser: BodyParser | undefined;
    let stopSettling = (): void => undefined;
    let parserLastEventId: (() => string) | undefined;
    try {
      let response: Response;
      try {
        response = await doFetch(prepared.url, {
          method: prepared.method,
          headers: wireHeaders,
          body: prepared.body,
          signal: controller.signal,
          redirect: settings.followRedirects === false ? 'manual' : 'follow',
        });
      } catch (err) {
        const s = stopped();
        if (s) return s;
        const failure = classifyNetworkError(err, prepared.url);
        fail(failure.code, failure.message);
        return reconnect && failure.code !== 'tls' ? { next: 'reconnect' } : { next: 'end', reason: 'error' };
      }
      idle.touch();
      const ttfbMs = now();
      const contentType = response.headers.get('content-type');
      const reader = response.body?.getReader();
      let first: Uint8Array | undefined;
      let firstError: unknown;
      const auto = settings.format === undefined || settings.format === 'auto';
      const sniff = auto && formatFromContentType(contentType) === undefined;
      if (sniff && reader && response.status < 400) {
        try {
          const r = await reader.read();
          if (!r.done) first = r.value;
        } catch (err) {
          firstError = err;
        }
      }
      let format: StreamFormat;
      let formatSource: 'content-type' | 'sniffed' | 'override';
      if (settings.format && settings.format !== 'auto') {
        format = settings.format;
        formatSource = 'override';
      } else {
        const d = detectFormat(contentType, first);
        format = d.format;
        formatSource = d.source;
      }
      emit({
        kind: 'response',
        t: now(),
        offset: bytes,
        status: response.status,
        statusText: response.statusText,
        headers: headersRecord(response.headers),
        url: response.url || prepared.url,
        redirected: response.redirected,
        format,
        formatSource,
        ttfbMs,
      });
      answered = true;

      if (response.status >= 400) {
        const body = reader ? await readLimited(reader, MAX_ERROR_BODY, (n) => (bytes += n)) : '';
        if (settings.raw && body) emit({ kind: 'raw', t: now(), offset: bytes, text: body, size: Buffer.byteLength(body) });
        const s = stopped();
        if (s) return s;
        const snippet = body.length > 300 ? `${body.slice(0, 300)}…` : body;
        fail('http-status', `HTTP ${response.status} ${response.statusText}${snippet ? `: ${snippet}` : ''}`, {
          status: response.status,
          body,
        });
        return { next: 'end', reason: 'error' };
      }
      if (!reader) return { next: 'end', reason: 'eof' };

      const essence = contentTypeEssence(contentType);
      const eventSourceWouldReconnect = response.status === 200 && essence === 'text/event-stream';
      if (reconnect && !eventSourceWouldReconnect) {
        emit({
          kind: 'error',
          t: now(),
          offset: bytes,
          code: 'not-a-stream',
          fatal: false,
          message:
            response.status === 204
              ? 'HTTP 204 No Content: the server asks the client to stop; EventSource does not reconnect'
              : `Not an event stream (HTTP ${response.status}, Content-Type: ${contentType ?? 'none'}): EventSource would fail and not reconnect`,
        });
      }

      // Raw text for the raw view and the diagnostics: from the parser's own decoding where it decodes whole chunks.
      const shared = settings.raw === true && decodesWholeChunks(format);
      const onText = shared ? (text: string, size: number): void => emit({ kind: 'raw', t: now(), offset: bytes, text, size }) : undefined;
      const created = createBodyParser(format, parserContext, { baseOffset: bytes, lastEventId, onText });
      parser = created;
      if ('lastEventId' in created) parserLastEventId = () => created.lastEventId;
      const rawDecoder = settings.raw && !shared ? new TextDecoder('utf-8') : undefined;
      // A parser whose records end only where the next begins (json-seq) shows a complete-looking one once the body is quiet.
      let settleTimer: ReturnType<typeof setTimeout> | undefined;
      const settle = created.settle
        ? (): void => {
            clearTimeout(settleTimer);
            settleTimer = setTimeout(() => created.settle!(), SETTLE_MS);
          }
        : undefined;
      const take = (chunk: Uint8Array): void => {
        bytes += chunk.byteLength;
        chunkTime = now();
        hooks.onChunk?.(chunk, chunkTime);
        if (rawDecoder) {
          const text = rawDecoder.decode(chunk, { stream: true });
          emit({ kind: 'raw', t: now(), offset: bytes, text, size: chunk.byteLength });
        }
        created.push(chunk);
        settle?.();
      };
      stopSettling = () => clearTimeout(settleTimer);
      if (first) take(first);
      for (;;) {
        let r: Awaited<ReturnType<typeof reader.read>>;
        try {
          if (firstError !== undefined) throw firstError;
          const wait = hooks.ready?.();
          if (wait) {
            await pauseFor(wait, idle, controller.signal);
            // Stopped during the pause: not every body (a replay's) fails its read on abort.
            if (controller.signal.aborted) throw controller.signal.reason;
          }
          r = await reader.read();
        } catch (err) {
          chunkTime = now();
          created.end();
          parser = undefined;
          const s = stopped();
          if (s) return s;
          const failure = classifyNetworkError(err, prepared.url);
          fail(failure.code, failure.message);
          return reconnect && eventSourceWouldReconnect ? { next: 'reconnect' } : { next: 'end', reason: 'error' };
        }
        if (r.done) break;
        idle.touch();
        take(r.value);
      }
      chunkTime = now();
      created.end();
      parser = undefined;
      return reconnect && eventSourceWouldReconnect ? { next: 'reconnect' } : { next: 'end', reason: 'eof' };
    } finally {
      stopSettling();
      if (parser) {
        chunkTime = now();
        parser.end();
      }
      if (parserLastEventId) lastEventId = parserLastEventId();
      idle.dispose();
      outer?.removeEventListener('abort', onOuterAbort);
      controller.abort();
    }
  }

  let reason: EndReason;
  for (let attempt = 0; ; attempt++) {
    let outcome: Outcome;
    try {
      outcome = await connect(attempt);
    } catch (err) {
      // A bug must not take the host down: report it like any other failure.
      fail('network', `Unexpected failure: ${err instanceof Error ? err.message : String(err)}`);
      outcome = { next: 'end', reason: 'error' };
    }
    if (outcome.next === 'end') {
      reason = outcome.reason;
      break;
    }
    if (reconnect?.maxReconnects !== undefined && reconnects >= reconnect.maxReconnects) {
      // Every attempt failed (a dead endpoint): that is an error, as it is without --reconnect.
      reason = answered ? 'max-reconnects' : 'error';
      break;
    }
    reconnects++;
    emit({ kind: 'reconnect', t: now(), offset: bytes, attempt: reconnects, lastEventId, delayMs: retryMs });
    const delay = retryMs * (hooks.delayScale ?? 1);
    const waited = outer ? await sleep(delay, outer) : await sleep(delay, new AbortController().signal);
    if (!waited) {
      reason = 'aborted';
      break;
    }
  }
  const end: EndItem = { kind: 'end', t: now(), offset: bytes, reason, events, bytes, ms: now() };
  emit(end);
  return end;
}

/** Waits for the consumer without counting the wait as silence from the server; an abort ends it early. */
async function pauseFor(wait: Promise<void>, idle: IdleTimer, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  idle.hold();
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([wait, new Promise<void>((resolve) => signal.addEventListener('abort', (onAbort = () => resolve()), { once: true }))]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    idle.release();
  }
}
