/**
 * Postman collections and environments, on real files from newman's
 * repository (test/fixtures/import/README.md) and on small ones made for
 * one rule each.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importRequests } from '../../src/core/import/index';
import { allRequests, fixture, importFixtures, schemaErrors } from './helpers/imports';

/** Items that are requests (not folders) in a Postman item tree. */
function countRequests(items: { item?: unknown[] }[]): number {
  return items.reduce((n, i) => n + (Array.isArray(i.item) ? countRequests(i.item as { item?: unknown[] }[]) : 1), 0);
}

const REAL = ['newman-sample.postman_collection.json', 'newman-echo-v2.postman_collection.json', 'newman-whatwg-url.postman_collection.json', 'newman-inherited-entities.postman_collection.json'];

describe('Postman import of real collections', () => {
  for (const name of REAL) {
    it(`${name}: every request is imported or named in the summary, and the result is a valid collection`, async () => {
      const doc = JSON.parse(readFileSync(fixture(name), 'utf8')) as { item: { item?: unknown[] }[] };
      const { collection, summary } = await importFixtures(name);
      const [source] = summary.sources;
      assert.equal(source!.format, 'postman');
      const unimported = source!.skipped.filter((s) => /no URL|not one a collection can hold|WebSocket|gRPC/.test(s.reason));
      assert.equal(source!.imported + unimported.length, countRequests(doc.item), JSON.stringify(source!.skipped));
      assert.equal(allRequests(collection).length, source!.imported);
      assert.equal(schemaErrors(collection), '');
    });
  }

  it('keeps folders, {{variables}} and disabled query rows; scripts are listed, not dropped', async () => {
    const { collection, summary } = await importFixtures('newman-whatwg-url.postman_collection.json');
    assert.deepEqual(collection.folders?.map((f) => f.name), ['Parsing', 'Encoding', 'On Redirect', 'Disabled Encoding']);
    const disabled = allRequests(collection).find((r) => r.path === 'Parsing/disabled query param')!.request;
    assert.ok(disabled.params?.some((p) => p.enabled === false), JSON.stringify(disabled));
    assert.ok(summary.sources[0]!.skipped.some((s) => s.item === 'Parsing/nested variables' && s.reason === 'test script is not carried over'));
  });

  it('the blank raw URL of a real item is built from its parts', async () => {
    const { collection } = await importFixtures('newman-whatwg-url.postman_collection.json');
    const r = allRequests(collection).find((x) => x.path === 'Parsing/\\\\ in path');
    assert.equal(r?.request.url, 'https://httpbin.org//get');
  });

  it('basic auth and credential form fields become secrets; no password, consumer secret or client secret is left in the file', async () => {
    const { collection, summary } = await importFixtures('newman-echo-v2.postman_collection.json', 'newman-inherited-entities.postman_collection.json');
    const text = JSON.stringify(collection);
    const basic = allRequests(collection).find((r) => r.path === 'Auth: Others/Basic Auth')!.request;
    assert.match(basic.headers!.find((h) => h.name === 'Authorization')!.value, /^Basic \{\{secret:[A-Za-z0-9_]+\}\}$/);
    for (const value of [Buffer.from('postman:password').toString('base64'), 'D+EdQ-gs$-%@2Nu7', '"password"', 'ssh-secret']) {
      assert.ok(!text.includes(value), `${value} is in the collection`);
    }
    assert.ok(summary.secrets.length > 0);
    for (const s of summary.secrets) {
      assert.match(s.env, /^STREAM_VIEWER_SECRET_[A-Z0-9_]+$/);
      assert.ok(text.includes(`{{secret:${s.name}}}`), s.name);
    }
    assert.ok(summary.sources[0]!.skipped.some((s) => s.item === 'Auth: Others/OAuth1.0 Verify Signature' && /oauth1 auth is not carried over/.test(s.reason)));
    assert.ok(summary.sources[0]!.skipped.some((s) => /digest auth/.test(s.reason)));
    // Collection-level basic auth is inherited by the requests under it.
    const inherited = allRequests(collection).find((r) => r.path === 'Collection level stuff/Variables')!.request;
    assert.match(inherited.headers?.find((h) => h.name === 'Authorization')?.value ?? '', /^Basic \{\{secret:/);
  });

  it('collection variables become an environment; an environment file becomes one too', async () => {
    const { collection, summary } = await importFixtures('newman-inherited-entities.postman_collection.json', 'newman-disabled-and-duplicates.postman_environment.json');
    assert.equal(collection.environments?.find((e) => e.name === 'Inherited Entities')?.variables['collection-var'], 'collection level variable');
    const env = collection.environments?.find((e) => e.name === 'disabled-and-duplicates');
    assert.deepEqual(env?.variables, { oneDisabled: '1', duplicate: '2' });
    assert.equal(summary.sources[1]!.format, 'postman-environment');
    assert.equal(schemaErrors(collection), '');
  });

  it('importing the same collection twice adds nothing the second time', async () => {
    const first = await importFixtures('newman-echo-v2.postman_collection.json');
    const text = readFileSync(fixture('newman-echo-v2.postman_collection.json'), 'utf8');
    const second = await importRequests([{ source: 'again', text }], { existing: first.collection });
    assert.equal(second.summary.sources[0]!.imported, 0);
    assert.equal(second.summary.sources[0]!.duplicates, first.summary.sources[0]!.imported);
    assert.deepEqual(second.collection, first.collection);
  });

  it('v2.1 bearer and API-key auth, secret-typed variables, GraphQL, file bodies and WebSocket URLs', async () => {
    const doc = {
      info: { name: 'Mixed', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: { type: 'bearer', bearer: [{ key: 'token', value: 'sk-live-abc123', type: 'string' }] },
      variable: [{ key: 'baseUrl', value: 'https://api.example.com' }, { key: 'apiKey', value: 'k-999' }, { key: 'refToken', value: '{{other}}' }],
      item: [
        { name: 'Chat', request: { method: 'POST', url: { raw: '{{baseUrl}}/chat/:id', variable: [{ key: 'id' }] }, body: { mode: 'raw', raw: '{"stream":true}', options: { raw: { language: 'json' } } } } },
        { name: 'Keyed', request: { method: 'GET', url: '{{baseUrl}}/k', auth: { type: 'apikey', apikey: [{ key: 'key', value: 'x-api-key' }, { key: 'value', value: 'plain-key-1' }, { key: 'in', value: 'header' }] } } },
        { name: 'Query', request: { method: 'POST', url: '{{baseUrl}}/graphql', body: { mode: 'graphql', graphql: { query: '{ me { id } }', variables: '' } } } },
        { name: 'Upload', request: { method: 'POST', url: '{{baseUrl}}/upload', body: { mode: 'file', file: { src: 'a.bin' } } } },
        { name: 'Socket', request: { method: 'GET', url: 'wss://example.com/ws' } },
        { name: 'Purge', request: { method: 'PURGE', url: '{{baseUrl}}/cache' } },
        { name: 'Dynamic', request: { method: 'GET', url: '{{baseUrl}}/u/{{$guid}}?email={{$randomEmail}}&t={{$timestamp}}' } },
      ],
    };
    const { collection, summary } = await importRequests([{ source: 'mixed.json', text: JSON.stringify(doc) }]);
    const text = JSON.stringify(collection);
    for (const secret of ['sk-live-abc123', 'k-999', 'plain-key-1']) assert.ok(!text.includes(secret), secret);
    const byName = new Map(allRequests(collection).map((r) => [r.path, r.request]));
    assert.equal(byName.get('Chat')?.url, '{{baseUrl}}/chat/{{id}}');
    assert.deepEqual(byName.get('Chat')?.body, { kind: 'json', text: '{"stream":true}' });
    assert.deepEqual(byName.get('Chat')?.headers, [{ name: 'Authorization', value: 'Bearer {{secret:token}}' }]);
    assert.deepEqual(byName.get('Keyed')?.headers, [{ name: 'x-api-key', value: '{{secret:x_api_key}}' }]);
    assert.equal(byName.get('Query')?.body?.kind, 'json');
    assert.equal(byName.has('Socket'), false);
    assert.equal(byName.has('Purge'), false);
    const env = collection.environments?.[0]?.variables;
    assert.deepEqual(env, { baseUrl: 'https://api.example.com', apiKey: '{{secret:apiKey}}', refToken: '{{other}}' });
    const reasons = summary.sources[0]!.skipped.map((s) => `${s.item}: ${s.reason}`).join('\n');
    for (const want of [/Query: GraphQL/, /Upload: file body/, /Socket: WebSocket/, /Purge: method PURGE/, /Dynamic: \{\{\$randomEmail\}\} is not generated here/]) assert.match(reasons, want);
    assert.ok(!/\$guid|\$timestamp/.test(reasons), reasons);
    assert.deepEqual(summary.secrets.map((s) => s.env).sort(), ['STREAM_VIEWER_SECRET_APIKEY', 'STREAM_VIEWER_SECRET_TOKEN', 'STREAM_VIEWER_SECRET_X_API_KEY']);
    assert.equal(schemaErrors(collection), '');
  });
});
