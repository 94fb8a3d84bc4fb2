#!/usr/bin/env node
/**
 * Makes a fresh checkout ready for `npm start` and `npm test`: installs the
 * npm dependencies when they are missing, then the VS Code test tools
 * (Debian's chromium, node 24, code-server; skipped when already there).
 * Uses only node's own modules, so it runs before `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[prepare] installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
run(process.execPath, [join(root, 'scripts', 'vscode-test', 'setup.mjs')]);
