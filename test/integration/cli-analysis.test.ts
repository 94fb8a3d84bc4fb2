/**
 * Protocol diagnostics, each triggered by a loopback server with exactly
 * that fault and absent from a clean stream; the merged LLM line and
 * --stats against the demo server.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { ofType, runCli } from './helpers/cli';
import { startServer } from './helpers/server';

const CLEAN_SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' };

/** Serves `body` (written in `parts`, `gapMs` apart) with `headers`; returns the diagnostic codes the CLI reports. */
async function codesFor(headers: Record<string, string>, parts: (string | Buffer)[], gapMs = 5, extraArgs: string[] = []): Promise<{ codes: string[]; severities: Record<string, string> }> {
  const server = await startServer(async (_req, res: ServerResponse) => {
    res.writeHead(200, headers);
    res.flushHeaders();
    for (const p of parts) {
      res.write(p);
      await new Promise((r) => setTimeout(r, gapMs));
    }
    res.end();
  });
  try {
    const r = await runCli([server.url, '--json', ...extraArgs]);
    const diags = ofType(r, 'diagnostic');
    for (const d of diags) {
      assert.equal(typeof d.message, 'string');
      assert.ok((d.fix as string).length > 10, `${d.code as string} has a fix`);
    }
    return { codes: diags.map((d) => d.code as string), severities: Object.fromEntries(diags.map((d) => [d.code, d.severity])) };
  } finally {
    await server.close();
  }
}

describe('protocol diagnostics', () => {
  it('a clean, well-formed stream raises no warning or error', async () => {
    const { severities } = await codesFor(CLEAN_SSE_HEADERS, ['id: 1\nevent: tick\ndata: {"a":1}\n\n', 'id: 2\nevent: tick\ndata: {"a":2}\n\n', 'event: close\ndata: bye\n\n']);
    assert.deepEqual(Object.entries(severities).filter(([, s]) => s !== 'info'), []);
    const nd = await codesFor({ 'Content-Type': 'application/x-ndjson', 'Access-Control-Allow-Origin': '*' }, ['{"a":1}\n', '{"a":2}\n']);
    assert.deepEqual(nd.codes, []);
  });

  it("the seed server's blank line after every field", async () => {
    const { codes } = await codesFor(CLEAN_SSE_HEADERS, ['id: 0\n\nevent: message\n\nretry: 10000\n\ndata: {"id":0}\n\n', 'event: close\ndata: close\n\n']);
    assert.ok(codes.includes('sse-fields-split-by-blank-lines'), codes.join());
  });

  it('a response that ends without a final event: EventSource would reconnect forever', async () => {
    const { codes, severities } = await codesFor(CLEAN_SSE_HEADERS, ['retry: 1500\ndata: 1\n\n', 'data: 2\n\n']);
    assert.ok(codes.includes('sse-endless-reconnect'));
    assert.equal(severities['sse-endless-reconnect'], 'warning');
  });

  it('missing and wrong Content-Type, a non-UTF-8 charset, no Cache-Control, no CORS', async () => {
    assert.ok((await codesFor({}, ['data: 1\n\n', 'data: 2\n\n'])).codes.includes('content-type-missing'));
    assert.ok((await codesFor({ 'Content-Type': 'text/plain' }, ['data: 1\n\n', 'data: 2\n\n'])).codes.includes('content-type-mismatch'));
    assert.ok((await codesFor({ ...CLEAN_SSE_HEADERS, 'Content-Type': 'text/event-stream; charset=iso-8859-1' }, ['data: 1\n\nevent: close\ndata: x\n\n'])).codes.includes('charset-not-utf8'));
    const bare = await codesFor({ 'Content-Type': 'text/event-stream' }, ['data: 1\n\nevent: close\ndata: x\n\n']);
    assert.ok(bare.codes.includes('cache-control-missing') && bare.codes.includes('cors-missing'));
    assert.equal(bare.severities['cors-missing'], 'info');
  });

  it('invalid retry, an id with NULL, JSON that does not parse, a BOM mid-stream', async () => {
    const { codes } = await codesFor(CLEAN_SSE_HEADERS, ['retry: 10s\ndata: 1\n\n', 'id: a\0b\ndata: 2\n\n', 'data: {"broken":\n\n', '\uFEFFdata: 3\n\n', 'event: close\ndata: x\n\n']);
    for (const code of ['sse-invalid-retry', 'sse-id-contains-null', 'invalid-json-data', 'bom-mid-stream']) assert.ok(codes.includes(code), `${code} in ${codes.join()}`);
  });

  it('an NDJSON record pretty-printed over several lines', async () => {
    const { codes, severities } = await codesFor({ 'Content-Type': 'application/x-ndjson' }, ['{"a":1}\n', '{\n  "b": 2\n}\n', '{"c":3}\n']);
    assert.ok(codes.includes('ndjson-record-spans-lines'), codes.join());
    assert.equal(severities['ndjson-record-spans-lines'], 'error');
  });

  it('a buffered response: everything arrives at once at the end', async () => {
    const body = Array.from({ length: 5 }, (_, i) => `data: ${i}\n\n`).join('') + 'event: close\ndata: x\n\n';
    const server = await startServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, CLEAN_SSE_HEADERS);
        res.end(body);
      }, 700);
    });
    try {
      const r = await runCli([server.url, '--json']);
      assert.ok(ofType(r, 'diagnostic').some((d) => d.code === 'response-buffered'));
    } finally {
      await server.close();
    }
  });

  it('a compressed event stream', async () => {
    const body = gzipSync('data: 1\n\nevent: close\ndata: x\n\n');
    const { codes } = await codesFor({ ...CLEAN_SSE_HEADERS, 'Content-Encoding': 'gzip' }, [body]);
    assert.ok(codes.includes('compression-may-buffer'), codes.join());
  });

  it('--no-diagnostics turns them off', async () => {
    const { codes } = await codesFor({}, ['data: 1\n\n'], 5, ['--no-diagnostics']);
    assert.deepEqual(codes, []);
  });
});

