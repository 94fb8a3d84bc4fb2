/**
 * HAR import, on real files from grafana/har-to-k6
 * (test/fixtures/import/README.md): every entry becomes a request, the
 * headers a client sets itself are left out, credentials become secrets.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importRequests } from '../../src/core/import/index';
import { allRequests, fixture, importFixtures, schemaErrors } from './helpers/imports';

const REAL = ['har-to-k6-full.har', 'har-to-k6-multipart-formdata.har', 'har-to-k6-pseudo-headers.har'];
type Har = { log: { entries: { request: Record<string, unknown>; response?: Record<string, unknown> }[] } };
const read = (name: string): Har => JSON.parse(readFileSync(fixture(name), 'utf8')) as Har;

describe('HAR import of real files', () => {
  for (const name of REAL) {
    it(`${name}: every entry becomes a request in a valid collection`, async () => {
      const { collection, summary } = await importFixtures(name);
      assert.equal(summary.sources[0]!.format, 'har');
      assert.equal(summary.sources[0]!.imported, read(name).log.entries.length, JSON.stringify(summary.sources[0]));
      assert.equal(allRequests(collection).length, read(name).log.entries.length);
      assert.equal(schemaErrors(collection), '');
    });
  }

  it('drops HTTP/2 pseudo-headers and keeps the Authorization scheme with its credential as a secret', async () => {
    const { collection, summary } = await importFixtures('har-to-k6-pseudo-headers.har');
    const [r] = allRequests(collection);
    assert.equal(r!.path, 'test.loadimpact.com/GET /path');
    assert.ok(r!.request.headers!.every((h) => !h.name.startsWith(':')), JSON.stringify(r!.request.headers));
    const auth = r!.request.headers!.find((h) => h.name === 'Authorization')!;
    assert.match(auth.value, /\{\{secret:[A-Za-z0-9_]+\}\}/);
    const original = read('har-to-k6-pseudo-headers.har').log.entries[0]!.request.headers as { name: string; value: string }[];
    const token = original.find((h) => h.name === 'Authorization')!.value.replace(/^\w+\s+/, '');
    assert.ok(!JSON.stringify(collection).includes(token));
    assert.equal(summary.secrets.length, 1);
  });

  it('POSTs to one URL with different bodies stay apart; a form password becomes a secret', async () => {
    const { collection } = await importFixtures('har-to-k6-full.har');
    const posts = allRequests(collection).filter((r) => r.request.url === 'https://httpbin.org/post');
    assert.equal(posts.length, 3);
    assert.deepEqual(posts.map((p) => p.request.body?.kind), ['raw', 'raw', 'form']);
    // Told apart the way Duplicate names a copy, so `stream-viewer run` can name each.
    assert.deepEqual(posts.map((p) => p.request.name), ['POST /post', 'POST /post 2', 'POST /post 3']);
    const login = allRequests(collection).find((r) => r.request.url === 'http://test.k6.io/login')!.request;
    assert.deepEqual(login.body, { kind: 'form', fields: [{ name: 'username', value: 'admin' }, { name: 'password', value: '{{secret:password}}' }] });
  });

  it('multipart file fields are named in the summary', async () => {
    const { summary } = await importFixtures('har-to-k6-multipart-formdata.har');
    assert.ok(summary.sources[0]!.skipped.some((s) => s.item === 'test.k6.io/POST /image' && /"file" is a file/.test(s.reason)), JSON.stringify(summary.sources[0]!.skipped));
  });

  it('a streaming response (added here to a real entry) sets the request format', async () => {
    const har = read('har-to-k6-full.har');
    const kinds = ['text/event-stream', 'application/x-ndjson; charset=utf-8', 'application/json-seq', 'application/json'];
    har.log.entries = kinds.map((mimeType, i) => ({ ...har.log.entries[1]!, request: { ...har.log.entries[1]!.request, url: `https://httpbin.org/stream/${i}` }, response: { status: 200, content: { mimeType } } }));
    const { collection } = await importRequests([{ source: 'stream.har', text: JSON.stringify(har) }]);
    assert.deepEqual(allRequests(collection).map((r) => r.request.settings?.format), ['sse', 'ndjson', 'json-seq', undefined]);
    assert.equal(schemaErrors(collection), '');
  });

  it('importing the same HAR twice adds nothing', async () => {
    const first = await importFixtures('har-to-k6-full.har');
    const again = await importRequests([{ source: 'again', text: readFileSync(fixture('har-to-k6-full.har'), 'utf8') }], { existing: first.collection });
    assert.equal(again.summary.sources[0]!.imported, 0);
    assert.deepEqual(again.collection, first.collection);
  });
});
