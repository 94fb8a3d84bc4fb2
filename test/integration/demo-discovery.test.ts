/**
 * One demo server for everyone: `npm start` runs one and the extension's
 * "Open Demo Server" finds it on the configured port instead of starting a
 * second one elsewhere. Another program on that port is told apart.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { isDemoServer } from '../../src/demo/identity';
import { findOrStartDemoServer, startDemoServer, type DemoServer } from '../../src/demo/server';
import { closedPort, startServer, type TestServer } from './helpers/server';

describe('finding the demo server on a port', () => {
  const cleanup: (DemoServer | TestServer)[] = [];
  after(async () => {
    for (const s of cleanup) await s.close();
  });

  it('recognises a demo server by its /health answer', async () => {
    const demo = await startDemoServer({ port: 0 });
    cleanup.push(demo);
    assert.equal(await isDemoServer(demo.url), true);
  });

  it('tells apart a closed port, another health check and a server that never answers', async () => {
    assert.equal(await isDemoServer(`http://127.0.0.1:${await closedPort()}/`), false);
    const other = await startServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}'));
    cleanup.push(other);
    assert.equal(await isDemoServer(`${other.url}/`), false);
    const silent = await startServer(() => undefined);
    cleanup.push(silent);
    assert.equal(await isDemoServer(`${silent.url}/`, 200), false);
  });

  it('uses the demo server already on the port, and leaves it running when done', async () => {
    const running = await startDemoServer({ port: 0 });
    cleanup.push(running);
    const found = await findOrStartDemoServer({ port: running.port });
    assert.equal(found.started, false);
    assert.equal(found.server.port, running.port);
    assert.equal(found.server.url, running.url);
    await found.server.close();
    assert.equal(await isDemoServer(running.url), true);
  });

  it('starts its own on a free port when another program holds the port, and says why', async () => {
    const other = await startServer((_req, res) => res.writeHead(404).end());
    cleanup.push(other);
    const reasons: unknown[] = [];
    const found = await findOrStartDemoServer({ port: other.port, onBusy: (err) => reasons.push(err) });
    cleanup.push(found.server);
    assert.equal(found.started, true);
    assert.notEqual(found.server.port, other.port);
    assert.equal((reasons[0] as NodeJS.ErrnoException | undefined)?.code, 'EADDRINUSE');
    assert.equal(await isDemoServer(found.server.url), true);
  });

  it('starts one on the port when it is free, and a new one for port 0', async () => {
    const port = await closedPort();
    const onPort = await findOrStartDemoServer({ port });
    cleanup.push(onPort.server);
    assert.deepEqual([onPort.started, onPort.server.port], [true, port]);
    const any = await findOrStartDemoServer({ port: 0 });
    cleanup.push(any.server);
    assert.equal(any.started, true);
    assert.notEqual(any.server.port, port);
  });
});
