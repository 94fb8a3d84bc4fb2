/**
 * `stream-viewer import` through the built CLI: real files in, a valid
 * collection out with no credential in it, a summary on stderr, nothing
 * added by a second import, and an imported streaming request (OpenAI's
 * chat completion, from its spec) run against the demo server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Collection } from '../../src/core/collections/model';
import type { ImportSummary } from '../../src/core/import/index';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { allRequests, schemaErrors } from '../unit/helpers/imports';
import { ofType, runCli } from './helpers/cli';

const fixtures = resolve(__dirname, '..', 'fixtures', 'import');

describe('stream-viewer import', () => {
  let dir: string;
  let demo: DemoServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stream-viewer-import-'));
    demo = await startDemoServer({ port: 0 });
  });
  after(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the whole fixtures folder into a valid collection, prints the summary and the secrets to set, never a value', async () => {
    const out = join(dir, 'all.streams.json');
    const r = await runCli(['import', fixtures, '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const collection = JSON.parse(readFileSync(out, 'utf8')) as Collection;
    assert.equal(schemaErrors(collection), '');
    assert.match(r.stderr, /openai-openapi\.excerpt\.yaml \(openapi\): 10 requests imported/);
    assert.match(r.stderr, /newman-echo-v2\.postman_collection\.json \(postman\): 22 requests imported/);
    assert.match(r.stderr, /har-to-k6-full\.har \(har\): 8 requests imported/);
    assert.match(r.stderr, /bruno-tests-collection \(bruno\): 35 requests imported, environments: Local, Prod/);
    assert.match(r.stderr, /test script is not carried over/);
    assert.match(r.stderr, /STREAM_VIEWER_SECRET_APIKEYAUTH/);
    const text = readFileSync(out, 'utf8');
    for (const value of [Buffer.from('postman:password').toString('base64'), 'D+EdQ-gs$-%@2Nu7', 'ssh-secret']) {
      assert.ok(!text.includes(value), `${value} in the collection`);
      assert.ok(!r.stderr.includes(value), `${value} in the summary`);
    }
    assert.ok(!/README/.test(r.stderr), 'a folder import reads only .json, .yaml and .har files');
  });

  it('a second import into the same file adds nothing and says so (--json summary)', async () => {
    const out = join(dir, 'twice.streams.json');
    const file = join(fixtures, 'newman-whatwg-url.postman_collection.json');
    const first = await runCli(['import', file, '-o', out, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const before = readFileSync(out, 'utf8');
    const second = await runCli(['import', file, '-o', out, '--json']);
    assert.equal(second.code, 0, second.stderr);
    const summary = JSON.parse(second.stderr) as ImportSummary;
    assert.equal(summary.sources[0]!.imported, 0);
    assert.equal(summary.sources[0]!.duplicates, (JSON.parse(first.stderr) as ImportSummary).sources[0]!.imported);
    assert.equal(readFileSync(out, 'utf8'), before);
  });

  it('without -o the collection goes to stdout; an unknown file is exit 1 with the reason', async () => {
    const ok = await runCli(['import', join(fixtures, 'har-to-k6-pseudo-headers.har')]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(allRequests(JSON.parse(ok.stdout) as Collection).length, 1);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"hello": "world"}');
    const bad = await runCli(['import', junk]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /junk\.json \(unknown\)[\s\S]*not a Postman collection/);
    assert.equal((await runCli(['import'])).code, 2);
    const plain = await runCli(['import', join(fixtures, 'har-to-k6-pseudo-headers.har'), '-o', join(dir, 'plain.json')]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stderr, /plain\.json does not end in \.streams\.json/);
  });

  it('the imported streaming chat completion runs against the demo server as SSE', async () => {
    const out = join(dir, 'openai.streams.json');
    const imported = await runCli(['import', join(fixtures, 'openai-openapi.excerpt.yaml'), '-o', out]);
    assert.equal(imported.code, 0, imported.stderr);
    const baseUrl = `${demo.url.replace(/\/$/, '')}/v1`;
    const r = await runCli(['run', out, 'Chat/createChatCompletion', '--var', `baseUrl=${baseUrl}`, '--json'], { STREAM_VIEWER_SECRET_APIKEYAUTH: 'sk-test-not-real' });
    assert.equal(r.code, 0, r.stderr);
    const [response] = ofType(r, 'response');
    assert.equal(response?.status, 200);
    assert.equal(response?.format, 'sse');
    const end = r.lines.at(-1)!;
    assert.equal(end.type, 'end');
    assert.equal(end.reason, 'eof');
    assert.ok(Number(end.events) > 1, JSON.stringify(end));
    assert.ok(!r.stdout.includes('sk-test-not-real'));
  });
});
