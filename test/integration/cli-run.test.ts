/** `stream-viewer run`: saved requests against the demo server, with environments, secrets and CI expectations. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { ofType, runCli } from './helpers/cli';

describe('stream-viewer run <collection> <request>', () => {
  let demo: DemoServer;
  let dir: string;
  let file: string;
  before(async () => {
    demo = await startDemoServer({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'stream-viewer-run-'));
    file = join(dir, 'api.streams.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          version: 1,
          environments: [
            { name: 'local', variables: { baseUrl: demo.url.replace(/\/$/, ''), count: '3' } },
            { name: 'broken', variables: { baseUrl: 'http://127.0.0.1:9' } },
          ],
          requests: [{ name: 'seed', method: 'GET', url: '{{baseUrl}}/sse?count={{count}}&interval=0' }],
          folders: [
            {
              name: 'llm',
              requests: [
                { name: 'chat', method: 'POST', url: '{{baseUrl}}/echo', headers: [{ name: 'Authorization', value: 'Bearer {{secret:demo_token}}' }], body: { kind: 'json', text: '{"id":"{{$uuid}}"}' } },
              ],
            },
          ],
        },
        null,
        2,
      ),
    );
  });
  after(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a saved request with an environment and --var, and passes its expectations', async () => {
    const r = await runCli(['run', file, 'seed', '--env', 'local', '--var', 'count=2', '--json', '--expect-events', '3', '--expect-event', 'close', '--expect-status', '200', '--max-ttfb', '5000']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ofType(r, 'message').length, 3, '2 events and the close event');
    assert.ok(ofType(r, 'assertion').every((a) => a.ok === true));
    assert.equal(ofType(r, 'assertion').length, 4);
  });

  it('fails with a clear message when an expectation is not met', async () => {
    const r = await runCli(['run', file, 'seed', '--env', 'local', '--expect-events', '10', '--expect-event', 'done', '--no-color']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /2 expectations failed: expected at least 10 events, got 4; expected an event of type "done"/);
    assert.match(r.stdout, /✖ expected at least 10 events/);
  });

  it('resolves {{secret:NAME}} from STREAM_VIEWER_SECRET_NAME and never prints it', async () => {
    const r = await runCli(['run', file, 'llm/chat', '--env', 'local', '--json'], { STREAM_VIEWER_SECRET_DEMO_TOKEN: 'sk-very-secret-42' });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /sk-very-secret-42/);
    const echo = JSON.parse((ofType(r, 'message')[0]!.data as string).replace(/••••••/g, 'MASKED')) as { headers: Record<string, string>; body: string };
    assert.equal(echo.headers.authorization, 'Bearer MASKED', 'the server got it; the output shows a mask');
    assert.match(JSON.parse(echo.body).id, /^[0-9a-f-]{36}$/);
  });

  it('says which variables have no value, which request is meant, and what is wrong with the file', async () => {
    const noSecret = await runCli(['run', file, 'chat', '--env', 'local']);
    assert.equal(noSecret.code, 2);
    assert.match(noSecret.stderr, /secret:demo_token \(set STREAM_VIEWER_SECRET_DEMO_TOKEN\)/);
    const noEnv = await runCli(['run', file, 'seed']);
    assert.match(noEnv.stderr, /baseUrl \(use --env or --var baseUrl=…\)/);
    const unknown = await runCli(['run', file, 'nope', '--env', 'local']);
    assert.match(unknown.stderr, /No request "nope". The collection has: seed, llm\/chat/);
    const badEnv = await runCli(['run', file, 'seed', '--env', 'prod']);
    assert.match(badEnv.stderr, /no environment "prod" \(it has "local", "broken"\)/);
    const broken = join(dir, 'broken.streams.json');
    writeFileSync(broken, '{ "version": 1, "requests": [ }');
    const r = await runCli(['run', broken, 'x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /broken\.streams\.json: Not valid JSON/);
    const refused = await runCli(['run', file, 'seed', '--env', 'broken', '--var', 'count=1', '--json']);
    assert.equal(refused.code, 1);
  });
});
