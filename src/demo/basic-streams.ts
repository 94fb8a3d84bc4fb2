/**
 * The streams of the seed article — SSE done right and the seed's buggy
 * variant — plus NDJSON, json-seq, plain text, stalls, drops and volume.
 */
import { constants as zlibConstants, createGzip } from 'node:zlib';
import { intParam, pause, sseEvent, streamHeaders, write, type DemoRequest } from './stream-helpers';


const MAX_COUNT = 10_000_000;
const MAX_INTERVAL = 60_000;

function seedPayload(id: number): string {
  return JSON.stringify({ id, time: new Date().toISOString(), body: '哈喽' });
}

/** `/sse`: the seed's stream done right, honouring Last-Event-ID, ending with a `close` event. */
export async function sse(r: DemoRequest): Promise<void> {
  const count = intParam(r.url, 'count', 5, 0, MAX_COUNT);
  const interval = intParam(r.url, 'interval', 1000, 0, MAX_INTERVAL);
  const last = Number(r.req.headers['last-event-id']);
  const first = Number.isInteger(last) ? last + 1 : 0;
  r.res.writeHead(200, streamHeaders('text/event-stream'));
  r.res.flushHeaders();
  for (let id = first; id < count; id++) {
    if (!(await pause(r, interval))) return;
    if (!(await write(r, sseEvent({ id, event: 'message', retry: 10000, data: seedPayload(id) })))) return;
  }
  await write(r, sseEvent({ event: 'close', data: 'bye' }));
  r.res.end();
}

/** `/sse/seed-bug`: the seed server's bytes, a blank line after every field. */
export async function seedBug(r: DemoRequest): Promise<void> {
  const interval = intParam(r.url, 'interval', 1000, 0, MAX_INTERVAL);
  r.res.writeHead(200, streamHeaders('text/event-stream'));
  r.res.flushHeaders();
  for (let id = 0; id <= 4; id++) {
    if (!(await pause(r, interval))) return;
    const bytes = `id: ${id}\n\nevent: message\n\nretry: 10000\n\ndata: ${seedPayload(id)}\n\n`;
    if (!(await write(r, bytes))) return;
  }
  await write(r, 'event: close\ndata: close\n\n');
  r.res.end();
}

/** `/ndjson` and `/jsonl`: one JSON record per line; `bad=1` slips in an invalid one. */
export function jsonLines(contentType: string) {
  return async (r: DemoRequest): Promise<void> => {
    const count = intParam(r.url, 'count', 10, 0, MAX_COUNT);
    const interval = intParam(r.url, 'interval', 300, 0, MAX_INTERVAL);
    const bad = r.url.searchParams.get('bad') === '1';
    r.res.writeHead(200, streamHeaders(contentType));
    r.res.flushHeaders();
    for (let i = 0; i < count; i++) {
      if (!(await pause(r, interval))) return;
      const line = bad && i === Math.floor(count / 2) ? `{"seq":${i},"broken":` : JSON.stringify({ seq: i, time: new Date().toISOString(), level: i % 3 === 0 ? 'info' : 'debug', msg: `record ${i}` });
      if (!(await write(r, line + '\n'))) return;
    }
    r.res.end();
  };
}

/** `/json-seq`: RFC 7464 records, RS before and LF after each. */
export async function jsonSeq(r: DemoRequest): Promise<void> {
  const count = intParam(r.url, 'count', 10, 0, MAX_COUNT);
  const interval = intParam(r.url, 'interval', 300, 0, MAX_INTERVAL);
  r.res.writeHead(200, streamHeaders('application/json-seq'));
  r.res.flushHeaders();
  for (let i = 0; i < count; i++) {
    if (!(await pause(r, interval))) return;
    if (!(await write(r, `\u001e${JSON.stringify({ seq: i, time: new Date().toISOString() })}\n`))) return;
  }
  r.res.end();
}

const SENTENCE = 'Plain text streams have no message boundaries: each piece just extends the text, and only the reader can tell where one update ends. ';

/** `/text`: plain chunked text, a few words at a time. */
export async function text(r: DemoRequest): Promise<void> {
  const interval = intParam(r.url, 'interval', 150, 0, MAX_INTERVAL);
  const repeat = intParam(r.url, 'count', 2, 1, 10_000);
  r.res.writeHead(200, streamHeaders('text/plain; charset=utf-8'));
  r.res.flushHeaders();
  const words = SENTENCE.repeat(repeat).match(/\S+\s*/g) ?? [];
  for (let i = 0; i < words.length; i += 3) {
    if (!(await pause(r, interval))) return;
    if (!(await write(r, words.slice(i, i + 3).join('')))) return;
  }
  r.res.end();
}

