import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serialize } from 'node:v8';
import { SpannedRecordFinder } from '../../src/core/analysis/ndjson-spans';
import { SseLineScanner, type SseBlock } from '../../src/core/analysis/sse-lines';
import { diagnose, severities } from './helpers/diagnose';

const SSE = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' };
const NDJSON = { 'content-type': 'application/x-ndjson', 'access-control-allow-origin': '*' };
const POST_JSON = { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, bodyBytes: 20 };

describe('diagnostics keep bounded state', () => {
  it('an open SSE block of endless unknown-field lines is kept as counts, not values', () => {
    const blocks: SseBlock[] = [];
    const scanner = new SseLineScanner((b) => blocks.push({ ...b }));
    for (let i = 0; i < 100; i++) scanner.push('foo: bar\n'.repeat(1000));
    scanner.push('\n');
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0]!.lines, 100_000);
    assert.ok(serialize(blocks[0]).length < 200, `kept ${serialize(blocks[0]).length} bytes for one block`);
  });

  it('after an oversized block the collector still finds faults, and names the event', () => {
    const body = `${'foo: bar\n'.repeat(20_000)}\nevent: tick\n\ndata: y\n\n`;
    const { diagnostics, items } = diagnose({ format: 'sse', headers: SSE, body, chunkBytes: 4096, maxRecordBytes: 64 * 1024 });
    assert.deepEqual(items.filter((i) => i.kind === 'error').map((i) => i.kind === 'error' && i.code), ['too-large']);
    const split = diagnostics.find((d) => d.code === 'sse-fields-split-by-blank-lines');
    assert.equal(split?.seq, 1);
    assert.match(split!.message, /event #1/);
  });

  it('invalid NDJSON lines are not kept: one huge line leaves at most a short sample', () => {
    const finder = new SpannedRecordFinder();
    finder.add(`{"x":"${'y'.repeat(1024 * 1024)}`, 1);
    for (let i = 2; i < 200; i++) finder.add(`[${'z'.repeat(1000)}`, i);
    assert.ok(serialize(finder).length < 80 * 1024, `kept ${serialize(finder).length} bytes`);
    assert.equal(finder.add(']', 200), undefined);
  });

  it('still finds a pretty-printed NDJSON record after many large invalid lines, from its first line', () => {
    const bad = Array.from({ length: 60 }, () => `{"x":"${'y'.repeat(10_000)}`).join('\n');
    const { diagnostics } = diagnose({ format: 'ndjson', headers: NDJSON, body: `{"a":1}\n${bad}\n{\n  "b": [1,\n    2]\n}\n{"c":3}\n`, chunkBytes: 1000 });
    const spans = diagnostics.find((d) => d.code === 'ndjson-record-spans-lines');
    assert.equal(spans?.severity, 'error');
    assert.equal(spans?.seq, 62);
    assert.match(spans!.message, /#62 to #65/);
    assert.equal(diagnostics.find((d) => d.code === 'invalid-json-data')?.seq, 2);
  });
});

