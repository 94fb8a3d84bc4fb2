/**
 * The demo server: the product's embedded default, on loopback, with the
 * streams the seed article tried and the faults the viewer diagnoses.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ENDPOINTS, route } from './endpoints';
import type { Recording } from '../core/recording/format';
import { serveRecording } from './replay-endpoint';
import { indexPage } from './page';
import { HEALTH_PATH, healthBody, isDemoServer } from './identity';
import type { DemoRequest } from './stream-helpers';
import { isMcpPath } from './mcp/endpoint';

/** A running demo server. */
export interface DemoServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Where to listen. Port 0 picks a free port; the host defaults to 127.0.0.1. */
export interface DemoServerOptions {
  port?: number;
  host?: string;
  /** A recording served at `/replay`. */
  replay?: Recording;
}

const MAX_BODY = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size <= MAX_BODY) parts.push(d);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, base: string, replay: Recording | undefined): Promise<void> {
  // Leading slashes collapsed: `//x` would otherwise parse as a host name.
  const url = new URL(base + (req.url ?? '/').replace(/^\/+/, ''));
  // MCP endpoints answer their own preflights: a broken one must be able to get them wrong.
  if (req.method === 'OPTIONS' && !isMcpPath(url.pathname)) {
    res.writeHead(204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }
  if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(indexPage(base));
    return;
  }
  if (url.pathname === HEALTH_PATH) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }).end(healthBody());
    return;
  }
  if (url.pathname === '/endpoints.json') {
    const list = ENDPOINTS.map(({ path, methods, contentType, description, example }) => ({ path, methods, contentType, description, example }));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }).end(JSON.stringify(list, null, 2));
    return;
  }
  const endpoint = url.pathname === '/replay' && replay ? { handle: (r: DemoRequest) => serveRecording(r, replay) } : route(url.pathname);
  if (!endpoint) {
    const list = ENDPOINTS.map((e) => `  ${e.path.padEnd(22)} ${e.description}`).join('\n');
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`No endpoint ${url.pathname}. The demo server has:\n${list}\n`);
    return;
  }
  const body = await readBody(req);
  let isClosed = false;
  const closed = new Promise<void>((resolve) => {
    const done = (): void => {
      isClosed = true;
      resolve();
    };
    res.on('close', done);
    if (res.destroyed) done();
  });
  const r: DemoRequest = { req, res, url, body, closed, isClosed: () => isClosed };
  await endpoint.handle(r);
}

/** Starts the demo server. Rejects if the port is taken. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  let base = '';
  const server = createServer((req, res) => {
    handle(req, res, base, options.replay).catch((err: unknown) => {
      // A failing endpoint must not stop the server.
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`demo server error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3001, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  base = `http://${shownHost}:${port}/`;
  return {
    url: base,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Open streams would keep close() waiting forever: end them.
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A demo server to use, and whether this call started it (only then is it the caller's to stop). */
export interface FoundDemoServer {
  server: DemoServer;
  started: boolean;
}

/**
 * The demo server that already answers on `port` on loopback (`npm start`'s,
 * `npm run demo`, another window's), so that every client shares one; else a
 * new one on `port`, or on a free port when another program holds it (`onBusy`
 * hears why). Port 0 always starts a new one. A found server's `close` leaves it running.
 */
export async function findOrStartDemoServer(options: { port: number; onBusy?: (err: unknown) => void }): Promise<FoundDemoServer> {
  const { port } = options;
  if (port !== 0) {
    const url = `http://127.0.0.1:${port}/`;
    if (await isDemoServer(url)) return { server: { url, port, close: () => Promise.resolve() }, started: false };
  }
  const server = await startDemoServer({ port }).catch((err: unknown) => {
    if (port === 0) throw err;
    options.onBusy?.(err);
    return startDemoServer({ port: 0 });
  });
  return { server, started: true };
}