describe('--merge and --stats against the demo server', () => {
  let demo: DemoServer;
  before(async () => {
    demo = await startDemoServer({ port: 0 });
  });
  after(() => demo.close());

  it('assembles an OpenAI-style stream with a tool call and usage into one merged line before the end', async () => {
    const body = JSON.stringify({ model: 'demo', stream: true, stream_options: { include_usage: true }, tools: [{ type: 'function', function: { name: 'get_weather' } }], messages: [] });
    const r = await runCli([`${demo.url}v1/chat/completions?interval=0`, '-d', body, '--json', '--merge', '--stats']);
    assert.equal(r.code, 0, r.stderr);
    const [merged] = ofType(r, 'merged');
    assert.equal(merged!.provider, 'openai-chat');
    assert.match(merged!.text as string, /Server-Sent Events/);
    assert.deepEqual(merged!.toolCalls, [{ id: 'call_demo1', name: 'get_weather', arguments: { location: 'Hangzhou', unit: 'celsius' }, argumentsText: '{"location":"Hangzhou","unit":"celsius"}' }]);
    assert.equal(merged!.finishReason, 'tool_calls');
    assert.equal((merged!.usage as { prompt_tokens: number }).prompt_tokens, 12);
    assert.equal(r.lines.at(-2)!.type, 'merged');
    const end = r.lines.at(-1)!;
    const stats = end.stats as { ttfbMs: number; firstEventMs: number; events: number; tokensPerSec: number; gapMs: { p50: number } };
    assert.equal(stats.events, end.events);
    assert.ok(stats.ttfbMs > 0 && stats.firstEventMs >= stats.ttfbMs);
    assert.ok(stats.tokensPerSec > 0);
  });

  it('assembles Anthropic thinking and text, and Ollama NDJSON', async () => {
    const a = await runCli([`${demo.url}v1/messages?interval=0`, '-d', '{}', '--json', '--merge']);
    const [am] = ofType(a, 'merged');
    assert.equal(am!.provider, 'anthropic');
    assert.match(am!.reasoning as string, /streaming example/);
    assert.equal(am!.finishReason, 'end_turn');
    const o = await runCli([`${demo.url}ollama/api/chat?interval=0`, '-d', '{}', '--json', '--merge']);
    const [om] = ofType(o, 'merged');
    assert.equal(om!.provider, 'ollama');
    assert.equal(om!.text, am!.text);
  });

  it('says so when the stream is not an LLM stream, and prints timing in the listing', async () => {
    const r = await runCli([`${demo.url}sse?count=3&interval=20`, '--json', '--merge']);
    assert.equal(ofType(r, 'merged')[0]!.provider, null);
    const listing = await runCli([`${demo.url}sse?count=3&interval=20`, '--stats']);
    assert.match(listing.stdout, /first byte .* first event .* events\/s/);
    assert.match(listing.stdout, /gaps p50/);
  });
});
