// Loopback server for the benchmark, run in its own process so that serving
// does not steal the event loop of the client being measured.
//   GET /sse?n=N&size=B      N SSE events of about B bytes each, as fast as possible
//   GET /ndjson?n=N&size=B   the same records as NDJSON
//   GET /tick?n=N&every=MS   N SSE events, one every MS ms, carrying the send time
// The parent reads the port from the first stdout line.
import { createServer } from 'node:http';

const cache = new Map();

function body(kind, n, size) {
  const key = `${kind}:${n}:${size}`;
  let parts = cache.get(key);
  if (parts) return parts;
  parts = [];
  const pad = 'x'.repeat(Math.max(0, size - 40));
  let batch = '';
  for (let i = 0; i < n; i++) {
    const json = `{"i":${i},"pad":"${pad}"}`;
    batch += kind === 'sse' ? `id: ${i}\ndata: ${json}\n\n` : `${json}\n`;
    if (batch.length > 256 * 1024) {
      parts.push(Buffer.from(batch));
      batch = '';
    }
  }
  if (batch) parts.push(Buffer.from(batch));
  cache.set(key, parts);
  return parts;
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const n = Number(url.searchParams.get('n') ?? 1000);
  const size = Number(url.searchParams.get('size') ?? 100);
  if (url.pathname === '/tick') {
    const every = Number(url.searchParams.get('every') ?? 5);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    let i = 0;
    const timer = setInterval(() => {
      // Wall-clock time in µs: both processes share the machine's clock.
      res.write(`data: ${Number(process.hrtime.bigint() / 1000n)}\n\n`);
      if (++i >= n) {
        clearInterval(timer);
        res.end();
      }
    }, every);
    return;
  }
  const kind = url.pathname === '/ndjson' ? 'ndjson' : 'sse';
  const parts = body(kind, n, size);
  res.writeHead(200, { 'content-type': kind === 'sse' ? 'text/event-stream' : 'application/x-ndjson' });
  let i = 0;
  const pump = () => {
    while (i < parts.length) {
      if (!res.write(parts[i++])) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
