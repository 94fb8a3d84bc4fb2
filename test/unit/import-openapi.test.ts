/**
 * OpenAPI import, on a real excerpt of OpenAI's spec
 * (test/fixtures/import/README.md) and on small 3.1/3.2 descriptions made
 * for the streaming media types, server variables and references.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { importRequests } from '../../src/core/import/index';
import type { RequestBody } from '../../src/core/spec';
import { allRequests, fixture, importFixtures, schemaErrors } from './helpers/imports';

const OPENAI = 'openai-openapi.excerpt.yaml';

/** The text of a JSON body (fails the test for any other kind). */
function jsonText(body: RequestBody | undefined): string {
  assert.equal(body?.kind, 'json');
  return body.kind === 'json' ? body.text : '';
}
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

describe('OpenAPI import of OpenAI’s spec (excerpt)', () => {
  it('imports every operation, one folder per tag, into a valid collection', async () => {
    const spec = parse(readFileSync(fixture(OPENAI), 'utf8')) as { paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };
    const operations = Object.values(spec.paths).flatMap((item) => METHODS.filter((m) => item[m]).map((m) => `${item[m]!.tags[0]}/${item[m]!.operationId}`));
    const { collection, summary } = await importFixtures(OPENAI);
    assert.equal(summary.sources[0]!.format, 'openapi');
    assert.deepEqual(allRequests(collection).map((r) => r.path).sort(), operations.sort());
    assert.equal(schemaErrors(collection), '');
    assert.deepEqual(collection.environments, [{ name: 'server1', variables: { baseUrl: 'https://api.openai.com/v1' } }]);
  });

  it('the streaming chat completion is an SSE request whose example body asks for a stream', async () => {
    const { collection } = await importFixtures(OPENAI);
    const chat = allRequests(collection).find((r) => r.path === 'Chat/createChatCompletion')!.request;
    assert.equal(chat.method, 'POST');
    assert.equal(chat.url, '{{baseUrl}}/chat/completions');
    assert.deepEqual(chat.settings, { format: 'sse' });
    assert.equal(chat.body?.kind, 'json');
    const body = JSON.parse(jsonText(chat.body)) as { model: unknown; messages: unknown[]; stream: unknown };
    assert.equal(body.stream, true);
    assert.equal(typeof body.model, 'string');
    assert.ok(Array.isArray(body.messages) && body.messages.length === 1);
    assert.deepEqual(chat.headers, [{ name: 'Authorization', value: 'Bearer {{secret:ApiKeyAuth}}' }]);
    // Operations that only answer JSON are not marked as streams.
    assert.equal(allRequests(collection).find((r) => r.path === 'Models/listModels')?.request.settings, undefined);
  });

  it('path parameters become {{variables}}, optional query parameters are rows switched off; the secret is reported once', async () => {
    const { collection, summary } = await importFixtures(OPENAI);
    const get = allRequests(collection).find((r) => r.path === 'Chat/getChatCompletion')!.request;
    assert.equal(get.url, '{{baseUrl}}/chat/completions/{{completion_id}}');
    const list = allRequests(collection).find((r) => r.path === 'Chat/listChatCompletions')!.request;
    assert.ok(list.params!.length > 0 && list.params!.every((p) => p.enabled === false));
    assert.deepEqual(summary.secrets.map((s) => s.env), ['STREAM_VIEWER_SECRET_APIKEYAUTH']);
  });
});

