#!/usr/bin/env node
/**
 * Runs the extension-host tests (out/test/extension, mocha) inside a real
 * VS Code: the VS Code server from code-server, its workbench open in
 * Debian's chromium. Exits with mocha's exit code.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInExtensionHost } from './host-run.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const testsPath = join(root, 'out', 'test', 'extension', 'index.js');
const TIMEOUT_MS = Number(process.env.STREAM_VIEWER_VSCODE_TEST_TIMEOUT_MS || 10 * 60_000);

async function main() {
  if (!existsSync(testsPath)) throw new Error(`${testsPath} is missing: run npm run build first`);
  return runInExtensionHost({ extensionPath: root, testsPath, timeoutMs: TIMEOUT_MS, onLine: (line) => process.stdout.write(`${line}\n`) });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`extension tests: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
