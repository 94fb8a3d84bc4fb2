/**
 * `stream-viewer --json URL | slow-reader`: while nobody reads the CLI's
 * stdout, the CLI stops reading the response, so the server feels the
 * backpressure (its writes stop draining) instead of the CLI queueing the
 * whole stream in memory. Reading stdout again lets the stream finish with
 * every event.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { CLI } from './helpers/cli';
import { startServer, type TestServer } from './helpers/server';

/** Events of about 1 KiB: 64 MiB in all, far more than the loopback socket and pipe buffers hold together. */
const EVENTS = 64 * 1024;
const PAYLOAD = 'x'.repeat(1000);
const TOTAL = EVENTS * `data: ${PAYLOAD}\n\n`.length;

describe('CLI: stdout backpressure reaches the server', () => {
  let server: TestServer;
  /** What the server managed to hand to its socket so far. */
  let sent = 0;
  let finished = false;
  /** The server is waiting for its socket to drain. */
  let blocked = false;
  before(async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      void (async () => {
        for (let i = 0; i < EVENTS; i++) {
          const event = `data: ${PAYLOAD}\n\n`;
          sent += event.length;
          if (!res.write(event)) {
            blocked = true;
            await new Promise((resolve) => res.once('drain', resolve));
            blocked = false;
          }
        }
        res.end();
        finished = true;
      })();
    });
  });
  after(() => server.close());

  it('stops reading the response while stdout is full, and resumes when it drains', async (t) => {
    const child = spawn(process.execPath, [CLI, '--json', '--no-diagnostics', server.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // A failed assertion must not leave the CLI blocked on its unread stdout.
    t.after(() => child.kill());

    // Wait until the server is stuck on a write that does not drain (nothing moves for a while), or has sent it all.
    let still = 0;
    let seen = -1;
    while (!finished && still < 10) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      still = blocked && sent === seen ? still + 1 : 0;
      seen = sent;
    }
    assert.equal(finished, false, `with stdout unread, the server still sent all ${TOTAL} bytes: the CLI kept them in memory`);
    assert.ok(sent < TOTAL / 2, `the server was held back after ${sent} of ${TOTAL} bytes`);

    let messages = 0;
    let rest = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      const lines = (rest + d).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line.startsWith('{"type":"message"')) messages++;
    });
    child.stdout.resume();
    assert.equal(await exited, 0, stderr);
    assert.equal(finished, true);
    assert.equal(messages, EVENTS);
  });
});
