#!/usr/bin/env node
/**
 * Runs the extension-host tests (out/test/extension, mocha) inside a real
 * VS Code: the VS Code server from code-server, its workbench open in
 * Debian's chromium. Exits with mocha's exit code.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { isNoise, launchBrowser, startVsCodeServer, workbenchUrl } from './server.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const testsPath = join(root, 'out', 'test', 'extension', 'index.js');
const TIMEOUT_MS = Number(process.env.STREAM_VIEWER_VSCODE_TEST_TIMEOUT_MS || 10 * 60_000);

async function main() {
  if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: run npm run build first`);
  const workspace = mkdtempSync(join(tmpdir(), 'stream-viewer-ws-'));
  writeFileSync(join(workspace, 'README.md'), '# Test workspace\n');
  const server = await startVsCodeServer({ settings: { 'streamViewer.demo.port': 0 } });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exit = new Promise((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // Mocha's reporter logs printf-style: format it as the console would.
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) if (!isNoise(line)) process.stdout.write(`${line}\n`);
    });
    page.on('pageerror', (err) => {
      if (!isNoise(String(err))) console.error(`[workbench] ${err}`);
    });
    await page.goto(workbenchUrl(server, { folder: workspace, extensionPath: root, testsPath }));
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`extension tests did not finish in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref());
    const code = await Promise.race([exit, timeout]);
    if (code !== 0) {
      const tail = server.output().split('\n').filter((l) => l.trim() && !isNoise(l)).slice(-40).join('\n');
      console.error(`extension tests failed (exit ${code}); VS Code server log tail:\n${tail}`);
    }
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`extension tests: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
