/** `stream-viewer test`: collections with expectations and a flow against a loopback server, each reporter, JUnit checked against the junit-10 schema. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import { runCli } from './helpers/cli';
import { startServer, type TestServer } from './helpers/server';

const XSD = readFileSync(join(__dirname, '..', 'fixtures', 'junit', 'junit-10.xsd'), 'utf8');
const SECRET = 'tok-9f8e7d6c5b4a';

/** An order service: POST /orders announces the new order on every open GET /events stream. */
async function startOrders(): Promise<TestServer> {
  const listeners = new Set<ServerResponse>();
  let id = 0;
  return startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
      res.write(': connected\n\n');
      listeners.add(res);
      res.on('close', () => listeners.delete(res));
    } else if (url.pathname === '/orders' && req.method === 'POST') {
      const order = { id: ++id, item: (JSON.parse(body || '{}') as { item?: string }).item ?? 'none', status: 'created' };
      // Announced a little after the answer, as a queue would.
      setTimeout(() => {
        for (const l of listeners) l.write(`event: order\ndata: ${JSON.stringify(order)}\n\n`);
      }, 20);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: order.id }));
    } else if (url.pathname === '/quiet' && req.method === 'POST') {
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{}');
    } else if (url.pathname === '/count') {
      const n = Number(url.searchParams.get('n') ?? 3);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
      for (let i = 0; i < n; i++) res.write(`data: {"n":${i},"auth":${JSON.stringify(req.headers.authorization ?? '')}}\n\n`);
      res.end('event: done\ndata: [DONE]\n\n');
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
    }
  });
}

