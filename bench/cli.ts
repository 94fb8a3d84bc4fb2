/**
 * The CLI's `--json` output against a reference measured in the same run:
 * a script a user would write by hand (fetch, bare eventsource-parser, one
 * JSON.stringify and one stdout write per event), both read through a pipe.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Runs a node script, counting the lines it prints; resolves with the time taken. */
function timeLines(args: string[]): Promise<{ ms: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (d: Buffer) => {
      for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ ms: performance.now() - t0, lines }));
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Prints the median times of both over `rounds` and their ratios: of the
 * whole process, and of the streaming alone (each one's start-up, timed on a
 * one-event stream, taken off: node, the bundle and undici cost both ~0.2 s).
 */
export async function runCliBench(url: string, oneEventUrl: string, events: number, rounds: number): Promise<void> {
  const ref: number[] = [];
  const cli: number[] = [];
  const refStart: number[] = [];
  const cliStart: number[] = [];
  const reference = (u: string): string[] => [join(root, 'bench', 'reference-cli.mjs'), u];
  const ours = (u: string): string[] => [join(root, 'dist', 'cli.js'), '--json', u];
  // The bench server builds each body on its first request: not a cost of either client.
  await (await fetch(url)).arrayBuffer();
  // The first run of a build compiles the bundle and leaves its compiled code in the cache (see src/cli/launcher.ts);
  // every later run, a user's included, starts from it.
  await timeLines(ours(oneEventUrl));
  for (let i = 0; i < rounds; i++) {
    // Alternate so that drift on the machine hits both alike.
    const a = await timeLines(reference(url));
    const b = await timeLines(ours(url));
    if (a.lines < events || b.lines < events) throw new Error(`CLI bench: reference printed ${a.lines} lines, stream-viewer ${b.lines}`);
    ref.push(a.ms);
    cli.push(b.ms);
    refStart.push((await timeLines(reference(oneEventUrl))).ms);
    cliStart.push((await timeLines(ours(oneEventUrl))).ms);
  }
  const r = median(ref);
  const c = median(cli);
  const rs = median(refStart);
  const cs = median(cliStart);
  console.log(`\nCLI --json, ${events.toLocaleString('en-US')} SSE events through a pipe, median of ${rounds}`);
  console.log(`  reference (bare parser, a write per event) ${r.toFixed(0).padStart(7)} ms (start-up ${rs.toFixed(0)} ms)`);
  console.log(`  stream-viewer --json (diagnostics on)      ${c.toFixed(0).padStart(7)} ms (start-up ${cs.toFixed(0)} ms)`);
  console.log(`  ratio stream-viewer/reference: whole process ${(r / c).toFixed(2)}x, streaming throughput ${((r - rs) / (c - cs)).toFixed(2)}x`);
}
