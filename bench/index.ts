/**
 * `npm run bench`: the engine against references measured in the same run,
 * on the same machine, printed as ratios. Nothing here asserts a time.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createParser } from 'eventsource-parser';
import { runStream } from '../src/core/session';
import { StreamRun } from '../src/core/run/stream-run';
import { runCliBench } from './cli';
import { printPanelBench } from './panel-e2e';
import { runTransferBench } from './transfer';
import { runWebviewBench } from './webview';

/** Rounds of the engine benches: a 200 000-event stream takes ~60 ms, so one hiccup of the machine moves a median of few. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const MEMORY_EVENTS = Number(process.env.BENCH_MEMORY_EVENTS ?? 1_000_000);
/** Enough events that the stream, not the process start-up, is what the CLI bench weighs. */
const CLI_EVENTS = Number(process.env.BENCH_CLI_EVENTS ?? 400_000);

async function startServer(): Promise<{ base: string; stop(): void }> {
  const child = spawn(process.execPath, [new URL('./stream-server.mjs', `file://${__filename}`).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Reference: node fetch + TextDecoder + bare eventsource-parser, counting events. */
async function bareSse(url: string): Promise<{ events: number; bytes: number }> {
  let events = 0;
  let bytes = 0;
  const parser = createParser({ onEvent: () => events++ });
  const res = await fetch(url);
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    bytes += r.value.byteLength;
    parser.feed(decoder.decode(r.value, { stream: true }));
  }
  return { events, bytes };
}

/** Reference: node fetch + TextDecoder + split on newlines + JSON.parse. */
async function bareNdjson(url: string): Promise<{ events: number; bytes: number }> {
  let events = 0;
  let bytes = 0;
  let rest = '';
  const res = await fetch(url);
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    bytes += r.value.byteLength;
    const text = rest + decoder.decode(r.value, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      JSON.parse(text.slice(start, nl));
      events++;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  return { events, bytes };
}

async function engine(url: string): Promise<{ events: number; bytes: number }> {
  let events = 0;
  const end = await runStream({ method: 'GET', url }, {}, { onItem: (i) => void (i.kind === 'message' && events++) });
  return { events, bytes: end.bytes };
}

async function timed(fn: () => Promise<{ events: number; bytes: number }>): Promise<{ ms: number; events: number; bytes: number }> {
  const t0 = performance.now();
  const r = await fn();
  return { ms: performance.now() - t0, ...r };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function throughput(label: string, url: string, reference: (u: string) => Promise<{ events: number; bytes: number }>, refName: string): Promise<void> {
  await reference(url); // warm up: JIT, server cache
  await engine(url);
  const ref: number[] = [];
  const eng: number[] = [];
  let events = 0;
  let bytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate so that drift on the machine hits both alike.
    const a = await timed(() => reference(url));
    const b = await timed(() => engine(url));
    if (a.events !== b.events) throw new Error(`${label}: reference saw ${a.events} events, engine ${b.events}`);
    ref.push(a.ms);
    eng.push(b.ms);
    events = b.events;
    bytes = b.bytes;
  }
  const r = median(ref);
  const e = median(eng);
  console.log(`\n${label}: ${fmt(events)} events, ${fmt(bytes / 1e6, 1)} MB, median of ${ROUNDS}`);
  console.log(`  ${refName.padEnd(38)} ${fmt(r, 1).padStart(8)} ms  ${fmt((events / r) * 1000).padStart(10)} events/s  ${fmt(bytes / 1e3 / r, 1).padStart(7)} MB/s`);
  console.log(`  ${'engine (runStream)'.padEnd(38)} ${fmt(e, 1).padStart(8)} ms  ${fmt((events / e) * 1000).padStart(10)} events/s  ${fmt(bytes / 1e3 / e, 1).padStart(7)} MB/s`);
  console.log(`  ratio engine/reference throughput: ${(r / e).toFixed(2)}x`);
}

async function memory(url: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const samples: number[] = [];
  let events = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
    samples.push(m.heapUsed);
  }, 50);
  const end = await runStream({ method: 'GET', url }, {}, { onItem: (i) => void (i.kind === 'message' && events++) });
  clearInterval(sampler);
  gc?.();
  const after = process.memoryUsage();
  const q = Math.max(1, Math.floor(samples.length / 4));
  const firstQuarter = Math.max(...samples.slice(0, q));
  const lastQuarter = Math.max(...samples.slice(-q));
  console.log(`\nMemory while streaming ${fmt(events)} events (${fmt(end.bytes / 1e6, 1)} MB) with nothing kept:`);
  console.log(`  heap before ${fmt(base.heapUsed / 1e6, 1)} MB, peak ${fmt(peakHeap / 1e6, 1)} MB, after GC ${fmt(after.heapUsed / 1e6, 1)} MB; peak RSS ${fmt(peakRss / 1e6, 1)} MB`);
  console.log(`  peak heap in the first quarter ${fmt(firstQuarter / 1e6, 1)} MB vs the last quarter ${fmt(lastQuarter / 1e6, 1)} MB (ratio ${(lastQuarter / firstQuarter).toFixed(2)}: ~1 means no growth with length)`);
}

/**
 * The host's side of a panel over a long stream, measured in node (a stand-in
 * for the extension host: the same StreamRun with the panel's options and
 * default bounds, everything but VS Code's message channel).
 */
async function hostMemory(url: string, events: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  // The live heap, after a collection, at each quarter of the stream: flat means bounded whatever the length.
  const live: number[] = [];
  let seen = 0;
  const run = new StreamRun({
    request: { method: 'GET', url },
    settings: {},
    store: { maxItems: 200_000, maxBytes: 64 * 1024 * 1024 },
    rawBytes: 64 * 1024 * 1024,
    onDispatch: () => undefined,
    onItem: (item) => {
      if (item.kind !== 'message' || ++seen % (events / 4) !== 0) return;
      gc?.();
      live.push(process.memoryUsage().heapUsed);
    },
  });
  const end = await run.done;
  console.log(`\nHost side of a panel, ${fmt(end.events)} events (${fmt(end.bytes / 1e6, 1)} MB), default bounds — measured in node, a stand-in for the extension host:`);
  console.log(`  live heap after GC at each quarter: ${live.map((b) => `${fmt(b / 1e6, 1)} MB`).join(', ')}; the store keeps ${fmt(run.store!.length)} items (~${fmt(run.store!.bytes / 1e6, 1)} MB), dropped ${fmt(run.store!.dropped)}; raw text kept ${fmt(run.raw!.info().bytes / 1e6, 1)} MB`);
}

async function latency(base: string): Promise<void> {
  const n = 400;
  const delays: number[] = [];
  await runStream({ method: 'GET', url: `${base}/tick?n=${n}&every=5` }, {}, {
    onItem(item) {
      if (item.kind !== 'message') return;
      const sentUs = Number(item.data);
      delays.push((Number(process.hrtime.bigint() / 1000n) - sentUs) / 1000);
    },
  });
  delays.sort((a, b) => a - b);
  const pct = (p: number): number => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!;
  console.log(`\nLatency from a server write to the item reaching the consumer (${delays.length} events, one per 5 ms):`);
  console.log(`  p50 ${fmt(pct(50), 2)} ms, p99 ${fmt(pct(99), 2)} ms, max ${fmt(delays[delays.length - 1]!, 2)} ms`);
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    console.log(`Stream Viewer benchmark — node ${process.version}, ${ROUNDS} rounds`);
    await throughput('SSE', `${server.base}/sse?n=${EVENTS}&size=100`, bareSse, 'fetch + bare eventsource-parser');
    await throughput('NDJSON', `${server.base}/ndjson?n=${EVENTS}&size=100`, bareNdjson, 'fetch + split lines + JSON.parse');
    await memory(`${server.base}/sse?n=${MEMORY_EVENTS}&size=100`);
    await latency(server.base);
    await runCliBench(`${server.base}/sse?n=${CLI_EVENTS}&size=100`, `${server.base}/sse?n=1&size=100`, CLI_EVENTS, Math.min(ROUNDS, 7));
    await hostMemory(`${server.base}/sse?n=${MEMORY_EVENTS}&size=73`, MEMORY_EVENTS);
    if (process.env.BENCH_SKIP_WEBVIEW !== '1') {
      await runWebviewBench();
      await runTransferBench();
      await printPanelBench(`${server.base}/sse?n=100000&size=73`, 100_000, Number(process.env.BENCH_PANEL_ROUNDS ?? 5));
      const [long] = await printPanelBench(`${server.base}/sse?n=${MEMORY_EVENTS}&size=73`, MEMORY_EVENTS, 1);
      console.log(`  (${fmt(MEMORY_EVENTS)} events: the webview keeps at most 200 000 items / 64 MB, so its heap grows by ${fmt(long!.heapGrowthMb, 1)} MB, not ${fmt(MEMORY_EVENTS / 100_000)}× the 100 000-event burst's)`);
    }
  } finally {
    server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