/** `/slow`: a few events, a long stall (optionally with heartbeats), one more event. */
export async function slow(r: DemoRequest): Promise<void> {
  const count = intParam(r.url, 'count', 3, 0, 1000);
  const stall = intParam(r.url, 'stall', 10_000, 0, 600_000);
  const heartbeat = r.url.searchParams.get('heartbeat') === '1';
  r.res.writeHead(200, streamHeaders('text/event-stream'));
  r.res.flushHeaders();
  for (let i = 0; i < count; i++) if (!(await write(r, sseEvent({ id: i, data: `fast ${i}` })))) return;
  const until = Date.now() + stall;
  while (Date.now() < until) {
    if (!(await pause(r, Math.min(heartbeat ? 1000 : stall, until - Date.now())))) return;
    if (heartbeat && Date.now() < until && !(await write(r, ': keep-alive\n\n'))) return;
  }
  await write(r, sseEvent({ id: count, data: 'after the stall' }));
  r.res.end();
}

/** `/echo`: the request itself, as one SSE event. */
export async function echo(r: DemoRequest): Promise<void> {
  let json: unknown;
  try {
    json = r.body === '' ? undefined : (JSON.parse(r.body) as unknown);
  } catch {
    json = undefined;
  }
  const data = { method: r.req.method, url: r.req.url, headers: r.req.headers, body: r.body, json };
  r.res.writeHead(200, streamHeaders('text/event-stream'));
  await write(r, sseEvent({ event: 'request', data: JSON.stringify(data) }));
  r.res.end();
}

/** `/large`: `count` events of about `size` bytes, as fast as the client reads. */
export async function large(r: DemoRequest): Promise<void> {
  const count = intParam(r.url, 'count', 100_000, 0, MAX_COUNT);
  const size = intParam(r.url, 'size', 100, 10, 1_000_000);
  const ndjson = r.url.searchParams.get('format') === 'ndjson';
  r.res.writeHead(200, streamHeaders(ndjson ? 'application/x-ndjson' : 'text/event-stream'));
  const pad = 'x'.repeat(Math.max(0, size - 30));
  let batch = '';
  for (let i = 0; i < count; i++) {
    const json = `{"n":${i},"pad":"${pad}"}`;
    batch += ndjson ? `${json}\n` : `id: ${i}\ndata: ${json}\n\n`;
    if (batch.length >= 256 * 1024) {
      if (!(await write(r, batch))) return;
      batch = '';
    }
  }
  if (batch) await write(r, batch);
  r.res.end();
}

/** `/gzip`: SSE compressed with gzip, flushed per event so it still streams. */
export async function gzipped(r: DemoRequest): Promise<void> {
  const count = intParam(r.url, 'count', 5, 0, MAX_COUNT);
  const interval = intParam(r.url, 'interval', 200, 0, MAX_INTERVAL);
  r.res.writeHead(200, { ...streamHeaders('text/event-stream'), 'Content-Encoding': 'gzip' });
  const z = createGzip();
  z.pipe(r.res);
  for (let i = 0; i < count; i++) {
    if (!(await pause(r, interval))) return void z.destroy();
    z.write(sseEvent({ id: i, data: JSON.stringify({ seq: i, compressed: true }) }));
    await new Promise<void>((resolve) => z.flush(zlibConstants.Z_SYNC_FLUSH, () => resolve()));
  }
  z.end();
}

/** `/drop`: two events, half of a third, then the connection is cut. */
export async function drop(r: DemoRequest): Promise<void> {
  r.res.writeHead(200, streamHeaders('text/event-stream'));
  await write(r, sseEvent({ id: 1, data: 'one' }) + sseEvent({ id: 2, data: 'two' }) + 'data: {"partial":');
  if (await pause(r, 100)) r.res.socket?.destroy();
}

/** `/status/:code`: an HTTP error with a JSON body, as APIs send them. */
export function status(r: DemoRequest, code: number): void {
  r.res.writeHead(code, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
  r.res.end(JSON.stringify({ error: { code, message: `demo error ${code}` } }));
}
