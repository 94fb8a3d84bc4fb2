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
import type { DemoRequest } from './stream-helpers';

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
  if (req.method === 'OPTIONS') {
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
