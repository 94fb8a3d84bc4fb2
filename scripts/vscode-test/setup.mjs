#!/usr/bin/env node
/**
 * Installs what the extension-host and browser tests need, once per machine:
 * Debian's chromium (and the build tools code-server's native modules need),
 * then node 24 and code-server into a cache folder outside the repository.
 * Safe to run again: each step is skipped when already done.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APT_PACKAGES, CACHE_DIR, CODE_SERVER_PACKAGE, NODE_BIN, NODE_DIR, NODE_PACKAGE, READY_MARK, SERVER_MAIN } from './versions.mjs';

function log(message) {
  console.log(`[vscode-test setup] ${message}`);
}

function run(cmd, args, options = {}) {
  log(`${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
}

function installApt() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, ...pre] = root ? ['apt-get'] : [...sudo, 'apt-get'];
  run(cmd, [...pre, 'update', '-q'], { env });
  run(cmd, [...pre, 'install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

/**
 * The environment for a nested npm: this process's, minus what an outer `npm test` / `npm start`
 * put there. A child npm inherits the outer npm's `npm_config_*` settings and its user agent
 * (which names the outer node, v20); code-server's postinstall reads the node version from that
 * user agent and refuses anything but 24, so they must not leak into the tools' install.
 */
function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE') continue;
    env[k] = v;
  }
  return env;
}

function installTools() {
  if (existsSync(READY_MARK) && existsSync(SERVER_MAIN) && existsSync(NODE_BIN)) {
    log(`tools ready in ${CACHE_DIR}`);
    return;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(join(CACHE_DIR, 'package.json'), JSON.stringify({ name: 'stream-viewer-vscode-test-tools', private: true }, null, 2));
  const npm = { ...cleanEnv(), npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };
  run('npm', ['install', '--prefix', CACHE_DIR, NODE_PACKAGE], { env: npm });
  // code-server's install refuses any node but 24 and compiles native modules against its headers.
  const env = {
    ...npm,
    PATH: `${dirname(NODE_BIN)}:${process.env.PATH}`,
    npm_config_nodedir: NODE_DIR,
    npm_config_ignore_scripts: 'false',
    // npm 11 blocks dependency install scripts by default; code-server's build needs them, nested installs included.
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  // npm itself then runs on node 24 too (its shebang finds node on PATH).
  run('npm', ['install', '--prefix', CACHE_DIR, '--unsafe-perm', '--foreground-scripts', CODE_SERVER_PACKAGE], { env });
  if (!existsSync(SERVER_MAIN)) throw new Error(`code-server installed, but ${SERVER_MAIN} is missing`);
  writeFileSync(READY_MARK, new Date().toISOString());
  log(`tools ready in ${CACHE_DIR}`);
}

try {
  installApt();
  installTools();
  log(`chromium: ${execFileSync('which', ['chromium']).toString().trim()}`);
} catch (err) {
  console.error(`[vscode-test setup] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
