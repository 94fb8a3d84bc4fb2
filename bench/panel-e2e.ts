/**
 * The panel's speed where users see it: the real VS Code (the VS Code server
 * from code-server in Debian's chromium, as the e2e tests run it), a
 * loopback server answering with a burst of events, Send pressed in the
 * panel, and the time until the stream's last row is on screen. Read in the
 * webview's own frame: the longest main-thread task (PerformanceObserver
 * `longtask`) and the JS heap afterwards; and the host's events/s, both over
 * the session's whole duration (request to end) and between the first and
 * the last event (the rate the panel's own stats line shows).
 */
import type { Frame } from 'playwright-core';
import { latestPanel, openWorkbench, runCommand } from '../test/e2e/helpers';

/** One burst's figures. */
export interface PanelRun {
  ms: number;
  longestTaskMs: number;
  tasksOver50: number;
  heapMb: number;
  /** Heap growth over the burst (the page's heap is shared with the workbench in the same renderer). */
  heapGrowthMb: number;
  /** Over the session's whole duration, request to end (connection and first byte included). */
  hostEventsPerSec: number;
  /** Between the first and the last event, as the panel's stats line shows it. */
  streamEventsPerSec: number;
}

interface FrameResult {
  ms: number;
  tasks: number[];
  heap: number;
  heapBefore: number;
  gc: boolean;
  hostMs: number;
  /** The stats line's "N events/s". */
  rate: number;
  events: number;
}

/**
 * Runs in the webview's frame: clears the timeline, presses Send, and waits
 * for the end row of `expected` events. Plain JavaScript text, because the
 * TypeScript loader would wrap a function with helpers the page lacks.
 */
const IN_FRAME = `async (expected) => {
  document.querySelector('button[title="Clear timeline"]')?.click();
  await new Promise((resolve) => {
    const wait = () => (document.querySelector('.item-row') ? requestAnimationFrame(wait) : resolve());
    wait();
  });
  const settle = async () => { if (typeof gc === 'function') { gc(); await new Promise((r) => setTimeout(r, 200)); gc(); } };
  await settle();
  const heapBefore = performance.memory?.usedJSHeapSize ?? 0;
  // A new task: the collection above is not the burst's, and a long task is reported whole.
  await new Promise((r) => setTimeout(r, 50));
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); for (const e of list.getEntries()) (window.__taskNames ??= []).push(Math.round(e.duration) + ' ms at +' + Math.round(e.startTime - t0)); });
  observer.observe({ type: 'longtask' });
  const t0 = performance.now();
  document.querySelector('.send-button').click();
  const text = await new Promise((resolve) => {
    const check = () => {
      const data = document.querySelector('.item-row.tone-end .cell-data')?.textContent ?? '';
      if (data.includes(expected + ' events')) resolve(data);
      else requestAnimationFrame(check);
    };
    check();
  });
  const ms = performance.now() - t0;
  // The stats line is rebuilt at the end too: read it once it is.
  const rateOf = () => Number(/^([\\d.]+) events\\/s$/.exec([...document.querySelectorAll('.fact')].map((e) => e.textContent ?? '').find((t) => / events\\/s$/.test(t)) ?? '')?.[1] ?? 0);
  // Tasks still queued when the row showed belong to the burst too.
  await new Promise((r) => setTimeout(r, 300));
  observer.disconnect();
  await settle();
  const hostSeconds = /in ([\\d.]+) s/.exec(text)?.[1];
  const names = window.__taskNames ?? []; window.__taskNames = [];
  return { names, ms, tasks, heap: performance.memory?.usedJSHeapSize ?? 0, heapBefore, gc: typeof gc === 'function', hostMs: Number(hostSeconds ?? 0) * 1000, rate: rateOf(), events: expected };
}`;

/** Sends the request in the panel and waits, in the webview's frame, for the end row of `events` events. */
async function burst(frame: Frame, events: number): Promise<FrameResult> {
  const r = (await frame.evaluate(`(${IN_FRAME})(${events})`)) as FrameResult & { names: string[] };
  if (process.env.BENCH_TASKS) console.log('long tasks:', r.names.join(' '));
  return r;
}

/** Runs `rounds` bursts of `events` events from `url` in the real workbench. */
export async function runPanelBench(url: string, events: number, rounds: number): Promise<PanelRun[]> {
  // The loopback server builds a body the first time it is asked for it (300 ms for 100 000 events): fetched once
  // here, so the first run times the product, not the bench server's string building.
  await (await fetch(url)).arrayBuffer();
  // gc() in the page, so the heap is read after a collection, not with the burst's garbage in it.
  const wb = await openWorkbench({ 'workbench.colorTheme': 'Default Dark Modern' }, ['--js-flags=--expose-gc']);
  try {
    await runCommand(wb.page, 'Stream Viewer: New Request');
    const panel = await latestPanel(wb.page);
    await panel.locator('.url-input').fill(url);
    const handle = await panel.locator('body').elementHandle();
    const frame = await handle!.ownerFrame();
    if (!frame) throw new Error('no webview frame');
    const runs: PanelRun[] = [];
    for (let i = 0; i < rounds; i++) {
      const r = await burst(frame, events);
      runs.push({
        ms: r.ms,
        longestTaskMs: Math.max(0, ...r.tasks),
        tasksOver50: r.tasks.filter((t) => t > 50).length,
        heapMb: r.heap / 1e6,
        heapGrowthMb: (r.heap - r.heapBefore) / 1e6,
        hostEventsPerSec: r.hostMs > 0 ? r.events / (r.hostMs / 1000) : 0,
        streamEventsPerSec: r.rate,
      });
    }
    return runs;
  } finally {
    await wb.close();
  }
}

const range = (xs: number[], d = 0): string => `${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)}`;

/** Prints the end-to-end figures of `rounds` bursts, as ranges. */
export async function printPanelBench(url: string, events: number, rounds: number): Promise<PanelRun[]> {
  const runs = await runPanelBench(url, events, rounds);
  console.log(`
Panel in the real VS Code (VS Code server + Chromium): Send → last of ${events.toLocaleString('en-US')} events on screen, ${rounds} runs`);
  console.log(`  time to the last row         ${range(runs.map((r) => r.ms))} ms`);
  console.log(`  longest main-thread task     ${range(runs.map((r) => r.longestTaskMs))} ms (tasks over 50 ms per run: ${range(runs.map((r) => r.tasksOver50))})`);
  console.log(`  page heap after GC           ${range(runs.map((r) => r.heapMb), 1)} MB (the workbench's included: one renderer), growth over the burst ${range(runs.map((r) => r.heapGrowthMb), 1)} MB`);
  console.log(`  host events/s                ${range(runs.map((r) => r.hostEventsPerSec / 1000))}k over the whole session (request to end); first Send ${(runs[0]!.hostEventsPerSec / 1000).toFixed(0)}k`);
  console.log(`  … between first and last event ${range(runs.map((r) => r.streamEventsPerSec / 1000))}k (the panel's stats line); first Send ${(runs[0]!.streamEventsPerSec / 1000).toFixed(0)}k`);
  return runs;
}