describe('diagnostics without false alarms', () => {
  it('data: [DONE] and other bracketed end markers are not JSON mistakes', () => {
    const body = 'data: {"a":1}\n\ndata: [DONE]\n\n';
    const { diagnostics } = diagnose({ format: 'sse', headers: SSE, body, request: POST_JSON });
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info'), []);
  });

  it('data that starts like JSON (object, array or string) and does not parse is flagged, naming the event', () => {
    for (const [bad, label] of [['{"a":', 'object'], ['[1,', 'array'], ['"open', 'string']] as const) {
      const { diagnostics } = diagnose({ format: 'sse', headers: SSE, body: `data: {"ok":1}\n\ndata: ${bad}\n\nevent: close\ndata: x\n\n` });
      const d = diagnostics.find((x) => x.code === 'invalid-json-data');
      assert.equal(d?.seq, 2, label);
      assert.match(d!.message, /event #2/, label);
    }
  });

  it('sse-endless-reconnect is at most info for requests no EventSource could send', () => {
    const body = 'data: {"a":1}\n\ndata: {"a":2}\n\n';
    const post = diagnose({ format: 'sse', headers: SSE, body, request: POST_JSON });
    assert.equal(severities(post.diagnostics)['sse-endless-reconnect'], 'info');
    assert.match(post.diagnostics.find((d) => d.code === 'sse-endless-reconnect')!.message, /POST/);
    const header = diagnose({ format: 'sse', headers: SSE, body, request: { method: 'GET', headers: { 'x-goog-api-key': 'k' }, bodyBytes: 0 } });
    assert.equal(severities(header.diagnostics)['sse-endless-reconnect'], 'info');
    const ended = diagnose({ format: 'sse', headers: SSE, body: `${body}data: [DONE]\n\n`, request: POST_JSON });
    assert.equal(severities(ended.diagnostics)['sse-endless-reconnect'], undefined);
    const browser = diagnose({ format: 'sse', headers: SSE, body, request: { method: 'GET', headers: { Accept: 'text/event-stream', 'Last-Event-ID': '4' }, bodyBytes: 0 } });
    assert.equal(severities(browser.diagnostics)['sse-endless-reconnect'], 'warning');
    assert.equal(browser.diagnostics.find((d) => d.code === 'sse-endless-reconnect')?.seq, 2);
  });

  it('an end marked inside the last JSON event (finish reason, JSON-RPC response, done, type) needs no advice', () => {
    for (const last of ['{"candidates":[{"content":{"parts":[{"text":"."}]},"finishReason":"STOP"}]}', '{"jsonrpc":"2.0","id":1,"result":{}}', '{"done":true}', '{"type":"response.completed"}']) {
      const { diagnostics } = diagnose({ format: 'sse', headers: SSE, body: `data: {"a":1}\n\ndata: ${last}\n\n`, request: POST_JSON });
      assert.equal(severities(diagnostics)['sse-endless-reconnect'], undefined, last);
    }
    const get = diagnose({ format: 'sse', headers: SSE, body: 'data: {"a":1}\n\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n' });
    const d = get.diagnostics.find((x) => x.code === 'sse-endless-reconnect');
    assert.equal(d?.severity, 'info');
    assert.match(d!.message, /JSON-RPC response \(event #2\)/);
  });

  it('an event stream with no Cache-Control is a warning when a cache could store it (GET)', () => {
    const body = 'data: 1\n\nevent: close\ndata: x\n\n';
    const { 'cache-control': _c, ...noCache } = SSE;
    const get = diagnose({ format: 'sse', headers: noCache, body });
    const d = get.diagnostics.find((x) => x.code === 'cache-control-missing');
    assert.equal(d?.severity, 'warning');
    assert.match(d!.fix, /Cache-Control: no-cache/);
    assert.equal(severities(diagnose({ format: 'sse', headers: noCache, body, request: POST_JSON }).diagnostics)['cache-control-missing'], 'info');
    assert.equal(severities(diagnose({ format: 'sse', headers: { ...noCache, 'cache-control': 'private' }, body }).diagnostics)['cache-control-missing'], 'info');
    assert.equal(severities(diagnose({ format: 'sse', headers: { ...noCache, 'cache-control': 'no-cache, no-transform' }, body }).diagnostics)['cache-control-missing'], undefined);
  });
});

describe('diagnostics name the event that showed them', () => {
  it('an invalid retry and an id with NULL point at the event of their block', () => {
    const { diagnostics } = diagnose({ format: 'sse', headers: SSE, body: 'data: 1\n\nretry: 10s\ndata: 2\n\nid: a\0b\ndata: 3\n\nevent: close\ndata: x\n\n', chunkBytes: 7 });
    const bySeq = Object.fromEntries(diagnostics.map((d) => [d.code, d.seq]));
    assert.equal(bySeq['sse-invalid-retry'], 2);
    assert.equal(bySeq['sse-id-contains-null'], 3);
    assert.match(diagnostics.find((d) => d.code === 'sse-invalid-retry')!.message, /event #2/);
  });

  it("the seed server's lone event: line points at the event that lost its type", () => {
    const { diagnostics } = diagnose({ format: 'sse', headers: SSE, body: 'id: 0\n\nevent: message\n\nretry: 10000\n\ndata: {"id":0}\n\nevent: close\ndata: close\n\n' });
    assert.equal(diagnostics.find((d) => d.code === 'sse-fields-split-by-blank-lines')?.seq, 1);
  });

  it('a retry in a block with no data is reported at once, without an event', () => {
    const { diagnostics } = diagnose({ format: 'sse', headers: SSE, body: 'retry: soon\n\ndata: 1\n\nevent: close\ndata: x\n\n' });
    const d = diagnostics.find((x) => x.code === 'sse-invalid-retry');
    assert.ok(d);
    assert.equal(d.seq, undefined);
  });
});

describe('byte order marks', () => {
  it('a second leading BOM is mid-stream, however the body is split; one alone is fine', () => {
    const twice = new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...new TextEncoder().encode('data: x\n\nevent: close\ndata: y\n\n')]);
    for (let size = 1; size <= twice.length; size++) {
      const { diagnostics, items } = diagnose({ format: 'sse', headers: SSE, body: twice, chunkBytes: size });
      assert.ok(diagnostics.some((d) => d.code === 'bom-mid-stream'), `chunks of ${size}`);
      assert.deepEqual(items.flatMap((i) => (i.kind === 'message' ? [i.data] : [])), ['y'], `chunks of ${size}`);
      const once = diagnose({ format: 'sse', headers: SSE, body: twice.subarray(3), chunkBytes: size });
      assert.ok(!once.diagnostics.some((d) => d.code === 'bom-mid-stream'), `chunks of ${size}`);
    }
  });
});
