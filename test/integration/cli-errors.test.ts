/**
 * The CLI against loopback servers that misbehave: each fault gets the
 * documented `--json` lines and exit code, and nothing crashes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ofType, runCli, startCli } from './helpers/cli';
import { closedPort, startServer, type TestServer } from './helpers/server';

const last = (lines: Record<string, unknown>[]) => lines[lines.length - 1]!;

describe('CLI: failures get a clear message and the right exit code', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      switch (url.pathname) {
        case '/404':
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no such model"}}');
          return;
        case '/500':
          res.writeHead(500, { 'content-type': 'text/plain' }).end('database on fire');
          return;
        case '/drop':
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('data: one\n\ndata: two\n\ndata: {"partial":');
          setTimeout(() => res.socket?.destroy(), 50);
          return;
        case '/stall':
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('data: first\n\n');
          return; // never ends: the client's --timeout must fire
        case '/wrong-type':
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('data: hidden in html\n\n');
          return;
        case '/json-lines-as-json':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"a":1}\n{"a":2}\n');
          return;
        case '/gzip':
          res.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
          res.end(gzipSync('id: 1\ndata: squeezed\n\nid: 2\ndata: again\n\n'));
          return;
        case '/huge-line': {
          res.writeHead(200, { 'content-type': 'application/x-ndjson' });
          res.write('{"n":1}\n');
          const piece = Buffer.alloc(1024 * 1024, 'x');
          let sent = 0;
          const pump = (): void => {
            while (sent < 50) {
              sent++;
              if (!res.write(piece)) return void res.once('drain', pump);
            }
            res.end('\n{"n":2}\n');
          };
          pump();
          return;
        }
        case '/bad-utf8':
          res.writeHead(200, { 'content-type': 'application/x-ndjson' });
          res.end(Buffer.concat([Buffer.from('{"s":"ok"}\n{"s":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]));
          return;
        case '/bad-json':
          res.writeHead(200, { 'content-type': 'application/x-ndjson' });
          res.end('{"n":1}\n{"n":\n{"n":3}\n');
          return;
        default:
          res.writeHead(200, { 'content-type': 'text/event-stream' }).end('data: ok\n\n');
      }
    });
  });
  after(() => server.close());

  it('connection refused: an error line, end, exit 1', async () => {
    const port = await closedPort();
    const r = await runCli(['--json', `http://127.0.0.1:${port}/sse`]);
    assert.equal(r.code, 1);
    const [err] = ofType(r, 'error');
    assert.match(String(err!.message), /Connection refused.*127\.0\.0\.1/);
    assert.equal(last(r.lines).type, 'end');
    assert.equal(r.stderr, '');
  });

  it('unknown host: a DNS error, not a stack trace', async () => {
    const r = await runCli(['--json', '--timeout', '20000', 'http://no-such-host.invalid/sse']);
    assert.equal(r.code, 1);
    const [err] = ofType(r, 'error');
    assert.equal(err!.code, 'dns');
    assert.match(String(err!.message), /no-such-host\.invalid/);
  });

  it('bad URL and bad flags are usage errors (exit 2)', async () => {
    const bad = await runCli(['--json', 'not a url']);
    assert.equal(bad.code, 1);
    assert.match(String(ofType(bad, 'error')[0]!.message), /Invalid URL/);
    const usage = await runCli(['--format', 'xml', server.url]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--format must be one of/);
    const none = await runCli([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Missing URL/);
    // A word that names something of Object.prototype is a URL to try, not a subcommand.
    const proto = await runCli(['--json', 'constructor']);
    assert.equal(proto.code, 1, proto.stderr);
    assert.match(String(ofType(proto, 'error')[0]!.message), /Invalid URL "constructor"/);
  });

  it('HTTP 404 and 500 are shown with their body, exit 1', async () => {
    for (const [path, status, body] of [
      ['/404', 404, 'no such model'],
      ['/500', 500, 'database on fire'],
    ] as const) {
      const r = await runCli(['--json', server.url + path]);
      assert.equal(r.code, 1, path);
      assert.equal(ofType(r, 'response')[0]!.status, status);
      const err = ofType(r, 'error')[0]!;
      assert.equal(err.status, status);
      assert.match(String(err.body), new RegExp(body));
      assert.match(String(err.message), new RegExp(`HTTP ${status}`));
    }
  });

  it('server dropping the connection mid-event: events kept, the partial event reported, exit 1', async () => {
    const r = await runCli(['--json', server.url + '/drop']);
    assert.equal(r.code, 1);
    assert.deepEqual(
      ofType(r, 'message').map((m) => m.data),
      ['one', 'two'],
    );
    const errors = ofType(r, 'error');
    assert.ok(errors.some((e) => e.code === 'incomplete' && String(e.body).includes('{"partial":')), JSON.stringify(errors));
    assert.ok(errors.some((e) => e.code === 'network'), JSON.stringify(errors));
  });

  it('a stalled stream hits --timeout: error line, end reason timeout, exit 1', async () => {
    const r = await runCli(['--json', '--timeout', '300', server.url + '/stall']);
    assert.equal(r.code, 1);
    assert.equal(ofType(r, 'message').length, 1);
    assert.equal(ofType(r, 'error')[0]!.code, 'timeout');
    const end = last(r.lines);
    assert.equal(end.type, 'end');
    assert.equal(end.reason, 'timeout');
    assert.ok(Number(end.ms) >= 280, `ended after ${String(end.ms)} ms`);
  });

  it('wrong or generic content types are sniffed', async () => {
    const html = await runCli(['--json', server.url + '/wrong-type']);
    assert.equal(ofType(html, 'response')[0]!.format, 'sse');
    assert.equal(ofType(html, 'message')[0]!.data, 'hidden in html');
    const json = await runCli(['--json', server.url + '/json-lines-as-json']);
    assert.equal(ofType(json, 'response')[0]!.format, 'ndjson');
    assert.deepEqual(
      ofType(json, 'message').map((m) => m.json),
      [{ a: 1 }, { a: 2 }],
    );
    const forced = await runCli(['--json', '--format', 'text', server.url + '/json-lines-as-json']);
    assert.equal(ofType(forced, 'response')[0]!.format, 'text');
    assert.equal(ofType(forced, 'chunk').map((c) => c.data).join(''), '{"a":1}\n{"a":2}\n');
  });

  it('a gzip-compressed stream is decompressed', async () => {
    const r = await runCli(['--json', server.url + '/gzip']);
    assert.equal(r.code, 0);
    assert.deepEqual(
      ofType(r, 'message').map((m) => [m.id, m.data]),
      [
        ['1', 'squeezed'],
        ['2', 'again'],
      ],
    );
  });

  it('a 50 MB line is reported and skipped; the stream goes on', async () => {
    const r = await runCli(['--json', server.url + '/huge-line']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      ofType(r, 'message').map((m) => m.json),
      [{ n: 1 }, { n: 2 }],
    );
    const err = ofType(r, 'error')[0]!;
    assert.equal(err.code, 'too-large');
    assert.equal(err.fatal, false);
    const end = last(r.lines);
    assert.ok(Number(end.bytes) > 50 * 1024 * 1024, 'every byte is counted');
  });

  it('invalid UTF-8 is flagged, replaced, and the stream goes on', async () => {
    const r = await runCli(['--json', server.url + '/bad-utf8']);
    assert.equal(r.code, 0);
    const msgs = ofType(r, 'message');
    assert.equal(msgs.length, 2);
    assert.match(String(msgs[1]!.data), /\uFFFD/);
    assert.ok(ofType(r, 'error').some((e) => e.code === 'invalid-utf8'));
  });

  it('an invalid NDJSON record carries its error and the stream goes on', async () => {
    const r = await runCli(['--json', server.url + '/bad-json']);
    assert.equal(r.code, 0);
    const msgs = ofType(r, 'message');
    assert.equal(msgs.length, 3);
    assert.deepEqual(msgs[0]!.json, { n: 1 });
    assert.equal(msgs[1]!.data, '{"n":');
    assert.equal(typeof msgs[1]!.error, 'string');
    assert.equal('json' in msgs[1]!, false);
    assert.deepEqual(msgs[2]!.json, { n: 3 });
  });

  it('Ctrl+C ends the stream cleanly: end reason aborted, exit 0', async () => {
    const run = startCli(['--json', server.url + '/stall']);
    let out = '';
    let sent = false;
    run.child.stdout!.on('data', (d: string) => {
      out += d;
      if (out.includes('"message"') && !sent) {
        sent = true;
        run.child.kill('SIGINT');
      }
    });
    const r = await run.done;
    assert.equal(r.code, 0);
    const end = last(r.lines);
    assert.equal(end.type, 'end');
    assert.equal(end.reason, 'aborted');
  });
});
