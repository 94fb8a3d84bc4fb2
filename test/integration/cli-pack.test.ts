/** The one-line install: `npm pack` gives a lean package that installs offline into an empty prefix and runs. */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'stream-viewer-pack-'));
    prefix = join(dir, 'prefix');
    // The bundles are already built (npm test builds first); --ignore-scripts packs them as they are.
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root)) as { filename: string; files: { path: string }[] }[];
    tgz = join(dir, packed[0]!.filename);
    files = packed[0]!.files.map((f) => f.path).sort();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds only the bundles, the schema, README and licence, and needs no dependency', () => {
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli.js', 'dist/demo.js', 'package.json', 'schemas/streams.schema.json']);
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'every runtime dependency is bundled into dist/: list new ones under devDependencies');
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
    } finally {
      demo.kill();
    }
  });
});
