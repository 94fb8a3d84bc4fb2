/**
 * Runs a module inside a real extension host: the VS Code server with our
 * extension loaded and `testsPath` as its `extensionTestsPath`, its
 * workbench open in Debian's chromium. The module's `run()` is what VS Code
 * calls; its exit code and its console output come back through the smoke
 * test driver's hooks. Used by the extension tests and the transfer bench.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { isNoise, launchBrowser, startVsCodeServer, workbenchUrl } from './server.mjs';

/**
 * @param {{ extensionPath: string, testsPath: string, timeoutMs: number, onLine(line: string): void }} options
 * @returns {Promise<number>} the exit code the module's run ended with
 */
export async function runInExtensionHost({ extensionPath, testsPath, timeoutMs, onLine }) {
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
      for (const line of text.split('\n')) if (!isNoise(line)) onLine(line);
    });
    page.on('pageerror', (err) => {
      if (!isNoise(String(err))) console.error(`[workbench] ${err}`);
    });
    await page.goto(workbenchUrl(server, { folder: workspace, extensionPath, testsPath }));
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`the extension host run did not finish in ${timeoutMs / 1000} s`)), timeoutMs).unref());
    const code = await Promise.race([exit, timeout]);
    if (code !== 0) {
      const tail = server.output().split('\n').filter((l) => l.trim() && !isNoise(l)).slice(-40).join('\n');
      console.error(`the extension host run failed (exit ${code}); VS Code server log tail:\n${tail}`);
    }
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}
