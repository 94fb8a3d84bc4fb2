/** `npm run demo`: the demo server on its own. */
import { parseArgs } from 'node:util';
import { ENDPOINTS } from './endpoints';
import { startDemoServer } from './server';
import { readFileSync } from 'node:fs';
import { parseRecording, type Recording } from '../core/recording/format';

async function main(): Promise<void> {
  let port = 3001;
  let host = '127.0.0.1';
  let replay: Recording | undefined;
  try {
    const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' }, replay: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      process.stdout.write('Usage: stream-viewer-demo [--port 3001] [--host 127.0.0.1] [--replay recording.streamrec.jsonl]\n');
      return;
    }
    if (values.port !== undefined) {
      port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got "${values.port}"`);
    }
    if (values.host) host = values.host;
    if (values.replay) replay = parseRecording(readFileSync(values.replay, 'utf8'));
  } catch (err) {
    process.stderr.write(`demo server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  let server;
  try {
    server = await startDemoServer({ port, host, replay });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(code === 'EADDRINUSE' ? `demo server: port ${port} is already in use; try --port 0 for any free port\n` : `demo server: ${String(err)}\n`);
    process.exit(1);
  }
  process.stdout.write(`Stream Viewer demo server on ${server.url}\n`);
  if (replay) process.stdout.write(`  Replaying ${replay.request.method} ${replay.request.url} at ${server.url}replay (add ?speed=4 to go faster)\n`);
  for (const e of ENDPOINTS) process.stdout.write(`  ${e.methods.padEnd(9)} ${server.url.replace(/\/$/, '')}${e.example}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
