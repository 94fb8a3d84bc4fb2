/**
 * Streams through an HTTP proxy: the CLI (and the extension, which passes
 * VS Code's `http.proxy`) honour HTTP_PROXY like other command-line tools.
 */
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ofType, runCli } from './helpers/cli';
import { startServer, type TestServer } from './helpers/server';

describe('through an HTTP proxy', () => {
  let target: TestServer;
  let proxy: Server;
  let proxyUrl = '';
  const seen: string[] = [];
  let closeTunnels = (): void => undefined;
  before(async () => {
    target = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end('data: one\n\ndata: two\n\n');
    });
    // A forward proxy: absolute-form requests are passed on and answered with what comes back.
    proxy = createServer((req, res) => {
      seen.push(req.url ?? '');
      const upstream = request(req.url ?? '', { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    // …and CONNECT tunnels, which is how undici (like most clients) goes through a proxy.
    const tunnels = new Set<Socket>();
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      for (const s of [client, upstream]) {
        tunnels.add(s);
        s.on('close', () => tunnels.delete(s));
        s.on('error', () => undefined);
      }
    });
    closeTunnels = () => tunnels.forEach((s) => s.destroy());
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  after(async () => {
    closeTunnels();
    proxy.closeAllConnections();
    await target.close();
    await new Promise<void>((r) => proxy.close(() => r()));
  });

  it('sends the request through HTTP_PROXY and streams the answer', async () => {
    const r = await runCli([`${target.url}/events`, '--json'], { HTTP_PROXY: proxyUrl, http_proxy: proxyUrl, NO_PROXY: '', no_proxy: '' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ofType(r, 'message').map((l) => l.data), ['one', 'two']);
    assert.equal(seen.length, 1, 'the proxy carried the request');
    assert.ok(seen[0] === `${target.url}/events` || seen[0] === `CONNECT 127.0.0.1:${target.port}`, seen[0]);
  });
});
