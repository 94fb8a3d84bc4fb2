/**
 * The CLI's launcher (dist/cli.js): it runs the bundle through V8's code
 * cache, kept in the user's cache folder. A cache never changes what the CLI
 * does: it is written after a run, used by the next, replaced when it does
 * not fit, and skipped when it cannot be written.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { ofType, runCli, type CliResult } from './helpers/cli';

describe('stream-viewer launcher: compiled code cache', () => {
  let demo: DemoServer;
  let home: string;
  before(async () => {
    demo = await startDemoServer({ port: 0 });
    home = mkdtempSync(join(tmpdir(), 'stream-viewer-cache-'));
  });
  after(async () => {
    await demo.close();
    rmSync(home, { recursive: true, force: true });
  });

  const cacheOf = (root: string): string => join(root, 'stream-viewer', 'compile-cache');
  const stream = (cacheHome: string): Promise<CliResult> => runCli(['--json', `${demo.url}sse?count=2&interval=0`], { XDG_CACHE_HOME: cacheHome });
  /** The stream's events, as a user reads them (but the time the server writes into each): the cache must not change a thing. */
  const events = (r: CliResult): unknown[] => ofType(r, 'message').map((l) => [l.event, l.id, String(l.data).replace(/"time":"[^"]*"/, '')]);

  it('writes a cache on the first run and streams the same with it on the next', async () => {
    const root = join(home, 'fresh');
    const first = await stream(root);
    assert.equal(first.code, 0, first.stderr);
    const files = readdirSync(cacheOf(root));
    assert.equal(files.length, 1, `one cache for a plain stream: ${files.join(', ')}`);
    assert.match(files[0]!, /^cli-[0-9a-f]{20}-stream-v\d+\.\d+\.\d+-\w+\.bin$/);
    const written = statSync(join(cacheOf(root), files[0]!));
    assert.ok(written.size > 50_000, `the cache holds the compiled bundle (${written.size} bytes)`);

    const second = await stream(root);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(events(second), events(first));
    assert.deepEqual(readdirSync(cacheOf(root)), files, 'a cache that fits is used, not written again');
    assert.equal(statSync(join(cacheOf(root), files[0]!)).mtimeMs, written.mtimeMs);

    // Another command keeps a cache of its own: what it compiles is another part of the bundle.
    const help = await runCli(['test', '--help'], { XDG_CACHE_HOME: root });
    assert.equal(help.code, 0, help.stderr);
    assert.ok(readdirSync(cacheOf(root)).some((f) => f.includes('-test-')), 'test has its own cache');
  });

  it('replaces a cache that does not fit, and removes other builds\u2019 caches once they are a week old', async () => {
    const root = join(home, 'damaged');
    assert.equal((await stream(root)).code, 0);
    const [name] = readdirSync(cacheOf(root));
    writeFileSync(join(cacheOf(root), name!), 'not compiled code');
    // Another build's caches: one not written for 8 days (an update left it), one written today (an install used beside this one).
    const stale = join(cacheOf(root), 'cli-00000000000000000000-stream-v0.0.0-x64.bin');
    const recent = join(cacheOf(root), 'cli-11111111111111111111-stream-v0.0.0-x64.bin');
    writeFileSync(stale, 'an older build');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(stale, eightDaysAgo, eightDaysAgo);
    writeFileSync(recent, 'another install');
    const r = await stream(root);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ofType(r, 'message').length, 3, 'every event (2 and the close event) arrives');
    assert.deepEqual(readdirSync(cacheOf(root)).sort(), [name, basename(recent)].sort(), 'the damaged cache is rewritten, the stale one removed, the recent one kept');
    assert.ok(statSync(join(cacheOf(root), name!)).size > 50_000);
  });

  it('never reads a cache another user could have written', async () => {
    const root = join(home, 'shared');
    assert.equal((await stream(root)).code, 0);
    const [name] = readdirSync(cacheOf(root));
    const file = join(cacheOf(root), name!);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'a cache is written for its owner alone');
    // A good cache, but writable by anyone: it is not run; a cache of the owner's own replaces it.
    chmodSync(file, 0o666);
    assert.equal((await stream(root)).code, 0);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    // A folder anyone can write to: nothing is read from it or written into it.
    rmSync(file);
    chmodSync(cacheOf(root), 0o777);
    const r = await stream(root);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ofType(r, 'message').length, 3);
    assert.deepEqual(readdirSync(cacheOf(root)), []);
  });

  it('runs without a cache when the cache folder is a file', async () => {
    const root = join(home, 'blocked');
    mkdirSync(root);
    writeFileSync(join(root, 'stream-viewer'), 'a file where the folder would go');
    const r = await stream(root);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(ofType(r, 'message').length, 3);
  });
});
