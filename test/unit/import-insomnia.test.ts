/**
 * Insomnia import, on real exports from Insomnia's own repository
 * (test/fixtures/import/README.md), v4 as JSON and as YAML, and a small v5
 * YAML file made here (no public v5 export was found).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { importRequests } from '../../src/core/import/index';
import { allRequests, fixture, importFixtures, schemaErrors } from './helpers/imports';

const REAL = ['insomnia-inso-v4.json', 'insomnia-smoke-environments.yaml', 'insomnia-smoke-test-collection.yaml', 'insomnia-smoke-websockets.yaml'];

describe('Insomnia import of real exports', () => {
  for (const name of REAL) {
    it(`${name}: every HTTP request is imported, the others are named in the summary`, async () => {
      const doc = parse(readFileSync(fixture(name), 'utf8')) as { resources: { _type: string }[] };
      const http = doc.resources.filter((r) => r._type === 'request').length;
      const other = doc.resources.filter((r) => r._type === 'websocket_request' || r._type === 'grpc_request').length;
      const { collection, summary } = await importFixtures(name);
      assert.equal(summary.sources[0]!.format, 'insomnia');
      assert.equal(summary.sources[0]!.imported + summary.sources[0]!.duplicates, http);
      assert.equal(summary.sources[0]!.skipped.filter((s) => /WebSocket|gRPC/.test(s.reason)).length, other);
      assert.equal(schemaErrors(collection), '');
    });
  }

  it('the base environment under each sub-environment, nested data flattened', async () => {
    const { collection } = await importFixtures('insomnia-smoke-environments.yaml');
    const a = collection.environments?.find((e) => e.name === 'ExampleA')?.variables;
    assert.equal(a?.exampleString, 'subenvA0');
    assert.equal(a?.['exampleObject.anotherString'], 'subenvA1');
    assert.equal(a?.exampleNumber, '1111');
  });

  it('basic auth (and the same credential in a disabled header) becomes one secret; no password or token is left', async () => {
    const { collection, summary } = await importFixtures('insomnia-smoke-test-collection.yaml');
    const r = allRequests(collection).find((x) => x.request.name === 'sends request with basic authentication')!.request;
    const auths = r.headers!.filter((h) => h.name === 'Authorization');
    assert.ok(auths.length > 0 && auths.every((h) => /^Basic \{\{secret:[A-Za-z0-9_]+\}\}$/.test(h.value)), JSON.stringify(auths));
    assert.ok(!JSON.stringify(collection).includes('dXNlcjpwYXNz'));
    assert.equal(summary.secrets.length, 1);
    assert.match(summary.secrets[0]!.hint ?? '', /^base64 of "user:/);
  });

  it('request groups become folders and {{ _.name }} becomes {{name}}', async () => {
    const { collection } = await importFixtures('insomnia-inso-v4.json');
    assert.ok((collection.folders ?? []).length > 0);
    const text = JSON.stringify(collection);
    assert.ok(!/\{\{\s*_\./.test(text), 'an Insomnia {{ _.x }} reference is left');
  });

  it('a v5 YAML export: folders from children, environments, bearer token as a secret, scripts reported', async () => {
    const v5 = `type: collection.insomnia.rest/5.0
name: Streams v5
collection:
  - name: LLM
    children:
      - name: Chat
        method: POST
        url: "{{ _.base_url }}/v1/chat/completions"
        body: { mimeType: application/json, text: '{"stream": true}' }
        authentication: { type: bearer, token: sk-v5-literal }
        scripts: { preRequest: "insomnia.environment.set('a', 1)" }
environments:
  name: Base Environment
  data: { base_url: "http://127.0.0.1:3001" }
  subEnvironments:
    - name: Prod
      data: { base_url: "https://api.example.com", api_token: prod-secret-9 }
`;
    const { collection, summary } = await importRequests([{ source: 'v5.yaml', text: v5 }]);
    assert.equal(schemaErrors(collection), '');
    const [r] = allRequests(collection);
    assert.equal(r!.path, 'LLM/Chat');
    assert.equal(r!.request.url, '{{base_url}}/v1/chat/completions');
    assert.deepEqual(r!.request.headers, [{ name: 'Authorization', value: 'Bearer {{secret:token}}' }]);
    assert.deepEqual(collection.environments, [{ name: 'Prod', variables: { base_url: 'https://api.example.com', api_token: '{{secret:api_token}}' } }]);
    const text = JSON.stringify(collection);
    assert.ok(!text.includes('sk-v5-literal') && !text.includes('prod-secret-9'));
    assert.ok(summary.sources[0]!.skipped.some((s) => s.item === 'LLM/Chat' && /scripts/.test(s.reason)));
  });
});
