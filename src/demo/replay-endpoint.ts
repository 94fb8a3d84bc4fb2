/**
 * `/replay`: serves a recording back as a live stream — its status, headers
 * and every chunk at its recorded time — so a stream can be reproduced
 * without the original backend (`npm run demo -- --replay file`).
 */
import type { Recording } from '../core/recording/format';
import { pause, write, type DemoRequest } from './stream-helpers';

/** Serves the first connection of `rec`; `speed` scales the timing. */
export async function serveRecording(r: DemoRequest, rec: Recording): Promise<void> {
  const c = rec.connections[0];
  if (!c) {
    r.res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The recording has no response.\n');
    return;
  }
  const speed = Number(r.url.searchParams.get('speed') ?? 1);
  const scale = Number.isFinite(speed) && speed > 0 ? 1 / speed : 0;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.headers)) {
    // Framing and encoding are this server's own: the recorded body is already decoded.
    if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'date', 'keep-alive'].includes(k.toLowerCase())) headers[k] = v;
  }
  if (!(await pause(r, c.t * scale))) return;
  r.res.writeHead(c.status, c.statusText, headers);
  r.res.flushHeaders();
  let last = c.t;
  for (const chunk of c.chunks) {
    if (!(await pause(r, (chunk.t - last) * scale))) return;
    last = chunk.t;
    if (!(await write(r, Buffer.from(chunk.data)))) return;
  }
  r.res.end();
}
