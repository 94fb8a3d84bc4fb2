/**
 * The one-line install: `npm pack` gives a lean package that installs
 * offline into an empty prefix and runs. The package is packed as a user
 * gets it, its `prepack` production build included, from a copy of the
 * project's packing files (sources linked), so the dev build in dist/ is
 * left alone.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };

/** The environment without what an outer `npm test` passes to its children (its prefix, its cache settings). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_'))) as NodeJS.ProcessEnv;
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('npm pack and an offline global install', () => {
  let dir: string;
  let prefix: string;
  let tgz: string;
  let files: string[];
  /** The packed CLI bundle. */
  let cli: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'stream-viewer-pack-'));
    prefix = join(dir, 'prefix');
    const stage = join(dir, 'project');
    mkdirSync(stage);
    for (const f of ['package.json', 'README.md', 'LICENSE', '.npmignore', 'esbuild.js', 'tsconfig.json']) copyFileSync(join(root, f), join(stage, f));
    cpSync(join(root, 'schemas'), join(stage, 'schemas'), { recursive: true });
    for (const d of ['src', 'webview', 'node_modules']) symlinkSync(join(root, d), join(stage, d), 'dir');
    const started = performance.now();
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], stage)) as { filename: string; files: { path: string }[] }[];
    console.log(`npm pack with its production build: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    tgz = join(dir, packed[0]!.filename);
    files = packed[0]!.files.map((f) => f.path).sort();
    cli = ['cli.js', 'cli-main.js', 'cli-import.js'].map((f) => readFileSync(join(stage, 'dist', f), 'utf8')).join('\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds only the bundles, the schema, README and licence, and needs no dependency', () => {
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli-import.js', 'dist/cli-main.js', 'dist/cli.js', 'dist/demo.js', 'package.json', 'schemas/streams.schema.json']);
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'every runtime dependency is bundled into dist/: list new ones under devDependencies');
    assert.doesNotMatch(cli, /sourceMappingURL/, 'the production build: no link to a source map the package does not hold');
  });

  it('installs offline into an empty prefix; stream-viewer --version and a test against the installed demo server run', async () => {
    npm(['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tgz], dir);
    const bin = join(prefix, 'bin');
    assert.equal(execFileSync(join(bin, 'stream-viewer'), ['--version'], { encoding: 'utf8' }).trim(), pkg.version);
    const demo = spawn(join(bin, 'stream-viewer-demo'), ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((res, rej) => {
        let out = '';
        demo.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          const m = /demo server on (http:\/\/\S+?)\/?\n/.exec(out);
          if (m) res(m[1]!);
        });
        demo.on('exit', (code) => rej(new Error(`demo server exited with ${code}`)));
      });
      const collection = join(dir, 'ci.streams.json');
      writeFileSync(collection, JSON.stringify({ version: 1, requests: [{ name: 'sse', method: 'GET', url: `${url}/sse?count=2&interval=0`, expect: { status: 200, events: { min: 3 }, eventTypes: ['close'] } }] }));
      const report = execFileSync(join(bin, 'stream-viewer'), ['test', collection, '--reporter', 'tap'], { encoding: 'utf8', env: { ...cleanEnv(), NO_COLOR: '1' } });
      assert.equal(report, 'TAP version 13\n1..1\nok 1 - ' + collection + ' › sse\n');
      // The importers are a file of their own (dist/cli-import.js): the installed CLI finds it.
      const har = join(dir, 'one.har');
      writeFileSync(har, JSON.stringify({ log: { version: '1.2', entries: [{ request: { method: 'GET', url: `${url}/sse`, headers: [{ name: 'Accept', value: 'text/event-stream' }] }, response: { status: 200, headers: [], content: { mimeType: 'text/event-stream' } } }] } }));
      execFileSync(join(bin, 'stream-viewer'), ['import', har, '-o', join(dir, 'imported.streams.json')], { encoding: 'utf8', env: { ...cleanEnv(), NO_COLOR: '1' } });
      assert.match(readFileSync(join(dir, 'imported.streams.json'), 'utf8'), new RegExp(`"url": "${url}/sse"`));
      // The package is a command-line tool: requiring it says so instead of failing on a file it does not ship.
      const lib = join(prefix, 'lib');
      const required = spawnSync(process.execPath, ['-e', "require('stream-viewer')"], { cwd: lib, encoding: 'utf8' });
      assert.match(required.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED|No "exports" main defined/);
      const version = execFileSync(process.execPath, ['-p', "require('stream-viewer/package.json').version"], { cwd: lib, encoding: 'utf8' });
      assert.equal(version.trim(), pkg.version);
    } finally {
      demo.kill();
    }
  });
});

describe('the VS Code package (vsce)', () => {
  it('holds every bundle the extension loads, the MCP panel included, and no source maps', () => {
    const listed = execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', env: cleanEnv() }).split('\n').filter(Boolean);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; bin: Record<string, string> };
    const webview = readdirSync(join(root, 'dist', 'webview')).filter((f) => !f.endsWith('.map')).map((f) => `dist/webview/${f}`);
    assert.ok(webview.includes('dist/webview/mcp.js'), 'the build makes the MCP panel bundle');
    for (const f of [manifest.main.replace(/^\.\//, ''), ...Object.values(manifest.bin).map((b) => b.replace(/^\.\//, '')), ...webview, 'dist/cli-main.js', 'dist/cli-import.js', 'schemas/streams.schema.json']) assert.ok(listed.includes(f), `${f} is packed`);
    assert.deepEqual(listed.filter((f) => f.endsWith('.map')), []);
  });
});
