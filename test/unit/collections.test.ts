import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Collection } from '../../src/core/collections/model';
import { parseCollection } from '../../src/core/collections/parse';
import { createResolver } from '../../src/core/collections/resolver';
import { maskSecrets } from '../../src/core/secrets/mask';
import { findRequest, fromSpec, listRequests, lookupRequest, toSpec } from '../../src/core/collections/tree';
import { resolveSpec } from '../../src/core/variables';
import { deleteFolder, deleteRequest, insertFolder, insertRequest, renameRequestText, writeRequest } from '../../src/core/collections/edits';

const FILE = `{
    "version": 1,
    "name": "LLM streams",
    "environments": [
        { "name": "local", "variables": { "host": "127.0.0.1:3001", "baseUrl": "http://{{host}}" } }
    ],
    "requests": [
        { "name": "chat", "method": "POST", "url": "{{baseUrl}}/v1/chat/completions", "headers": [ { "name": "Authorization", "value": "Bearer {{secret:OPENAI}}" } ], "body": { "kind": "json", "text": "{\\"stream\\":true}" } }
    ],
    "folders": [
        { "name": "events", "requests": [ { "url": "{{baseUrl}}/sse", "method": "GET", "name": "seed" } ] }
    ]
}
`;

describe('collection files', () => {
  it('edits one request and leaves every other byte of the file as the user wrote it', () => {
    const edited = writeRequest(FILE, ['events', 'seed'], { name: 'seed', method: 'GET', url: '{{baseUrl}}/sse?count=3', settings: { timeoutMs: 5000 } });
    const before = FILE.split('\n');
    const after = edited.split('\n');
    // Everything up to the folders block is untouched, inline objects included.
    const untouched = before.findIndex((l) => l.includes('"folders"'));
    assert.deepEqual(after.slice(0, untouched + 1), before.slice(0, untouched + 1));
    const parsed = parseCollection(edited);
    assert.ok(parsed.ok);
    const seed = parsed.collection.folders![0]!.requests![0]!;
    assert.deepEqual(Object.keys(seed), ['url', 'method', 'name', 'settings'], 'the file\'s key order is kept; new keys go last');
    assert.equal(seed.url, '{{baseUrl}}/sse?count=3');
    assert.ok(edited.endsWith('}\n'));
  });

  it('inserts, renames and deletes with minimal text changes', () => {
    const added = insertRequest(FILE, ['events'], { name: 'seed', method: 'GET', url: '{{baseUrl}}/sse/seed-bug' });
    assert.deepEqual(added.path, ['events', 'seed 2']);
    assert.ok(added.text.startsWith(FILE.slice(0, FILE.indexOf('"folders"'))));
    const renamed = renameRequestText(added.text, ['events', 'seed 2'], 'seed bug');
    assert.throws(() => renameRequestText(renamed, ['events', 'seed bug'], 'seed'), /already exists/);
    const folder = insertFolder(renamed, [], 'llm');
    const removed = deleteRequest(folder.text, ['chat']);
    const c = parseCollection(removed);
    assert.ok(c.ok);
    assert.deepEqual(listRequests(c.collection).map((r) => r.path.join('/')), ['events/seed', 'events/seed bug']);
    assert.deepEqual(c.collection.folders!.map((f) => f.name), ['events', 'llm']);
    assert.equal(deleteFolder(FILE, ['events']).includes('"seed"'), false);
  });

  it('writes a changed request in place and keeps its key order', () => {
    const edited = writeRequest(FILE, ['events', 'seed'], { name: 'seed', method: 'GET', url: 'x', settings: { timeoutMs: 1 } });
    assert.match(edited, /"url": "x",\s*"method": "GET",\s*"name": "seed",\s*"settings"/);
  });

  it('never throws on a broken or hand-edited file, and says where', () => {
    const bad = parseCollection('{\n  "version": 1,\n  "requests": [ { "name": "x", }\n]}');
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.error : '', /Not valid JSON.*line 3/);
    assert.match(!(parseCollection('{"version":2}').ok) ? 'ok' : '', /ok/);
    const missing = parseCollection('{"version":1,"requests":[{"name":"a","method":"GET"}]}');
    assert.equal(!missing.ok && missing.error, 'requests[0] "a" needs a "url"');
    const badHeader = parseCollection('{"version":1,"folders":[{"name":"f","requests":[{"name":"a","method":"GET","url":"x","headers":[{"name":1}]}]}]}');
    assert.match(!badHeader.ok ? badHeader.error : '', /headers\[0\]/);
  });

  it('adds, renames, duplicates, moves and deletes requests by path', () => {
    const paths = (text: string): string[] => {
      const c = parseCollection(text);
      assert.ok(c.ok);
      return listRequests(c.collection).map((r) => r.path.join('/'));
    };
    let a = FILE;
    let b = '{"version":1}\n';
    assert.deepEqual(paths(a), ['chat', 'events/seed']);
    const chat = toSpec(findRequest((parseCollection(a) as { collection: Collection }).collection, ['chat'])!);
    const copy = insertRequest(a, [], fromSpec('chat copy', chat.spec, chat.settings));
    assert.deepEqual(copy.path, ['chat copy']);
    a = renameRequestText(copy.text, ['chat copy'], 'chat 2');
    assert.deepEqual(paths(a), ['chat', 'chat 2', 'events/seed']);
    assert.throws(() => renameRequestText(a, ['chat 2'], 'chat'), /already exists/);
    b = insertFolder(b, [], 'moved').text;
    // A move is an insert into the target, then a delete from the source.
    const moved = insertRequest(b, ['moved'], fromSpec('chat 2', chat.spec, chat.settings));
    assert.deepEqual(moved.path, ['moved', 'chat 2']);
    b = moved.text;
    a = deleteRequest(a, ['chat 2']);
    const target = (parseCollection(b) as { collection: Collection }).collection;
    assert.equal(findRequest(target, ['moved', 'chat 2'])?.method, 'POST');
    a = deleteRequest(a, ['events', 'seed']);
    assert.deepEqual(paths(a), ['chat']);
    assert.deepEqual(lookupRequest(target, 'chat 2'), { path: ['moved', 'chat 2'], request: findRequest(target, ['moved', 'chat 2']) });
    assert.match((lookupRequest(target, 'nope') as { error: string }).error, /No request "nope"/);
  });

  it('converts between saved requests and the editor, leaving defaults out of the file', () => {
    const saved = fromSpec('x', { method: 'GET', url: 'http://h/', params: [], headers: [], body: { kind: 'none' } }, { format: 'auto', reconnect: { enabled: false }, followRedirects: true });
    assert.deepEqual(saved, { name: 'x', method: 'GET', url: 'http://h/' });
    const back = toSpec({ ...saved, settings: { timeoutMs: 100 } });
    assert.equal(back.settings.timeoutMs, 100);
  });

  it('ships a JSON schema that names every field the parser accepts', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'streams.schema.json'), 'utf8')) as { definitions: { request: { properties: Record<string, unknown> } } };
    assert.deepEqual(Object.keys(schema.definitions.request.properties).sort(), ['body', 'expect', 'headers', 'mcp', 'method', 'name', 'params', 'settings', 'url']);
  });
});

