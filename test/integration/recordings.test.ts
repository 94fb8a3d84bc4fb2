/**
 * Recordings: a live stream recorded by the CLI replays to the same events,
 * the file round-trips byte for byte, exports hold exactly what was
 * received, diff finds what changed, and the demo server serves a recording
 * back as a live stream.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diffRecordings } from '../../src/core/recording/diff';
import { toHar, toNdjson, toRawText } from '../../src/core/recording/export';
import { parseRecording, stringifyRecording } from '../../src/core/recording/format';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { ofType, runCli, startCli } from './helpers/cli';
import { startServer } from './helpers/server';

const withoutTime = (lines: Record<string, unknown>[]): unknown[] => lines.map(({ t: _t, ...rest }) => rest);

describe('recordings', () => {
  let demo: DemoServer;
  let dir: string;
  before(async () => {
    demo = await startDemoServer({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'stream-viewer-rec-'));
  });
  after(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a live stream and replays the same events, byte-exact, without the credentials', async () => {
    const file = join(dir, 'a.streamrec.jsonl');
    const live = await runCli([`${demo.url}sse?count=4&interval=30`, '-H', 'Authorization: Bearer sk-live-secret', '--record', file, '--json']);
    assert.equal(live.code, 0, live.stderr);
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /sk-live-secret/);
    const rec = parseRecording(text);
    assert.equal(stringifyRecording(rec), text, 'parse and stringify round-trip exactly');
    assert.ok(rec.connections[0]!.chunks.length >= 1);
    assert.match(toRawText(rec), /event: close/);
    const replay = await runCli(['--replay', file, '--json', '--speed', '0']);
    assert.equal(replay.code, 0, replay.stderr);
    assert.deepEqual(withoutTime(ofType(replay, 'message')), withoutTime(ofType(live, 'message')));
    assert.equal(replay.lines.at(-1)!.bytes, live.lines.at(-1)!.bytes);
  });

  it('replays at the original speed, or faster', async () => {
    const file = join(dir, 'slow.streamrec.jsonl');
    await runCli([`${demo.url}sse?count=3&interval=200`, '--record', file]);
    // The stream's own duration (end line), not wall time: process start-up varies under load.
    const duration = async (args: string[]): Promise<number> => Number((await runCli(args)).lines.at(-1)!.ms);
    const original = await duration(['--replay', file, '--json']);
    const fast = await duration(['--replay', file, '--json', '--speed', '10']);
    assert.ok(original >= 550, `original speed took ${original} ms`);
    assert.ok(fast < original / 3, `10x took ${fast} ms vs ${original} ms`);
  });

  it('exports the raw text, NDJSON and HAR exactly as received', async () => {
    const body = 'id: 1\nevent: a\ndata: {"x":1}\n\n: note\ndata: 哈喽\n\n';
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(body.slice(0, 9));
      setTimeout(() => res.end(body.slice(9)), 20);
    });
    try {
      const file = join(dir, 'export.streamrec.jsonl');
      await runCli([server.url, '--record', file]);
      const rec = parseRecording(readFileSync(file, 'utf8'));
      assert.equal(toRawText(rec), body);
      const nd = toNdjson(rec).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual(nd.map((m) => [m.event, m.id, m.data]), [['a', '1', '{"x":1}'], ['message', '1', '哈喽']]);
      const har = JSON.parse(toHar(rec, 'test')) as { log: { version: string; entries: { response: { status: number; content: { text: string } } }[] } };
      assert.equal(har.log.version, '1.2');
      assert.equal(har.log.entries[0]!.response.content.text, body);
      const cli = await runCli(['export', file, '--as', 'sse']);
      assert.equal(cli.stdout, body);
    } finally {
      await server.close();
    }
  });

  it('diffs two recordings: changed, added and removed events, and timing', async () => {
    const a = join(dir, 'd1.streamrec.jsonl');
    const b = join(dir, 'd2.streamrec.jsonl');
    const c = join(dir, 'd3.streamrec.jsonl');
    await runCli([`${demo.url}json-seq?count=3&interval=0`, '--record', a]);
    await runCli([`${demo.url}json-seq?count=4&interval=0`, '--record', b]);
    await runCli(['--replay', a, '--speed', '0', '--record', c]);
    const same = diffRecordings(parseRecording(readFileSync(a, 'utf8')), parseRecording(readFileSync(c, 'utf8')));
    assert.equal(same.same, true, JSON.stringify(same.changes));
    const d = diffRecordings(parseRecording(readFileSync(a, 'utf8')), parseRecording(readFileSync(b, 'utf8')));
    assert.equal(d.timing.events.join(), '3,4');
    assert.ok(d.changes.some((x) => x.kind === 'added'));
    const cli = await runCli(['diff', a, b, '--json']);
    assert.equal(cli.code, 1);
    assert.equal((JSON.parse(cli.stdout) as { same: boolean }).same, false);
    assert.equal((await runCli(['diff', a, c])).code, 0);
  });

  it('the demo server serves a recording back as a live stream', async () => {
    const file = join(dir, 'served.streamrec.jsonl');
    await runCli([`${demo.url}sse?count=3&interval=50`, '--record', file]);
    const replaying = await startDemoServer({ port: 0, replay: parseRecording(readFileSync(file, 'utf8')) });
    try {
      const fromRecording = await runCli([`${replaying.url}replay`, '--json']);
      const original = await runCli(['--replay', file, '--json', '--speed', '0']);
      assert.deepEqual(withoutTime(ofType(fromRecording, 'message')), withoutTime(ofType(original, 'message')));
    } finally {
      await replaying.close();
    }
  });

  it('replays a stream that kept reconnecting to a dead server to its end', async () => {
    // Two connections answer with `retry: 0`; after that every connection is dropped at once, and the client retries in a loop.
    let served = 0;
    const flaky = await startServer((req, res) => {
      if (++served > 2) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`retry: 0\nid: ${served}\ndata: n${served}\n\n`);
    });
    const file = join(dir, 'reconnecting.streamrec.jsonl');
    try {
      const live = startCli([flaky.url, '--reconnect', '--record', file, '--json']);
      let failures = 0;
      live.child.stdout!.on('data', (d: string) => {
        failures += d.split('\n').filter((l) => l.startsWith('{"type":"error"')).length;
        if (failures >= 3) live.child.kill('SIGINT');
      });
      const recorded = await live.done;
      assert.equal(recorded.lines.at(-1)!.reason, 'aborted', recorded.stderr);
    } finally {
      await flaky.close();
    }
    const replay = startCli(['--replay', file, '--json', '--speed', '0']);
    let errors = 0;
    replay.child.stdout!.on('data', (d: string) => {
      errors += d.split('\n').filter((l) => l.startsWith('{"type":"error"')).length;
      // Without an end the replay would go on forever: stop it and let the assertions say so.
      if (errors > 20) replay.child.kill();
    });
    const r = await replay.done;
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ofType(r, 'message').map((m) => m.data), ['n1', 'n2']);
    assert.equal(ofType(r, 'reconnect').length, 1);
    assert.deepEqual(r.lines.at(-1), { type: 'end', reason: 'aborted', events: 2, bytes: r.lines.at(-1)!.bytes, ms: r.lines.at(-1)!.ms });
  });

  it('reports a file that is not a recording clearly', async () => {
    const r = await runCli(['--replay', join(__dirname, 'helpers', 'cli.ts')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not valid JSON|Not a Stream Viewer recording/);
  });
});
