#!/usr/bin/env node
/**
 * `npm run test:desktop`: the extension-host suite (out/test/extension, the
 * same one `npm test` runs in the VS Code server) in desktop VS Code, through
 * @vscode/test-electron. It downloads VS Code once into a cache folder; where
 * that cannot work (no route to the download host, no display on Linux) it
 * stops at once and says why, instead of retrying a download for minutes.
 * Set STREAM_VIEWER_VSCODE_PATH to use a VS Code that is already installed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const testsPath = join(root, 'out', 'test', 'extension', 'index.js');
/** What test-electron asks first (the list of stable versions): if this fails, so would the download. */
const DOWNLOAD_HOST = 'https://update.code.visualstudio.com';
const PROBE_URL = `${DOWNLOAD_HOST}/api/releases/stable`;
const PROBE_TIMEOUT_MS = 5000;
const cachePath = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stream-viewer', 'vscode-desktop');

/** Why a fetch failed, in the words of its innermost cause (e.g. "getaddrinfo ENOTFOUND host"). */
function reasonOf(err) {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/** Undefined when VS Code can be downloaded, else why not. */
async function downloadBlocker() {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(new Error(`no answer in ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
  try {
    const res = await fetch(PROBE_URL, { signal: ctrl.signal });
    await res.body?.cancel();
    return res.ok ? undefined : `HTTP ${res.status}`;
  } catch (err) {
    return reasonOf(err);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether an earlier run left a downloaded VS Code (test-electron then runs offline). */
function hasCachedVsCode() {
  return existsSync(cachePath) && readdirSync(cachePath).some((n) => /^vscode-[a-z0-9-]+-[0-9.]+$/.test(n));
}

async function main() {
  if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: run npm run build first`);
  const executable = process.env.STREAM_VIEWER_VSCODE_PATH;
  const problems = [];
  if (!executable && !hasCachedVsCode()) {
    const blocker = await downloadBlocker();
    if (blocker) problems.push(`cannot download VS Code from ${DOWNLOAD_HOST}: ${blocker}; run \`npm test\` instead, which uses the VS Code server from code-server (or set STREAM_VIEWER_VSCODE_PATH to an installed VS Code)`);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    problems.push('no display (DISPLAY is not set): desktop VS Code needs one on Linux; run `xvfb-run -a npm run test:desktop`');
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`test:desktop: ${p}`);
    return 1;
  }
  const { runTests } = await import('@vscode/test-electron');
  // The same fresh settings the VS Code server route uses: any free port for the demo server.
  const dir = mkdtempSync(join(tmpdir(), 'stream-viewer-desktop-'));
  const workspace = join(dir, 'ws');
  const userData = join(dir, 'ud');
  mkdirSync(workspace);
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(workspace, 'README.md'), '# Test workspace\n');
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'streamViewer.demo.port': 0, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' }, null, 2));
  try {
    return await runTests({
      cachePath,
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', join(dir, 'ex'), '--disable-extensions'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`test:desktop: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