const SMALL = `
openapi: 3.2.0
info: { title: Streams, version: '1' }
servers:
  - url: https://{region}.example.com/api
    description: Production
    variables: { region: { default: eu } }
  - url: http://127.0.0.1:3001
tags: [{ name: Events }]
paths:
  /events:
    get:
      tags: [Events]
      operationId: events
      responses: { '200': { content: { text/event-stream: { itemSchema: { $ref: '#/components/schemas/Event' } } } } }
  /logs:
    get:
      operationId: logs
      responses: { '200': { content: { application/jsonl: { schema: { type: string } } } } }
  /ndjson/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    post:
      operationId: ndjson
      parameters: [{ name: X-Api-Key, in: header, required: true, example: literal-key-42 }, { name: limit, in: query, required: true, schema: { type: integer, default: 10 } }]
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Tree' } } } }
      responses: { '200': { content: { application/x-ndjson: { schema: { type: string } } } } }
  /seq:
    get:
      operationId: seq
      responses: { '200': { content: { application/json-seq: { schema: { type: string } } } } }
  /items:
    get:
      operationId: items
      responses: { '200': { content: { application/x-custom: { itemSchema: { type: object } } } } }
    query:
      operationId: searchItems
  /external:
    get:
      operationId: external
      requestBody: { content: { application/json: { schema: { $ref: 'http://127.0.0.1:9/never.json' } } } }
webhooks:
  newEvent: { post: { responses: { '200': { description: ok } } } }
components:
  schemas:
    Event: { type: object, properties: { id: { type: string } } }
    Tree:
      type: object
      required: [name, children]
      properties:
        name: { type: string, example: root }
        children: { type: array, items: { $ref: '#/components/schemas/Tree' } }
`;

describe('OpenAPI 3.2 streams, servers and references', () => {
  it('marks each streaming media type (and itemSchema) with its format', async () => {
    const { collection, summary } = await importRequests([{ source: 'small.yaml', text: SMALL }]);
    assert.equal(schemaErrors(collection), '');
    const format = new Map(allRequests(collection).map((r) => [r.request.name, r.request.settings?.format]));
    assert.deepEqual(Object.fromEntries(format), { events: 'sse', logs: 'ndjson', ndjson: 'ndjson', seq: 'json-seq', items: 'auto', external: undefined });
    const reasons = summary.sources[0]!.skipped.map((s) => `${s.item}: ${s.reason}`).join('\n');
    assert.match(reasons, /searchItems: method QUERY/);
    assert.match(reasons, /webhook newEvent/);
  });

  it('servers become environments with short names (the description slugged, else serverN) and baseUrl (variables at their defaults)', async () => {
    const { collection } = await importRequests([{ source: 'small.yaml', text: SMALL }]);
    assert.deepEqual(collection.environments, [
      { name: 'production', variables: { baseUrl: 'https://eu.example.com/api' } },
      { name: 'server2', variables: { baseUrl: 'http://127.0.0.1:3001' } },
    ]);
  });

  it('two servers with one description get told apart; the name is typed after --env, so it stays short', async () => {
    const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, servers: [{ url: 'https://a.example', description: 'Production (EU) — main\nmore text' }, { url: 'https://b.example', description: 'Production (EU) — main' }, { url: 'https://c.example' }], paths: {} };
    const { collection } = await importRequests([{ source: 'd.json', text: JSON.stringify(doc) }]);
    assert.deepEqual(collection.environments?.map((e) => [e.name, e.variables.baseUrl]), [['production-eu-main', 'https://a.example'], ['production-eu-main-2', 'https://b.example'], ['server3', 'https://c.example']]);
  });

  it('resolves local $refs (a recursive one ends), header credentials become secrets, parameters at path level apply', async () => {
    const { collection } = await importRequests([{ source: 'small.yaml', text: SMALL }]);
    const r = allRequests(collection).find((x) => x.request.name === 'ndjson')!.request;
    assert.equal(r.url, '{{baseUrl}}/ndjson/{{id}}');
    assert.deepEqual(r.params, [{ name: 'limit', value: '10' }]);
    assert.deepEqual(r.headers, [{ name: 'X-Api-Key', value: '{{secret:X_Api_Key}}' }]);
    assert.ok(!JSON.stringify(collection).includes('literal-key-42'));
    const body = JSON.parse(jsonText(r.body)) as { name: string; children: unknown[] };
    assert.equal(body.name, 'root');
    assert.ok(Array.isArray(body.children));
  });
});
