/** The CLI against the demo server, checking the --json contract line by line. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { ofType, runCli } from './helpers/cli';

describe('stream-viewer CLI against the demo server', () => {
  let demo: DemoServer;
  before(async () => {
    demo = await startDemoServer({ port: 0 });
  });
  after(() => demo.close());

  it('lists its endpoints on an index page and as JSON', async () => {
    const html = await (await fetch(demo.url)).text();
    assert.match(html, /\/sse\/seed-bug/);
    const list = (await (await fetch(`${demo.url}endpoints.json`)).json()) as { path: string }[];
    for (const p of ['/sse', '/sse/seed-bug', '/ndjson', '/json-seq', '/text', '/v1/chat/completions', '/slow', '/echo', '/large']) {
      assert.ok(list.some((e) => e.path === p), p);
    }
  });

  it('prints the SSE stream done right as contract lines, ending with the close event', async () => {
    const r = await runCli([`${demo.url}sse?count=3&interval=0`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const [response] = ofType(r, 'response');
    assert.equal(response!.status, 200);
    assert.equal(response!.format, 'sse');
    assert.equal(typeof response!.ttfbMs, 'number');
    assert.match((response!.headers as Record<string, string>)['content-type']!, /^text\/event-stream/);
    const messages = ofType(r, 'message');
    assert.deepEqual(messages.map((m) => [m.event, m.id]), [['message', '0'], ['message', '1'], ['message', '2'], ['close', '2']]);
    assert.deepEqual(JSON.parse(messages[0]!.data as string).body, '哈喽');
    assert.ok(messages.every((m) => typeof m.t === 'number'));
    assert.deepEqual(ofType(r, 'retry').map((l) => l.ms), [10000, 10000, 10000]);
    const end = r.lines.at(-1)!;
    assert.deepEqual(Object.keys(end).sort(), ['bytes', 'events', 'ms', 'reason', 'type']);
    assert.equal(end.reason, 'eof');
    assert.equal(end.events, 4);
  });

  it("shows the seed server's bug as a browser sees it: data events of type message, last id kept", async () => {
    const r = await runCli([`${demo.url}sse/seed-bug?interval=0`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const messages = ofType(r, 'message');
    assert.deepEqual(messages.map((m) => [m.event, m.id]), [['message', '0'], ['message', '1'], ['message', '2'], ['message', '3'], ['message', '4'], ['close', '4']]);
  });

  it('sends method, headers and a JSON body, and streams the echo back', async () => {
    const r = await runCli([`${demo.url}echo`, '-X', 'PUT', '-H', 'X-Trace: abc', '-H', 'Authorization: Bearer t0k', '-d', '{"prompt":"hi"}', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const [echo] = ofType(r, 'message');
    const seen = JSON.parse(echo!.data as string) as { method: string; headers: Record<string, string>; body: string };
    assert.equal(seen.method, 'PUT');
    assert.equal(seen.headers['x-trace'], 'abc');
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.equal(seen.body, '{"prompt":"hi"}');
  });

  it('parses NDJSON and json-seq records, a bad line on its own and the stream going on', async () => {
    const nd = await runCli([`${demo.url}ndjson?count=5&interval=0&bad=1`, '--json']);
    assert.equal(nd.code, 0, nd.stderr);
    const records = ofType(nd, 'message');
    assert.equal(records.length, 5);
    assert.equal(typeof records[2]!.error, 'string');
    assert.equal(records[2]!.json, undefined);
    assert.deepEqual((records[4]!.json as { seq: number }).seq, 4);
    const seq = await runCli([`${demo.url}json-seq?count=3&interval=0`, '--json']);
    assert.deepEqual(ofType(seq, 'message').map((m) => (m.json as { seq: number }).seq), [0, 1, 2]);
  });

  it('prints a readable listing without --json', async () => {
    const r = await runCli([`${demo.url}sse?count=2&interval=0`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /200/);
    assert.match(r.stdout, /close/);
    assert.doesNotMatch(r.stdout, /^\{"type"/m);
  });

  it('streams an OpenAI-style completion to its [DONE]', async () => {
    const r = await runCli([`${demo.url}v1/chat/completions`, '-d', '{"model":"demo","stream":true,"messages":[{"role":"user","content":"hi"}]}', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const data = ofType(r, 'message').map((m) => m.data as string);
    assert.equal(data.at(-1), '[DONE]');
    const text = data.slice(0, -1).map((d) => (JSON.parse(d) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '').join('');
    assert.ok(text.length > 20, text);
  });
});