describe('stream-viewer test', () => {
  let server: TestServer;
  let dir: string;
  let passing: string;
  let failing: string;

  before(async () => {
    server = await startOrders();
    dir = mkdtempSync(join(tmpdir(), 'stream-viewer-test-'));
    mkdirSync(join(dir, 'api'));
    passing = join(dir, 'api', 'orders.streams.json');
    failing = join(dir, 'broken.streams.json');
    const env = [{ name: 'local', variables: { base: server.url } }];
    const events = { name: 'events', method: 'GET', url: '{{base}}/events' };
    const create = { name: 'create order', method: 'POST', url: '{{base}}/orders', body: { kind: 'json', text: '{"item":"tea"}' }, expect: { status: 201 } };
    writeFileSync(
      passing,
      JSON.stringify({
        version: 1,
        name: 'Orders',
        environments: env,
        requests: [events, create, { name: 'count', method: 'GET', url: '{{base}}/count?n=3', headers: [{ name: 'Authorization', value: 'Bearer {{secret:token}}' }], expect: { status: 200, maxTtfbMs: 5000, events: { min: 3, max: 100 }, eventTypes: ['done'], sequence: ['message', 'done'], jsonPath: [{ path: '$.n', on: 'last', equals: 2 }, { path: '$.auth', on: 'each', exists: true }] } }],
        flows: [{ name: 'orders are announced', listen: 'events', steps: [{ send: 'create order', expectEvent: { event: 'order', jsonPath: [{ path: '$.item', equals: 'tea' }], withinMs: 3000 } }, { send: 'create order', expectEvent: { event: 'order', withinMs: 3000 } }], expect: { eventTypes: ['order'], events: { min: 2 } } }],
      }),
    );
    writeFileSync(
      failing,
      JSON.stringify({
        version: 1,
        environments: env,
        requests: [events, { name: 'quiet', method: 'POST', url: '{{base}}/quiet' }],
        folders: [{ name: 'checks', requests: [{ name: 'count <&>', method: 'GET', url: '{{base}}/count?n=5', headers: [{ name: 'Authorization', value: 'Bearer {{secret:token}}' }], expect: { events: { max: 3 }, jsonPath: [{ path: '$.auth', on: 'any', equals: 'nope' }], forbidEventTypes: ['done'] } }, { name: 'missing', method: 'GET', url: '{{base}}/nothing', expect: { status: 200 } }] }],
        flows: [{ name: 'no listener', listen: 'missing', steps: [{ send: 'quiet' }] }, { name: 'quiet trigger', listen: 'events', steps: [{ send: 'quiet', expectEvent: { event: 'order', jsonPath: [{ path: '$.item', equals: 'quiet' }], withinMs: 300 } }] }],
      }),
    );
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = { STREAM_VIEWER_SECRET_TOKEN: SECRET };

  it('passes a collection whose streams meet their expectations, a flow included (exit 0)', async () => {
    const r = await runCli(['test', passing, '--env', 'local'], env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✔ .*orders\.streams\.json › count/);
    assert.match(r.stdout, /✔ .*› orders are announced \(flow\)/);
    assert.match(r.stdout, /3 passed \(3 tests/);
    assert.equal(server.requests.filter((q) => q.url === '/orders').length, 3, 'each trigger sent once, and create order as a test of its own');
  });

  it('fails with what was expected, what came and which event; secrets masked (exit 1)', async () => {
    const r = await runCli(['test', failing, '--env', 'local'], env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /events: expected at most 3 events, got 6; the first one too many came at event #4 "message"/);
    assert.match(r.stdout, /jsonPath\[0\]: \$\.auth on any: expected "nope" in any of 5 JSON events; the last had "Bearer ••••••" at event #5/);
    assert.match(r.stdout, /forbidEventTypes: expected no event of type "done", got "done" at event #6/);
    assert.match(r.stdout, /missing[\s\S]*expected status 200, got 404/);
    assert.match(r.stdout, /no listener \(flow\)[\s\S]*listen: the listener "missing" did not connect: HTTP 404/);
    assert.match(r.stdout, /quiet trigger[\s\S]*expected an event "order" with \$\.item = "quiet" on "events" within 300 ms of sending "quiet"; no events came/);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET));
  });

  it('runs the collections of a folder; --filter picks tests; --bail stops after the first failure', async () => {
    const all = await runCli(['test', dir, '--env', 'local', '--reporter', 'json'], env);
    assert.equal(all.code, 1);
    const report = JSON.parse(all.stdout) as { total: number; passed: number; failed: number; tests: { name: string; status: string }[] };
    assert.deepEqual([report.total, report.passed, report.failed], [7, 3, 4]);
    assert.deepEqual(report.tests.map((t) => `${t.name}: ${t.status}`), ['create order: passed', 'count: passed', 'orders are announced: passed', 'no listener: failed', 'quiet trigger: failed', 'checks/count <&>: failed', 'checks/missing: failed']);
    const one = await runCli(['test', dir, '--env', 'local', '--filter', 'checks/missing', '--reporter', 'json'], env);
    assert.deepEqual((JSON.parse(one.stdout) as { tests: { name: string }[] }).tests.map((t) => t.name), ['checks/missing']);
    const bail = await runCli(['test', failing, '--env', 'local', '--bail', '--reporter', 'tap'], env);
    assert.equal(bail.code, 1);
    assert.match(bail.stdout, /^not ok 1 - .*no listener$/m);
    assert.match(bail.stdout, /^ok 2 - .*quiet trigger # SKIP not run/m);
    assert.match(bail.stdout, /^ok 4 - .*checks\/missing # SKIP not run/m);
    assert.match(bail.stderr, /✖ .*no listener \(flow\)[\s\S]*0 passed, 1 failed, 3 not run \(--bail\)/, 'progress on stderr when the report takes stdout');
  });

  it('writes JUnit XML that validates against the junit-10 schema, failures with their message', async () => {
    const out = join(dir, 'report.xml');
    const r = await runCli(['test', dir, '--env', 'local', '--jobs', '3', '--reporter', 'junit', '--out', out], env);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /3 passed, 4 failed/, 'progress still on stdout');
    const xml = readFileSync(out, 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
    assert.deepEqual(result.errors, []);
    assert.equal(result.valid, true);
    const broken = await validateXML({ xml: [{ fileName: 'broken.xml', contents: xml.replace(/(<testsuite [^>]*?) tests="\d+"/, '$1') }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
    assert.equal(broken.valid, false, 'the validator rejects a testsuite without its test count');
    assert.match(xml, /<testsuite name="Orders" file="[^"]*orders\.streams\.json" tests="3" failures="0" errors="0"/);
    assert.match(xml, /<testcase name="checks\/count &lt;&amp;&gt;" classname="[^"]*broken\.streams\.json"/);
    assert.match(xml, /<failure message="events: expected at most 3 events, got 6; [^"]*" type="events">/);
    assert.doesNotMatch(xml, new RegExp(SECRET));
  });

  it('masks the secrets the tests used in every reporter; a secret no test uses leaves the report as written', async () => {
    const withUnused = { ...env, STREAM_VIEWER_SECRET_UNUSED: 'test', STREAM_VIEWER_SECRET_API_KEY: 'e' };
    for (const reporter of ['pretty', 'junit', 'tap', 'json']) {
      const r = await runCli(['test', dir, '--env', 'local', '--reporter', reporter], withUnused);
      assert.equal(r.code, 1, r.stderr);
      assert.doesNotMatch(r.stdout + r.stderr, new RegExp(SECRET), reporter);
      assert.match(r.stdout, /Bearer ••••••/, `${reporter}: the echoed secret is masked`);
      assert.doesNotMatch(r.stdout + r.stderr, /••••••(suites|s=|pected|vents)/, `${reporter}: text with "test" or "e" in it is left alone`);
      assert.doesNotMatch(r.stderr, /too short/, 'no warning for secrets no test uses');
      if (reporter === 'junit') {
        const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: r.stdout }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
        assert.deepEqual(result.errors, []);
      }
      if (reporter === 'json') assert.equal((JSON.parse(r.stdout) as { failed: number }).failed, 4);
    }
  });

  it('warns once that a used secret of 1-3 characters is too short to mask, and keeps its own words whole', async () => {
    const r = await runCli(['test', failing, '--env', 'local', '--reporter', 'junit'], { STREAM_VIEWER_SECRET_TOKEN: 'e' });
    assert.equal(r.code, 1);
    const warnings = r.stderr.match(/STREAM_VIEWER_SECRET_TOKEN is 1 character long: too short to mask reliably/g) ?? [];
    assert.equal(warnings.length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /"e"/, 'the warning names the variable, not its value');
    const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: r.stdout }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
    assert.deepEqual(result.errors, []);
    assert.match(r.stdout, /expected at most 3 events, got 6/, 'the report\'s own words are not masked');
    assert.match(r.stdout, /Bearer ••••••/, 'where the received data holds it, it is masked');
    assert.doesNotMatch(r.stdout, /Bearer e/);
  });

  it('reports a collection file that does not parse as a test that could not run, with all its problems, and runs the others', async () => {
    const folder = mkdtempSync(join(dir, 'mixed-'));
    writeFileSync(join(folder, 'a-bad.streams.json'), JSON.stringify({ version: 1, requests: [{ name: 'r', method: 'GET', url: 'http://x/', expect: { staus: 200, events: { min: 5, max: 1 } } }] }));
    writeFileSync(join(folder, 'b-not-json.streams.json'), '{ "version": 1, ');
    writeFileSync(join(folder, 'c.streams.json'), readFileSync(passing));
    const junit = await runCli(['test', folder, '--env', 'local', '--reporter', 'junit'], env);
    assert.equal(junit.code, 1, junit.stderr);
    const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: junit.stdout }], schema: [{ fileName: 'junit-10.xsd', contents: XSD }] });
    assert.deepEqual(result.errors, []);
    assert.match(junit.stdout, /<testsuite name="[^"]*a-bad\.streams\.json" [^>]*tests="1" failures="0" errors="1"/);
    assert.match(junit.stdout, /<error message="[^"]*a-bad\.streams\.json: requests\[0\] "r"\.expect has an unknown key &quot;staus&quot;|<error message="[^"]*a-bad\.streams\.json: requests\[0\] &quot;r&quot;\.expect has an unknown key &quot;staus&quot;/);
    assert.match(junit.stdout, /expect\.events\.min \(5\) is more than its max \(1\)/, 'every problem of the file, not only the first');
    assert.match(junit.stdout, /b-not-json\.streams\.json: Not valid JSON/);
    assert.match(junit.stdout, /<testsuite name="Orders" [^>]*tests="3" failures="0" errors="0"/, 'the good file still ran');
    const json = await runCli(['test', folder, '--env', 'local', '--reporter', 'json'], env);
    const report = JSON.parse(json.stdout) as { passed: number; errors: number; tests: { name: string; status: string }[] };
    assert.deepEqual([report.passed, report.errors], [3, 2]);
    assert.deepEqual(report.tests.slice(0, 2).map((t) => `${t.name}: ${t.status}`), ['(collection file): error', '(collection file): error']);
    const pretty = await runCli(['test', folder, '--env', 'local'], env);
    assert.match(pretty.stdout, /✖ .*a-bad\.streams\.json › \(collection file\)/);
    assert.match(pretty.stdout, /3 passed, 2 could not run/);
  });

  it('writes TAP 13 and exits 2 on bad usage', async () => {
    const tap = await runCli(['test', passing, '--env', 'local', '--reporter', 'tap'], env);
    assert.equal(tap.code, 0);
    assert.match(tap.stdout, /^TAP version 13\n1\.\.3\nok 1 - .*create order\nok 2 - .*count\nok 3 - .*orders are announced\n$/);
    for (const args of [['test'], ['test', passing, '--reporter', 'xml'], ['test', passing, '--env', 'nope'], ['test', join(dir, 'none')], ['test', passing, '--filter', 'zzz'], ['test', passing, '--jobs', '0']]) {
      const r = await runCli(args, env);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^stream-viewer: .+\nTry 'stream-viewer test --help'/);
    }
  });
});
