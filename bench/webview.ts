/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Webview benchmark, isolated: the real webview bundle in Debian's chromium
 * in a plain page (no VS Code, no extension host), fed a 100 000-event burst
 * packed as the host packs it, one batch every 16 ms. It measures the list,
 * not the product: the end-to-end figure is bench/panel-e2e.ts.
 */
import { startFakeHost } from './fake-host';
import { DispatchPacker, packItems } from '../src/shared/packed';
import type { WireItem } from '../src/shared/wire';
// @ts-expect-error: plain ES module shared with the test scripts, no types.
import { launchBrowser } from '../scripts/vscode-test/server.mjs';
import type { Browser } from 'playwright-core';

const EVENTS = 100_000;
const BATCH = 2_500;

/** Runs the benchmark and prints its figures. */
export async function runWebviewBench(): Promise<void> {
  console.log(`\nWebview (real Chromium): render a ${EVENTS.toLocaleString('en')}-event burst in batches of ${BATCH}`);
  let browser: Browser | undefined;
  const host = await startFakeHost();
  try {
    browser = (await launchBrowser()) as Browser;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await page.waitForFunction(() => (window as unknown as { __sent: { type: string }[] }).__sent.some((m) => m.type === 'webview/ready'));
    const cdp = await page.context().newCDPSession(page);
    const heap = async (): Promise<number> => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
      window.postMessage({ type: 'panel/init', spec: { method: 'GET', url: 'http://127.0.0.1/bench' }, settings: {}, config: { maxItems: 200_000, maxBytes: 64 * 1024 * 1024 } }, '*');
      window.postMessage({ type: 'stream/didStart', requestId: 'bench' }, '*');
    });
    const heapBefore = await heap();
    const lastId = String(EVENTS - 1);
    // The batches are packed here as the host packs them, handed to the page before the clock starts, then posted one every 16 ms.
    const batches: string[] = [];
    for (let k = 0; k < EVENTS; ) {
      const items: WireItem[] = [];
      for (const end = Math.min(EVENTS, k + BATCH); k < end; k++) {
        const data = JSON.stringify({ id: k, choices: [{ delta: { content: `token ${k}` } }] });
        items.push({ kind: 'message', format: 'sse', t: k * 0.01, offset: k * 80, event: k % 10 === 0 ? 'ping' : 'message', data, id: String(k), size: data.length, seq: k + 1 });
      }
      const p = packItems(items);
      const b64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
      batches.push(JSON.stringify({ count: p.count, nums: b64(p.nums), lens: b64(p.lens), text: b64(p.text), others: p.others }));
    }
    const noDispatches = new DispatchPacker().take();
    await page.evaluate(`window.__batches = ${JSON.stringify(batches)}`);
    const started = Date.now();
    // A string, not a function: the TypeScript loader would add helpers the page does not have.
    await page.evaluate(`new Promise((done) => {
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      let k = 0;
      function next() {
        const b = JSON.parse(window.__batches[k++]);
        const items = { count: b.count, nums: new Float64Array(bytes(b.nums).buffer), lens: new Int32Array(bytes(b.lens).buffer), text: bytes(b.text), others: b.others };
        const analysis = { problems: [], dispatches: ${JSON.stringify({ ...noDispatches, events: [] })}, stats: { ttfbMs: 1, firstEventMs: 1, durationMs: k * 16, events: k * ${BATCH}, bytes: 0, eventsPerSec: 0, gapMs: { p50: 0, p95: 0, max: 0 }, stalls: { thresholdMs: 2000, count: 0, longestMs: 0 }, perSecond: [] } };
        analysis.dispatches.events = new Float64Array(0);
        window.postMessage({ type: 'stream/didReceive', requestId: 'bench', items, analysis, raw: { firstRow: 0, endRow: 0, bytes: 0, droppedBytes: 0 } }, '*');
        if (k < window.__batches.length) setTimeout(next, 16); else done();
      }
      next();
    })`);
    const sentAll = Date.now();
    await page.waitForFunction((id) => [...document.querySelectorAll('.item-row .cell-id')].some((c) => c.textContent === id), lastId, { timeout: 60_000, polling: 'raf' });
    const reachable = Date.now();
    const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfter = await heap();
    // Interaction after the burst: filter with JSONPath over all rows.
    await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
    const filterStart = Date.now();
    await page.fill('.jsonpath-input', '$.choices[0].delta.content');
    await page.waitForFunction(
      () => {
        const status = document.querySelector('.list-status')?.textContent ?? '';
        return /of 100000 rows/.test(status) && !status.includes('Filtering');
      },
      undefined,
      { timeout: 60_000 },
    );
    const filterMs = Date.now() - filterStart;
    const filterLongest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    console.log(`  delivery of all batches            ${sentAll - started} ms`);
    console.log(`  last row on screen after last batch ${reachable - sentAll} ms (${reachable - started} ms from the first)`);
    console.log(`  longest main-thread task           ${longest.toFixed(0)} ms${longest === 0 ? ' (none over 50 ms)' : ''}`);
    console.log(`  JS heap used                       ${(heapAfter / 1e6).toFixed(1)} MB (${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB for the items, ${(((heapAfter - heapBefore) / EVENTS) | 0)} B per event)`);
    console.log(`  JSONPath filter over 100 000 rows  ${filterMs} ms, longest task meanwhile ${filterLongest.toFixed(0)} ms${filterLongest === 0 ? ' (none over 50 ms)' : ''}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await host.close();
  }
}
