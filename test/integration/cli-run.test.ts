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
          requests: [
            { name: 'seed', method: 'GET', url: '{{baseUrl}}/sse?count={{count}}&interval=0' },
            { name: 'twin', method: 'GET', url: '{{baseUrl}}/sse?count=1' },
            { name: 'checked', method: 'GET', url: '{{baseUrl}}/sse?count=2&interval=0', expect: { status: 200, events: { min: 5 }, eventTypes: ['close'] } },
            { name: 'endless', method: 'GET', url: '{{baseUrl}}/slow?stall=60000', expect: { stopAfterMs: 300, events: { max: 0 } } },
            { name: 'twin', method: 'GET', url: '{{baseUrl}}/sse?count=2' },
            { name: 'with password', method: 'POST', url: `${demo.url.replace('//', '//me:hunter%402@')}echo?k=x`, headers: [{ name: 'Proxy-Authorization', value: `Basic ${Buffer.from('me:pa55-basic').toString('base64')}` }] },
          ],
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

  it('checks the request\'s own expect block, with the flags over it', async () => {
    const saved = await runCli(['run', file, 'checked', '--env', 'local', '--json']);
    assert.equal(saved.code, 1, saved.stderr);
    assert.match(saved.stderr, /1 expectation failed: expected at least 5 events, got 3/);
    const assertions = ofType(saved, 'assertion').map((a) => [a.name, a.ok]);
    assert.deepEqual(assertions.sort(), [['eventTypes', true], ['events', false], ['status', true]]);
    const overridden = await runCli(['run', file, 'checked', '--env', 'local', '--json', '--expect-events', '2', '--expect-event', 'message']);
    assert.equal(overridden.code, 0, overridden.stderr);
    // One assertion per expected type: the saved "close" and the flag's "message".
    assert.deepEqual(ofType(overridden, 'assertion').map((a) => a.name).sort(), ['eventTypes', 'eventTypes', 'events', 'status']);
    const endless = await runCli(['run', file, 'endless', '--env', 'local', '--json']);
    assert.equal(endless.code, 1, endless.stderr);
    assert.equal(ofType(endless, 'end')[0]!.reason, 'aborted');
    assert.match(endless.stderr, /expected at most 0 events/);
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

  it('masks a secret in the escaped forms an echo and the JSON output give it, however short', async () => {
    const secret = 'q"\\/';
    const r = await runCli(['run', file, 'llm/chat', '--env', 'local', '--json'], { STREAM_VIEWER_SECRET_DEMO_TOKEN: secret });
    assert.equal(r.code, 0, r.stderr);
    const echo = JSON.parse(ofType(r, 'message')[0]!.data as string) as { headers: Record<string, string> };
    assert.equal(echo.headers.authorization, 'Bearer ••••••');
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), JSON.stringify(JSON.stringify(secret)).slice(1, -1)]) assert.ok(!r.stdout.includes(form), `${form} in the output`);
    const short = await runCli(['run', file, 'llm/chat', '--env', 'local', '--no-color', '--include'], { STREAM_VIEWER_SECRET_DEMO_TOKEN: 'k9' });
    assert.doesNotMatch(short.stdout, /Bearer k9/);
    assert.match(short.stdout, /Bearer ••••••/);
  });

  it('never prints the password of a URL or of a Basic header', async () => {
    for (const args of [['--json'], ['--no-color', '--include']]) {
      const r = await runCli(['run', file, 'with password', ...args]);
      for (const s of ['hunter@2', 'hunter%402', 'pa55-basic', Buffer.from('me:pa55-basic').toString('base64')]) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), `${s} printed:\n${r.stdout}${r.stderr}`);
    }
  });

  it('refuses a name two requests share, listing both (exit 2)', async () => {
    const r = await runCli(['run', file, 'twin', '--env', 'local']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"twin" names 2 requests: twin \(GET \{\{baseUrl\}\}\/sse\?count=1\), twin \(GET \{\{baseUrl\}\}\/sse\?count=2\); rename one of them in the file/);
  });

  it('reads a collection file that starts with a UTF-8 byte order mark', async () => {
    const bom = join(dir, 'bom.streams.json');
    writeFileSync(bom, `\uFEFF${JSON.stringify({ version: 1, requests: [{ name: 'seed', method: 'GET', url: `${demo.url}sse?count=1&interval=0` }] })}`);
    const r = await runCli(['run', bom, 'seed', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ofType(r, 'message').length, 2);
  });

  it('says which variables have no value, which request is meant, and what is wrong with the file', async () => {
    const noSecret = await runCli(['run', file, 'chat', '--env', 'local']);
    assert.equal(noSecret.code, 2);
    assert.match(noSecret.stderr, /secret:demo_token \(set STREAM_VIEWER_SECRET_DEMO_TOKEN\)/);
    const noEnv = await runCli(['run', file, 'seed']);
    assert.match(noEnv.stderr, /baseUrl \(use --env or --var baseUrl=…\)/);
    const unknown = await runCli(['run', file, 'nope', '--env', 'local']);
    assert.match(unknown.stderr, /No request "nope". The collection has: seed, twin, checked, endless, twin, with password, llm\/chat/);
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
