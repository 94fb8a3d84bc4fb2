/**
 * `--reconnect` behaves like a browser EventSource: waits `retry` ms, sends
 * Last-Event-ID, stops on 204, gives up after --max-reconnects.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ofType, runCli } from './helpers/cli';
import { closedPort, startServer, type TestServer } from './helpers/server';

describe('CLI: EventSource-style reconnect', () => {
  let server: TestServer;
  let connections = 0;
  before(async () => {
    server = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/once') {
        // Each connection sends one event, then ends, like the seed's server.
        connections++;
        const last = Number(req.headers['last-event-id'] ?? '0');
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`retry: 40\nid: ${last + 1}\ndata: n${last + 1}\n\n`);
        return;
      }
      if (url.pathname === '/then-204') {
        connections++;
        if (req.headers['last-event-id']) return void res.writeHead(204).end();
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('retry: 20\nid: a\ndata: x\n\n');
        return;
      }
      if (url.pathname === '/unicode-id') {
        connections++;
        if (req.headers['last-event-id'] !== undefined) return void res.writeHead(204).end();
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('retry: 20\nid: café-€\ndata: x\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  after(() => server.close());

  it('reconnects after retry ms with Last-Event-ID, and stops at --max-reconnects', async () => {
    connections = 0;
    const r = await runCli(['--json', '--reconnect', '--max-reconnects', '2', server.url + '/once']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      ofType(r, 'message').map((m) => [m.id, m.data]),
      [
        ['1', 'n1'],
        ['2', 'n2'],
        ['3', 'n3'],
      ],
    );
    assert.deepEqual(
      ofType(r, 'reconnect').map((x) => [x.attempt, x.lastEventId, x.delayMs]),
      [
        [1, '1', 40],
        [2, '2', 40],
      ],
    );
    assert.deepEqual(ofType(r, 'retry')[0], { type: 'retry', ms: 40, t: ofType(r, 'retry')[0]!.t });
    const end = r.lines[r.lines.length - 1]!;
    assert.equal(end.reason, 'max-reconnects');
    assert.equal(end.events, 3);
    assert.equal(connections, 3);
    const sent = server.requests.filter((q) => q.url === '/once').map((q) => q.headers['last-event-id']);
    assert.deepEqual(sent, [undefined, '1', '2']);
  });

  it('stops when the server answers 204 No Content', async () => {
    connections = 0;
    const r = await runCli(['--json', '--reconnect', server.url + '/then-204']);
    assert.equal(r.code, 0);
    assert.equal(connections, 2);
    assert.equal(ofType(r, 'reconnect').length, 1);
    assert.equal(r.lines[r.lines.length - 1]!.reason, 'eof');
  });

  it('does not reconnect to a response that is not an event stream', async () => {
    const r = await runCli(['--json', '--reconnect', server.url + '/json']);
    assert.equal(ofType(r, 'reconnect').length, 0);
    assert.ok(ofType(r, 'error').some((e) => e.code === 'not-a-stream' && e.fatal === false));
    assert.equal(r.lines[r.lines.length - 1]!.reason, 'eof');
  });

  it('without --reconnect, the end of the response is the end', async () => {
    connections = 0;
    const r = await runCli(['--json', server.url + '/once']);
    assert.equal(connections, 1);
    assert.equal(ofType(r, 'reconnect').length, 0);
    assert.equal(r.lines[r.lines.length - 1]!.reason, 'eof');
  });

  it('sends a non-Latin-1 event id as the UTF-8 octets a browser sends', async () => {
    connections = 0;
    const r = await runCli(['--json', '--reconnect', '--max-reconnects', '2', server.url + '/unicode-id']);
    assert.deepEqual(ofType(r, 'error'), []);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ofType(r, 'reconnect').map((x) => x.lastEventId), ['café-€']);
    const sent = server.requests.filter((q) => q.url === '/unicode-id').map((q) => q.headers['last-event-id']);
    assert.equal(sent.length, 2);
    // Node reads header octets as Latin-1: turning them back into bytes gives what was on the wire.
    assert.deepEqual(Buffer.from(String(sent[1]), 'latin1'), Buffer.from('café-€', 'utf8'));
    assert.equal(r.lines[r.lines.length - 1]!.reason, 'eof');
  });

  it('exits 1 when every attempt failed (a dead endpoint with --max-reconnects)', async () => {
    const port = await closedPort();
    const r = await runCli(['--json', '--reconnect', '--max-reconnects', '1', `http://127.0.0.1:${port}/`]);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(ofType(r, 'error').map((e) => e.code), ['connection-refused', 'connection-refused']);
    assert.equal(ofType(r, 'reconnect').length, 1);
    assert.equal(r.lines[r.lines.length - 1]!.reason, 'error');
  });
});
