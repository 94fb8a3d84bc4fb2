/**
 * The one stream run the CLI and the panel share, with an injected `fetch`:
 * what it masks, records, analyses and keeps.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TimelineItem } from '../../src/core/items';
import { parseRecording, stringifyRecording } from '../../src/core/recording/format';
import { FileRecording, MemoryRecording, Recorder } from '../../src/core/recording/recorder';
import { StreamRun } from '../../src/core/run/stream-run';

/** A `fetch` answering with `chunks` and `headers`, and remembering what it was asked. */
function fakeFetch(chunks: string[], headers: Record<string, string> = { 'content-type': 'text/event-stream' }, url?: string): { fetch: typeof fetch; calls: { url: string; init?: RequestInit }[] } {
  const calls: { url: string; init?: RequestInit }[] = [];
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), init });
    const enc = new TextEncoder();
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (i < chunks.length) c.enqueue(enc.encode(chunks[i++]!));
        else c.close();
      },
    });
    const res = new Response(body, { status: 200, headers });
    if (url) Object.defineProperty(res, 'url', { value: url });
    return res;
  };
  return { fetch: f as typeof fetch, calls };
}

describe('the stream run', () => {
  it('sends the resolved request, records it as written, and masks every echoed secret in items and recording', async () => {
    const secret = 'sk-"live"\\42';
    const echoed = JSON.stringify({ echo: `Bearer ${secret}` });
    const { fetch, calls } = fakeFetch([`data: ${echoed}\n\n`, 'data: plain\n\n'], { 'content-type': 'text/event-stream', 'x-echo': secret }, `http://h/x?key=${encodeURIComponent(secret)}`);
    const record = new MemoryRecording();
    const items: TimelineItem[] = [];
    const run = new StreamRun({
      request: { method: 'GET', url: 'http://h/x?key={{secret:k}}', headers: [{ name: 'Authorization', value: 'Bearer {{secret:k}}' }] },
      resolved: { method: 'GET', url: `http://h/x?key=${encodeURIComponent(secret)}`, headers: [{ name: 'Authorization', value: `Bearer ${secret}` }] },
      settings: {},
      secrets: [secret],
      fetch,
      record,
      onItem: (i) => items.push(i),
    });
    await run.done;
    assert.match(calls[0]!.url, /key=sk-/, 'the real value is sent');
    const everything = JSON.stringify(items) + stringifyRecording(record.recording()!);
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) assert.ok(!everything.includes(form), `no ${form} anywhere`);
    const rec = record.recording()!;
    assert.equal(rec.request.url, 'http://h/x?key={{secret:k}}', 'the request as written');
    assert.equal(rec.request.headers?.[0]?.value, '«redacted»');
    assert.ok(!rec.connections[0]!.url.includes('live'));
    const replayed = Buffer.from(rec.connections[0]!.chunks[0]!.data).toString();
    assert.match(replayed, /••••••/, 'the echo in the body is masked in the recording');
  });

  it('runs the analysis once and keeps its results: problems, merged response, dispatches', async () => {
    const chunk = (content: string): string => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`;
    const { fetch } = fakeFetch([chunk('Hel'), chunk('lo'), 'data: [DONE]\n\n'], { 'content-type': 'text/event-stream' });
    const pieces: (string | undefined)[] = [];
    const dispatches: string[] = [];
    const run = new StreamRun({ request: { method: 'GET', url: 'http://h/' }, settings: {}, fetch, onItem: (i, p) => i.kind === 'message' && pieces.push(p), onDispatch: (d) => dispatches.push(d.kind) });
    await run.done;
    assert.equal(run.merged()?.text, 'Hello');
    assert.deepEqual(pieces, ['Hel', 'lo', undefined], 'each event carries its piece of text');
    assert.deepEqual(dispatches, ['open', 'event', 'event', 'event', 'error']);
    assert.ok(run.problems.some((d) => d.code === 'cache-control-missing'), run.problems.map((d) => d.code).join());
    assert.ok(!run.problems.some((d) => d.code === 'invalid-json-data'), '[DONE] is no JSON mistake');
    assert.equal(run.timing()?.events, 3);
  });

  it('keeps a store bounded by bytes that says what it dropped', async () => {
    const big = 'x'.repeat(100_000);
    const { fetch } = fakeFetch(Array.from({ length: 50 }, () => `data: ${big}\n\n`));
    const run = new StreamRun({ request: { method: 'GET', url: 'http://h/' }, settings: {}, fetch, store: { maxItems: 1000, maxBytes: 1_000_000 }, rawBytes: 2_000_000, analysis: false });
    const end = await run.done;
    assert.equal(end.events, 50);
    assert.ok(run.store!.bytes <= 1_000_000, `${run.store!.bytes} bytes kept`);
    assert.ok(run.store!.dropped > 40);
    assert.ok(run.raw!.info().bytes <= 2_000_000 && run.raw!.info().droppedBytes > 0);
  });

  it('masks the secret values of a request that exists only resolved (an MCP exchange) in its recording', async () => {
    const secret = 'tok-resolved-42';
    const { fetch } = fakeFetch(['data: ok\n\n']);
    const record = new MemoryRecording();
    const request = { method: 'POST', url: `http://h/mcp?key=${secret}`, headers: [{ name: 'X-Token', value: secret }], body: { kind: 'json' as const, text: JSON.stringify({ params: { text: `say ${secret}` } }) } };
    await new StreamRun({ request, settings: {}, fetch, secrets: [secret], record }).done;
    const text = stringifyRecording(record.recording()!);
    assert.ok(!text.includes(secret), text);
    const kept = record.recording()!.request;
    assert.match(kept.url, /key=••••••/);
    assert.equal(kept.headers?.[0]?.value, '••••••');
    assert.match(kept.body?.kind === 'json' ? kept.body.text : '', /say ••••••/);
  });

  it('keeps what it sends to a webview: the packed batches read back as the items, pieces and records as parsed', async () => {
    const chunk = (content: string): string => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`;
    const lines = Array.from({ length: 10_000 }, (_, i) => chunk(`t${i} é😀`));
    const { fetch } = fakeFetch([...lines, 'data: [DONE]\n\n']);
    const seen: TimelineItem[] = [];
    const batches: number[] = [];
    const run = new StreamRun({
      request: { method: 'GET', url: 'http://h/' },
      settings: {},
      fetch,
      store: { maxItems: 100_000, maxBytes: 64 * 1024 * 1024 },
      onItem: (i) => void (i.kind !== 'raw' && seen.push(i)),
      onBatch: (b) => batches.push(b.count),
    });
    await run.done;
    const kept = run.storedItems();
    assert.deepEqual(kept, seen, 'export gives back every item as the stream gave it');
    assert.ok(batches.length >= 2, `nobody packed, yet ${batches.length} batch(es): what waits is bounded`);
    assert.equal(batches.reduce((a, b) => a + b, 0), seen.length, 'every item crossed in exactly one batch');
    const fifth = run.store!.at(5);
    assert.equal(fifth?.kind === 'message' ? fifth.piece : undefined, 't3 é😀', "the webview's copy carries each event's piece of text");

    const ndjson = fakeFetch(['{"a":1}\n{"b":[2]}\nnot json\n'], { 'content-type': 'application/x-ndjson' });
    const records = new StreamRun({ request: { method: 'GET', url: 'http://h/' }, settings: {}, fetch: ndjson.fetch, store: { maxItems: 10, maxBytes: 1e6 } });
    await records.done;
    const messages = records.storedItems().filter((i) => i.kind === 'message');
    assert.deepEqual(messages.map((m) => (m.kind === 'message' ? [m.json, m.error !== undefined] : [])), [[{ a: 1 }], [{ b: [2] }], [undefined, true]].map(([j, e = false]) => [j, e]));
  });

  it('refuses a request that cannot be sent with one error and an end, sending nothing', async () => {
    const { fetch, calls } = fakeFetch([]);
    const items: TimelineItem[] = [];
    const run = new StreamRun({ request: { method: 'GET', url: '{{base}}/x' }, settings: {}, fetch, refused: { code: 'invalid-request', message: 'Not sent: no value for {{base}}' }, onItem: (i) => items.push(i) });
    const end = await run.done;
    assert.deepEqual(items.map((i) => i.kind), ['error', 'end']);
    assert.equal(end.reason, 'error');
    assert.equal(calls.length, 0);
  });

  it('writes a recording to its file as the stream arrives, and checks the path before sending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sv-run-'));
    assert.throws(() => new FileRecording(join(dir, 'missing', 'x.streamrec.jsonl')), /cannot write the recording to .*ENOENT/);
    const path = join(dir, 'r.streamrec.jsonl');
    let seenMidStream = '';
    const { fetch } = fakeFetch(['data: 1\n\n', 'data: 2\n\n']);
    const run = new StreamRun({
      request: { method: 'GET', url: 'http://h/' },
      settings: {},
      fetch,
      record: new FileRecording(path),
      onItem: (i) => {
        if (i.kind === 'message' && i.data === '2') seenMidStream = readFileSync(path, 'utf8');
      },
    });
    await run.done;
    assert.match(seenMidStream, /"type":"chunk"/, 'chunks are on disk before the end');
    const rec = parseRecording(readFileSync(path, 'utf8'));
    assert.equal(rec.end?.events, 2);
    assert.ok(existsSync(path));
  });

  it('keeps a copy of each chunk in memory, up to its bound, whatever the caller does with its buffer after', () => {
    const record = new MemoryRecording(6);
    const recorder = new Recorder({ method: 'GET', url: 'http://127.0.0.1/x' }, {}, record);
    recorder.onItem({ kind: 'response', t: 1, offset: 0, status: 200, statusText: 'OK', headers: {}, url: 'http://127.0.0.1/x', format: 'sse', formatSource: 'content-type', ttfbMs: 1, redirected: false });
    const buffer = new TextEncoder().encode('data:');
    recorder.onChunk(buffer, 2);
    buffer.fill(0x21); // the caller reuses its buffer
    recorder.onChunk(new TextEncoder().encode(' x\n\n'), 3);
    const rec = record.recording()!;
    assert.equal(new TextDecoder().decode(rec.connections[0]!.chunks[0]!.data), 'data:');
    assert.equal(rec.connections[0]!.chunks.length, 1, 'the second chunk is past the 6-byte bound');
    assert.equal(rec.truncated, true);
  });

  it('replays a recording through the same run', async () => {
    const record = new MemoryRecording();
    const { fetch } = fakeFetch(['event: a\ndata: 1\n\n', 'event: b\ndata: 2\n\n']);
    await new StreamRun({ request: { method: 'GET', url: 'http://h/' }, settings: {}, fetch, record }).done;
    const seen: string[] = [];
    const end = await new StreamRun({ request: { method: 'GET', url: 'http://h/' }, settings: {}, replay: { recording: record.recording()!, speed: 0 }, onItem: (i) => i.kind === 'message' && seen.push(`${i.event}:${i.data}`) }).done;
    assert.deepEqual(seen, ['a:1', 'b:2']);
    assert.equal(end.reason, 'eof');
  });
});
