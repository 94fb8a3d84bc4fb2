/**
 * `stream-viewer`'s entry point: runs the CLI bundle (`cli-main.js`, beside
 * this file) through V8's code cache.
 *
 * Compiling the CLI's bundle took 30–40 ms of every start (1.2 MB, before
 * the importers became a file of their own; 0.6 MB now, most of it the HTTP
 * client), as long as node's own start-up: node's built-in modules come with
 * their code compiled, a bundle does not. Node 22 caches compiled code
 * by itself (`module.enableCompileCache`); node 20 only offers the parts
 * (`vm.Script`'s `cachedData` and `createCachedData()`), so this file puts
 * them together. The cache is written when the process exits, after the run,
 * so it holds every function that run compiled, not only the top level.
 * Anything that goes wrong with the cache only costs the compile it would
 * have saved: the bundle then runs as if the cache were not there. A cache
 * another user could have written is never read (see `trusted`).
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

const MAIN = join(__dirname, 'cli-main.js');
const PREFIX = 'cli-';

/** Where compiled code is kept: the user's cache folder, as other command-line tools keep theirs. */
function cacheDir(): string {
  const base = process.platform === 'win32' ? (process.env.LOCALAPPDATA ?? homedir()) : process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'stream-viewer', 'compile-cache');
}

/**
 * Whether a file (or folder) only its owner can change is ours: compiled
 * code runs as the user, so a cache someone else could have written (a
 * shared or world-writable XDG_CACHE_HOME) is never read. Windows has no
 * such modes; its per-user LOCALAPPDATA is the user's own.
 */
function trusted(st: Stats): boolean {
  const uid = process.getuid?.();
  return uid === undefined || (st.uid === uid && (st.mode & 0o022) === 0);
}

/** The cache's bytes, or `undefined` when there is none, or none to trust. */
function readCache(dir: string, name: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    if (!trusted(statSync(dir))) return undefined;
    fd = openSync(join(dir, name), 'r');
    // Checked on the open file, so it cannot be swapped between the check and the read.
    const st = fstatSync(fd);
    return trusted(st) && st.isFile() ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Caches of other builds not written for this long are removed when a cache
 * is written: an update leaves no old ones behind for ever, and two installs
 * used side by side (a global one and a project's) do not delete each other's.
 */
const STALE_MS = 7 * 24 * 3600 * 1000;

/** Writes the cache, and removes other builds' stale ones. */
function saveCache(dir: string, name: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!trusted(statSync(dir))) return;
    // Under a temporary name, then renamed: CLIs started together must not read each other's half-written file.
    const temp = join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, join(dir, name));
    const build = name.slice(0, name.indexOf('-', PREFIX.length) + 1);
    const now = Date.now();
    for (const old of readdirSync(dir)) {
      if (old.startsWith(PREFIX) && !old.startsWith(build) && now - statSync(join(dir, old)).mtimeMs > STALE_MS) rmSync(join(dir, old), { force: true });
    }
  } catch {
    // A read-only or full disk: the next start compiles again, which is all the cache saves.
  }
}

/**
 * The part of the CLI a command runs: each has a cache of its own, since a
 * cache holds the functions that the run which wrote it compiled (a `test`
 * run's cache would leave a plain stream's code to compile, and the other way round).
 */
function commandKind(first: string | undefined): string {
  return first === 'test' || first === 'mcp' || first === 'import' || first === 'run' || first === 'diff' || first === 'export' ? first : 'stream';
}

function launch(): void {
  let source = readFileSync(MAIN, 'utf8');
  // V8 accepts a cache for any source of the same length: the file's content names the cache instead.
  const name = `${PREFIX}${createHash('sha1').update(source).digest('hex').slice(0, 20)}-${commandKind(process.argv[2])}-${process.version}-${process.arch}.bin`;
  const dir = cacheDir();
  const cachedData = readCache(dir, name);
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  // The same wrapper node puts around a CommonJS file, so the bundle sees what it would see if required. It has no
  // `import()`, which a script of node 20's vm cannot run without a flag: esbuild writes them as `require` (esbuild.js).
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: MAIN,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected === true) process.once('exit', () => saveCache(dir, name, script.createCachedData()));
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const mod = { exports: {}, filename: MAIN, id: MAIN };
  run.call(mod.exports, mod.exports, createRequire(MAIN), mod, MAIN, dirname(MAIN));
}

launch();
