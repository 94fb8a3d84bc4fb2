/**
 * `stream-viewer run` with a hostile collection: a 800-byte file whose
 * variables repeat the next one eight times, ten levels deep, is refused at
 * once with the variable named (it used to run for hours), and
 * `{{constructor}}` is an ordinary missing variable (it used to crash).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCli } from './helpers/cli';

describe('stream-viewer run: variables from a hostile collection', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'stream-viewer-vars-'));
    file = join(dir, 'bomb.streams.json');
    const variables: Record<string, string> = { v10: 'x' };
    for (let i = 0; i < 10; i++) variables[`v${i}`] = `{{v${i + 1}}}`.repeat(8);
    const requests = [
      { name: 'bomb', method: 'GET', url: 'http://127.0.0.1:9/{{v0}}' },
      { name: 'proto', method: 'GET', url: 'http://127.0.0.1:9/{{constructor}}/{{toString}}' },
    ];
    writeFileSync(file, JSON.stringify({ version: 1, environments: [{ name: 'e', variables }], requests }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the CLI; one that is still busy after a minute is stopped, so the hang shows as a failure. */
  async function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const cli = startCli(args);
    const guard = setTimeout(() => cli.child.kill('SIGKILL'), 60_000);
    const r = await cli.done;
    clearTimeout(guard);
    return r;
  }

  it('refuses a variable that expands past 1 MiB, naming it', async () => {
    const r = await run(['run', file, 'bomb', '--env', 'e']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /\{\{v3\}\} expands to more than 1 MiB/);
  });

  it('reports {{constructor}} and {{toString}} as variables with no value', async () => {
    const r = await run(['run', file, 'proto', '--env', 'e']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /uses variables with no value: constructor .*, toString /);
  });
});
