/**
 * The collection `npm start` puts in its sandbox: valid against the shipped
 * schema, one request per kind of demo stream, and every request runs
 * against the real demo server through the built CLI, as a user's would.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { route } from '../../src/demo/endpoints';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import type { Collection, Folder, SavedRequest } from '../../src/core/collections/model';
import { parseHttpFile } from '../../src/core/http-file/parse';
// @ts-expect-error: plain ES module run by `npm start`, no types.
import { COLLECTION_FILE, COLLECTION_SOURCE, prepareSandbox } from '../../scripts/sandbox/prepare.mjs';
import { ofType, runCli, type CliResult } from './helpers/cli';

const root = resolve(__dirname, '..', '..');
const collection = JSON.parse(readFileSync(COLLECTION_SOURCE as string, 'utf8')) as Collection;

/** Every request with the name `stream-viewer run` knows it by (`Folder/Request`). */
function requestsOf(c: { requests?: SavedRequest[]; folders?: Folder[] }, prefix = ''): { name: string; request: SavedRequest }[] {
  return [...(c.requests ?? []).map((request) => ({ name: prefix + request.name, request })), ...(c.folders ?? []).flatMap((f) => requestsOf(f, `${prefix}${f.name}/`))];
}
const requests = requestsOf(collection);
const pathOf = (r: SavedRequest): string => new URL(r.url.replace('{{baseUrl}}', 'http://demo')).pathname;

describe('the sandbox collection of the demo server', () => {
  it('is valid against schemas/streams.schema.json and has a local environment', () => {
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(root, 'schemas', 'streams.schema.json'), 'utf8')) as object);
    assert.ok(validate(collection), JSON.stringify(validate.errors, null, 2));
    assert.equal(collection.environments?.find((e) => e.name === 'local')?.variables.baseUrl, 'http://127.0.0.1:3001');
  });

  it('has a request for each kind of demo stream, each on a real endpoint', () => {
    const paths = requests.map((r) => pathOf(r.request));
    for (const p of ['/sse', '/sse/seed-bug', '/v1/chat/completions', '/v1/messages', '/v1beta/models/gemini-demo:streamGenerateContent', '/ollama/api/chat', '/ndjson', '/json-seq', '/text', '/large']) {
      assert.ok(paths.includes(p), `no request for ${p}`);
    }
    for (const { name, request } of requests) assert.ok(route(pathOf(request)), `${name}: the demo server has no ${pathOf(request)}`);
  });

  describe('run against the demo server with the built CLI', () => {
    let demo: DemoServer;
    const runs = new Map<string, Promise<CliResult>>();
    before(async () => {
      demo = await startDemoServer({ port: 0 });
      const file = join(root, 'scripts', 'sandbox', 'demo.streams.json');
      // All at once: most of them stream slowly on purpose, so a person can watch.
      for (const { name } of requests) runs.set(name, runCli(['run', file, name, '--env', 'local', '--var', `baseUrl=${demo.url.replace(/\/$/, '')}`, '--json']));
    });
    after(async () => {
      await Promise.all(runs.values());
      await demo.close();
    });

    const formats: Record<string, string> = { 'text/event-stream': 'sse', 'application/x-ndjson': 'ndjson', 'application/json-seq': 'json-seq', 'text/plain': 'text' };
    for (const { name, request } of requests) {
      it(`runs "${name}" to the end of its stream, with events`, async () => {
        const r = await runs.get(name)!;
        assert.equal(r.code, 0, r.stderr);
        if (request.mcp) {
          // An MCP request: initialize, then its call, answered with a result.
          const call = ofType(r, 'call').find((c) => c.method === request.mcp!.method);
          assert.equal(call?.state, 'result', JSON.stringify(call));
          return;
        }
        const [response] = ofType(r, 'response');
        const posting = request.method === 'POST' && pathOf(request) === '/room';
        assert.equal(response?.status, posting ? 202 : 200);
        if (!posting) assert.equal(response?.format, formats[route(pathOf(request))!.contentType]);
        const end = r.lines.at(-1)!;
        assert.equal(end.type, 'end');
        // A stream that never ends (the chat room's listener) is stopped by its expect block's stopAfterMs.
        assert.equal(end.reason, request.expect?.stopAfterMs === undefined ? 'eof' : 'aborted');
        assert.ok(Number(end.events) > 0, `no events: ${JSON.stringify(end)}`);
      });
    }

    it('passes its own tests (expect blocks and the chat room flow) with stream-viewer test', async () => {
      const file = join(root, 'scripts', 'sandbox', 'demo.streams.json');
      const r = await runCli(['test', file, '--env', 'local', '--var', `baseUrl=${demo.url.replace(/\/$/, '')}`, '--reporter', 'json']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /A post reaches the listeners/);
    });
  });

  describe('copied into the sandbox by npm start', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'stream-viewer-sandbox-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('is copied when missing, pointed at the demo server this start uses', () => {
      const notes = prepareSandbox(dir, { demoUrl: 'http://127.0.0.1:4567/', demoPort: 4567 }) as string[];
      assert.deepEqual(notes, []);
      const copied = JSON.parse(readFileSync(join(dir, COLLECTION_FILE as string), 'utf8')) as Collection;
      assert.equal(copied.environments?.find((e) => e.name === 'local')?.variables.baseUrl, 'http://127.0.0.1:4567');
      assert.deepEqual(requestsOf(copied), requests);
      assert.ok(existsSync(join(dir, 'README.md')));
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'http-client.env.json'), 'utf8')), { local: { baseUrl: 'http://127.0.0.1:4567' } });
      const http = parseHttpFile(readFileSync(join(dir, 'demo.http'), 'utf8'));
      assert.deepEqual(http.blocks.map((b) => [b.name, b.unsupported]), [['seed', undefined], ['chat', undefined], ['post', undefined]]);
      assert.equal((JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>)['streamViewer.demo.port'], 4567);
    });

    it("never overwrites the user's edits, and says when their collection points elsewhere", () => {
      const file = join(dir, COLLECTION_FILE as string);
      const edited = readFileSync(file, 'utf8').replace('"name": "NDJSON"', '"name": "My NDJSON"');
      writeFileSync(file, edited);
      writeFileSync(join(dir, 'README.md'), 'mine\n');
      writeFileSync(join(dir, '.vscode', 'settings.json'), '{\n  // mine\n  "editor.fontSize": 15,\n  "streamViewer.demo.port": 4567\n}\n');
      const notes = prepareSandbox(dir, { demoUrl: 'http://127.0.0.1:3001/', demoPort: 3001 }) as string[];
      assert.equal(readFileSync(file, 'utf8'), edited);
      assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), 'mine\n');
      assert.equal(notes.length, 1);
      assert.match(notes[0]!, /"http:\/\/127\.0\.0\.1:4567".*http:\/\/127\.0\.0\.1:3001/);
      const settings = readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8');
      assert.match(settings, /\/\/ mine\n {2}"editor\.fontSize": 15,\n {2}"streamViewer\.demo\.port": 3001\n/);
    });
  });
});
