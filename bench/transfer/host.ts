/**
 * Runs inside the real extension host (as `extensionTestsPath`): opens a
 * webview of its own and sends it the same 100 000 events four ways, each
 * in batches of 2 500, timing each way from the first `postMessage` to the
 * page's answer that it holds the last batch in a form it can read. Prints
 * one `TRANSFER {...}` line per round for the driver (bench/transfer.ts).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { packItems } from '../../src/shared/packed';
import type { WireMessage } from '../../src/shared/wire';
import { FORMS, type Form } from './forms';
import { PAGE_SCRIPT } from './page-script';

const EVENTS = 100_000;
const BATCH = 2_500;
const ROUNDS = 3;

function events(): WireMessage[] {
  // 73-byte data, as the panel bench's stream sends.
  const pad = 'x'.repeat(53);
  return Array.from({ length: EVENTS }, (_, i) => ({ kind: 'message', format: 'sse', t: i / 100, offset: i * 103, seq: i + 1, size: 73, event: 'message', id: String(i), data: `{"i":${i},"pad":"${pad}"}` }));
}

/** One batch in the form `form` takes on the host's side. */
function encode(form: Form, batch: WireMessage[]): unknown {
  switch (form) {
    case 'objects':
      return batch;
    case 'json-string':
      return JSON.stringify(batch);
    case 'columns':
      return {
        nums: batch.flatMap((m) => [m.t, m.offset, m.seq, m.size]),
        strings: batch.flatMap((m) => [m.event ?? '', m.id ?? '', m.data]),
      };
    case 'packed':
      return packItems(batch);
  }
}

/** The webview's page: a CSP with a nonce, and the script that reads each form. */
function html(nonce: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'"></head><body><script nonce="${nonce}">${PAGE_SCRIPT}</script></body></html>`;
}

async function timeForm(panel: vscode.WebviewPanel, form: Form, batches: WireMessage[][]): Promise<{ form: Form; ms: number; postMs: number; pageMs: number }> {
  const encoded = batches.map((b) => encode(form, b));
  const expected = batches.reduce((n, b) => n + b.length, 0);
  const done = new Promise<{ pageMs: number }>((resolve, reject) => {
    const sub = panel.webview.onDidReceiveMessage((m: { type: string; pageMs: number; count: number }) => {
      if (m.type !== 'done') return;
      sub.dispose();
      if (m.count === expected) resolve(m);
      else reject(new Error(`${form}: the page read ${m.count} events of ${expected}`));
    });
  });
  const t0 = performance.now();
  for (let i = 0; i < encoded.length; i++) void panel.webview.postMessage({ type: 'batch', form, first: i === 0, last: i === encoded.length - 1, body: encoded[i] });
  const postMs = performance.now() - t0;
  const { pageMs } = await done;
  return { form, ms: performance.now() - t0, postMs, pageMs };
}

/** The entry point VS Code calls. */
export async function run(): Promise<void> {
  const panel = vscode.window.createWebviewPanel('streamViewerTransferBench', 'Transfer bench', vscode.ViewColumn.One, { enableScripts: true });
  const ready = new Promise<void>((resolve) => {
    const sub = panel.webview.onDidReceiveMessage((m: { type: string }) => {
      if (m.type !== 'ready') return;
      sub.dispose();
      resolve();
    });
  });
  panel.webview.html = html(randomBytes(16).toString('base64'));
  await ready;
  const all = events();
  const batches: WireMessage[][] = [];
  for (let i = 0; i < all.length; i += BATCH) batches.push(all.slice(i, i + BATCH));
  // A first pass of each form warms up both sides; then rounds alternate the forms, so drift hits each alike.
  for (const form of FORMS) await timeForm(panel, form, batches.slice(0, 4));
  for (let r = 0; r < ROUNDS; r++) {
    for (const form of FORMS) console.log(`TRANSFER ${JSON.stringify(await timeForm(panel, form, batches))}`);
  }
  panel.dispose();
}
