import { spawn } from 'node:child_process';
import { runStream } from '/work/main/src/core/session';
async function main(): Promise<void> {
const fmt = process.argv[2] ?? 'sse';
const child = spawn(process.execPath, ['/work/main/bench/stream-server.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base: string = await new Promise((r) => child.stdout!.once('data', (d) => r(`http://127.0.0.1:${String(d).trim()}`)));
const url = `${base}/${fmt}?n=200000`;
for (let i = 0; i < 15; i++) {
  let events = 0;
  const t = performance.now();
  await runStream({ method: 'GET', url }, {}, { onItem: (it) => void (it.kind === 'message' && events++) });
  if (i >= 12) console.log(fmt, events, (performance.now() - t).toFixed(1), 'ms');
}
child.kill();

}
void main();
