/**
 * Starts the VS Code server (from code-server, on node 24) on a free
 * loopback port, and opens its workbench in Debian's chromium with
 * playwright-core. Shared by the extension tests, the UI tests and `npm start`.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_BIN, READY_MARK, SERVER_MAIN } from './versions.mjs';
import { existsSync } from 'node:fs';

/** Lines of VS Code's output that are expected offline and say nothing about us. */
const NOISE = [/github/i, /gallery/i, /telemetry/i, /marketplace/i, /\bCanceled\b/, /service ?worker/i, /ENOTFOUND|EAI_AGAIN|ECONNREFUSED.*(443|update)/, /Failed to fetch/i, /update\.code\.visualstudio/i, /vscode-sync|settings sync/i, /net::ERR_/, /workbench\.js:\d+/, /connection token/i, /Creating a socket/, /AgentHost|AccountPolicyGate|grace-time|builtin extensions cache|No search provider/];

/** Whether a line of VS Code's log is known harmless noise. */
export function isNoise(line) {
  return NOISE.some((re) => re.test(line));
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Fails with a clear message when the tools are not installed. */
export function assertToolsInstalled() {
  if (!existsSync(READY_MARK) || !existsSync(SERVER_MAIN)) {
    throw new Error('The VS Code test tools are not installed. Run: node scripts/vscode-test/setup.mjs');
  }
}

/**
 * Starts a VS Code server with fresh data folders. `settings` are written as
 * the user's settings (for the theme, say).
 * @returns {Promise<{port: number, base: string, dir: string, stop(): Promise<void>, output(): string}>}
 */
export async function startVsCodeServer({ settings = {}, quiet = true } = {}) {
  assertToolsInstalled();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'stream-viewer-vscode-'));
  const userData = join(dir, 'ud');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(join(userData, 'data', 'User'), { recursive: true });
  const userSettings = JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'workbench.enableExperiments': false, 'chat.disableAIFeatures': true, ...settings }, null, 2);
  writeFileSync(join(userData, 'User', 'settings.json'), userSettings);
  writeFileSync(join(userData, 'data', 'User', 'settings.json'), userSettings);
  const args = [
    SERVER_MAIN,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--skip-welcome',
    '--user-data-dir', userData,
    '--server-data-dir', join(dir, 'sd'),
    '--extensions-dir', join(dir, 'ex'),
  ];
  const child = spawn(NODE_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const onData = (d) => {
    const text = d.toString();
    output += text;
    if (!quiet) for (const line of text.split('\n')) if (line.trim() && !isNoise(line)) console.log(`[vscode] ${line}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`VS Code server did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes('Extension host agent listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited with ${code}:\n${output}`));
    });
  });
  let stopped = false;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    dir,
    output: () => output,
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The workbench URL for a folder, with the extension under development and, optionally, tests. */
export function workbenchUrl(server, { folder, extensionPath, testsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${server.base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Path of Debian's chromium. */
export function chromiumPath() {
  try {
    return execFileSync('which', ['chromium']).toString().trim();
  } catch {
    throw new Error('chromium is not installed. Run: node scripts/vscode-test/setup.mjs');
  }
}

/** Launches chromium with the flags this closed network needs. */
export async function launchBrowser({ headless = true, args = [] } = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    headless,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args],
  });
}
