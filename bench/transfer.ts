/**
 * How a batch of events crosses from the extension host to a webview, in
 * the real VS Code: the same 100 000 events as objects, as one JSON string,
 * as plain columns and packed (typed arrays + one UTF-8 buffer, the form the
 * panel uses), each timed from the host's first `postMessage` to the page
 * holding the last batch in a form it can read. The host side runs in the
 * real extension host (bench/transfer/host.ts), the page in a real webview.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
// @ts-expect-error: plain ES module shared with the test scripts, no types.
import { runInExtensionHost } from '../scripts/vscode-test/host-run.mjs';
import { FORMS, type Form } from './transfer/forms';

const root = join(__dirname, '..');

interface Round {
  form: Form;
  /** First postMessage → the page's answer that it holds the last batch. */
  ms: number;
  /** The host's own time in the postMessage calls. */
  postMs: number;
  /** The page's main-thread time reading the batches (after VS Code delivered them). */
  pageMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs the comparison and prints each form's medians, with the packed form's speed-up over it. */
export async function runTransferBench(): Promise<void> {
  const testsPath = join(root, 'out', 'bench', 'transfer-host.js');
  await build({ entryPoints: [join(__dirname, 'transfer', 'host.ts')], outfile: testsPath, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  const rounds: Round[] = [];
  const code = (await runInExtensionHost({
    extensionPath: root,
    testsPath,
    timeoutMs: 5 * 60_000,
    onLine: (line: string) => {
      if (line.startsWith('TRANSFER ')) rounds.push(JSON.parse(line.slice('TRANSFER '.length)) as Round);
      else if (line.trim() !== '') console.log(`  [extension host] ${line}`);
    },
  })) as number;
  if (code !== 0 || rounds.length === 0) throw new Error(`the transfer bench failed in the extension host (exit ${code})`);
  const of = (form: Form): Round[] => rounds.filter((r) => r.form === form);
  const packed = median(of('packed').map((r) => r.ms));
  console.log(`\nHost → webview transfer in the real VS Code: 100,000 events (73-byte data) in batches of 2,500, median of ${of('packed').length}`);
  for (const form of FORMS) {
    const rs = of(form);
    const ms = median(rs.map((r) => r.ms));
    console.log(`  ${form.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms to the page (host in postMessage ${median(rs.map((r) => r.postMs)).toFixed(0).padStart(4)} ms, page reading ${median(rs.map((r) => r.pageMs)).toFixed(0).padStart(4)} ms)${form === 'packed' ? '' : `  packed is ${(ms / packed).toFixed(1)}× faster`}`);
  }
}
