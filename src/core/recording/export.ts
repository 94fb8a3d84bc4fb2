/**
 * Exports of a recording: the raw body text (`.sse`), one JSON object per
 * message (`.ndjson`), and a HAR 1.2 archive for tools that read HAR.
 */
import { createBodyParser } from '../parsers/index';
import { detectFormat } from '../detect';
import type { MessageItem, StreamFormat } from '../items';
import type { ParsedItem } from '../parsers/parser';
import { concatBytes } from '../utf8';
import type { RecordedConnection, Recording } from './format';

/** The body bytes of every connection, in order. */
export function bodyBytes(rec: Recording): Uint8Array {
  return concatBytes(rec.connections.flatMap((c) => c.chunks.map((k) => k.data)));
}

/** The received text exactly (what an `.sse` file holds for an event stream). */
export function toRawText(rec: Recording): string {
  return new TextDecoder().decode(bodyBytes(rec));
}

function formatOf(rec: Recording, c: RecordedConnection): StreamFormat {
  const forced = rec.settings.format;
  if (forced && forced !== 'auto') return forced;
  return detectFormat(c.headers['content-type'], c.chunks[0]?.data).format;
}

/** The messages of a recording, parsed as the engine parses them, with arrival times. */
export function recordedMessages(rec: Recording): MessageItem[] {
  const out: MessageItem[] = [];
  let seq = 0;
  let lastEventId: string | undefined;
  let offset = 0;
  for (const c of rec.connections) {
    let t = c.t;
    const parser = createBodyParser(formatOf(rec, c), {
      emit: (item: ParsedItem) => {
        if (item.kind === 'message') out.push(item);
      },
      now: () => t,
      nextSeq: () => ++seq,
      maxRecordBytes: rec.settings.maxRecordBytes ?? 16 * 1024 * 1024,
    }, { baseOffset: offset, lastEventId });
    for (const chunk of c.chunks) {
      t = chunk.t;
      offset += chunk.data.length;
      parser.push(chunk.data);
    }
    parser.end();
    if ('lastEventId' in parser) lastEventId = (parser as { lastEventId: string }).lastEventId;
  }
  return out;
}

/** One JSON object per message: `{"t","event","id","data","json"}` (absent fields left out). */
export function toNdjson(rec: Recording): string {
  return recordedMessages(rec)
    .map((m) => JSON.stringify({ t: m.t, ...(m.event !== undefined ? { event: m.event } : {}), ...(m.id ? { id: m.id } : {}), data: m.data, ...(m.json !== undefined ? { json: m.json } : {}) }))
    .join('\n') + '\n';
}

/** A HAR 1.2 archive with one entry per connection. */
export function toHar(rec: Recording, creatorVersion: string): string {
  const started = Date.parse(rec.createdAt) || Date.now();
  const request = rec.request;
  const body = request.body;
  const postText = body?.kind === 'raw' || body?.kind === 'json' ? body.text : body?.kind === 'form' ? new URLSearchParams(body.fields.filter((f) => f.enabled !== false).map((f) => [f.name, f.value])).toString() : undefined;
  const entries = rec.connections.map((c, i) => {
    const next = rec.connections[i + 1];
    const last = c.chunks[c.chunks.length - 1]?.t ?? c.t;
    const done = next ? last : Math.max(last, rec.end?.t ?? last);
    const text = new TextDecoder().decode(concatBytes(c.chunks.map((k) => k.data)));
    const size = c.chunks.reduce((n, k) => n + k.data.length, 0);
    return {
      startedDateTime: new Date(started).toISOString(),
      time: done,
      request: {
        method: request.method,
        url: c.url || request.url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: (request.headers ?? []).filter((h) => h.enabled !== false).map((h) => ({ name: h.name, value: h.value })),
        queryString: [],
        ...(postText !== undefined ? { postData: { mimeType: body?.kind === 'json' ? 'application/json' : body?.kind === 'form' ? 'application/x-www-form-urlencoded' : 'text/plain', text: postText } } : {}),
        headersSize: -1,
        bodySize: postText === undefined ? 0 : Buffer.byteLength(postText),
      },
      response: {
        status: c.status,
        statusText: c.statusText,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: Object.entries(c.headers).map(([name, value]) => ({ name, value })),
        content: { size, mimeType: c.headers['content-type'] ?? 'application/octet-stream', text },
        redirectURL: '',
        headersSize: -1,
        bodySize: size,
      },
      cache: {},
      timings: { send: 0, wait: c.t, receive: Math.max(0, done - c.t) },
    };
  });
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'Stream Viewer', version: creatorVersion }, entries } }, null, 2) + '\n';
}