describe('variables, environments and secrets', () => {
  it('resolves nested variables, --var overrides, built-ins and secrets; reports what is missing', () => {
    const parsed = parseCollection(FILE);
    assert.ok(parsed.ok);
    const resolver = createResolver({
      environment: parsed.collection.environments![0]!.variables,
      overrides: { host: 'localhost:9999' },
      secret: (name) => (name === 'OPENAI' ? 'sk-test-123456' : undefined),
      processEnv: { HOME: '/home/me' },
    });
    const { spec, missing } = resolveSpec(toSpec(parsed.collection.requests![0]!).spec, resolver.lookup);
    assert.deepEqual(missing, []);
    assert.equal(spec.url, 'http://localhost:9999/v1/chat/completions');
    assert.equal(spec.headers![0]!.value, 'Bearer sk-test-123456');
    assert.deepEqual(resolver.secretsUsed(), ['sk-test-123456']);
    assert.match(resolver.lookup('$uuid')!, /^[0-9a-f-]{36}$/);
    assert.match(resolver.lookup('$timestamp')!, /^\d{10}$/);
    assert.equal(resolver.lookup('$env:HOME'), '/home/me');
    assert.equal(resolver.lookup('secret:OTHER'), undefined);
    const cyclic = createResolver({ environment: { a: '{{b}}', b: '{{a}}' } });
    assert.deepEqual(resolveSpec({ method: 'GET', url: '{{a}}/{{nope}}' }, cyclic.lookup).missing, ['a', 'nope']);
  });

  it('masks secret values wherever they would show', () => {
    assert.equal(maskSecrets('Authorization: Bearer sk-test-123456 and again sk-test-123456', ['sk-test-123456']), 'Authorization: Bearer •••••• and again ••••••');
  });
});
