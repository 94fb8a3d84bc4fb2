/** Collection files lose nothing: a BOM is read and kept, same-named requests are reported, never guessed, new files stay inside the workspace. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deleteRequest, insertFolder, insertRequest, renameRequestText, writeRequest } from '../../src/core/collections/edits';
import { collectionFileName } from '../../src/core/collections/file-name';
import { parseCollection } from '../../src/core/collections/parse';
import { lookupRequest } from '../../src/core/collections/tree';

const BOM = '\uFEFF';
const FILE = `{
  "version": 1,
  "requests": [
    { "name": "seed", "method": "GET", "url": "http://h/sse" }
  ]
}
`;

const DUPLICATES = `{
  "version": 1,
  "requests": [
    { "name": "chat", "method": "POST", "url": "http://h/a" },
    { "name": "seed", "method": "GET", "url": "http://h/sse" },
    { "name": "chat", "method": "POST", "url": "http://h/b" }
  ],
  "folders": [
    { "name": "llm", "requests": [ { "name": "seed", "method": "GET", "url": "http://h/llm" } ] },
    { "name": "llm", "requests": [] }
  ]
}
`;

describe('a collection file with a UTF-8 byte order mark', () => {
  it('is read, and every edit keeps the mark and the rest of the file', () => {
    const parsed = parseCollection(BOM + FILE);
    assert.ok(parsed.ok, !parsed.ok ? parsed.error : '');
    assert.equal(parsed.bom, true);
    assert.equal(parsed.indent, '  ');
    assert.equal(parsed.collection.requests?.[0]?.name, 'seed');
    const added = insertRequest(BOM + FILE, [], { name: 'chat', method: 'POST', url: 'http://h/chat' });
    assert.ok(added.text.startsWith(BOM + '{\n  "version": 1,'), JSON.stringify(added.text.slice(0, 20)));
    assert.equal(added.text.indexOf(BOM, 1), -1, 'one mark only');
    const edits = [
      writeRequest(added.text, ['seed'], { name: 'seed', method: 'GET', url: 'http://h/sse?x=1' }),
      renameRequestText(added.text, ['chat'], 'chat 2'),
      deleteRequest(added.text, ['chat']),
      insertFolder(added.text, [], 'events').text,
    ];
    for (const text of edits) {
      assert.ok(text.startsWith(BOM + '{'), JSON.stringify(text.slice(0, 10)));
      assert.ok(parseCollection(text).ok);
    }
    assert.equal(insertRequest(FILE, [], { name: 'x', method: 'GET', url: 'u' }).text.startsWith('{'), true, 'no mark is added to a file without one');
  });
});

describe('requests that share a name', () => {
  it('are reported with the lines of both, for requests and folders', () => {
    const parsed = parseCollection(DUPLICATES);
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.warnings.map((w) => [w.message, w.line, w.jsonPath]),
      [
        ['Two requests are named "chat" (lines 4 and 6): only the first can be opened, run or saved; rename one', 6, ['requests', 2]],
        ['Two folders are named "llm" (lines 9 and 10): only the first can be opened, run or saved; rename one', 10, ['folders', 1]],
      ],
    );
    assert.equal(parsed.warnings[0]!.column, 5);
    const clean = parseCollection(FILE);
    assert.ok(clean.ok);
    assert.deepEqual(clean.warnings, []);
  });

  it('are not resolved to the first one: the lookup lists the candidates', () => {
    const parsed = parseCollection(DUPLICATES);
    assert.ok(parsed.ok);
    const chat = lookupRequest(parsed.collection, 'chat');
    assert.ok('error' in chat);
    assert.equal(chat.error, '"chat" names 2 requests: chat (POST http://h/a), chat (POST http://h/b); rename one of them in the file');
    const seed = lookupRequest(parsed.collection, 'seed');
    assert.ok('path' in seed, 'an exact folder path still names one');
    assert.deepEqual(seed.path, ['seed']);
    const byName = lookupRequest({ version: 1, folders: [{ name: 'a', requests: [{ name: 'x', method: 'GET', url: '1' }] }, { name: 'b', requests: [{ name: 'x', method: 'GET', url: '2' }] }] }, 'x');
    assert.ok('error' in byName);
    assert.match(byName.error, /"x" names 2 requests: a\/x \(GET 1\), b\/x \(GET 2\); name one by its folder path/);
    assert.deepEqual(byName.candidates, ['a/x (GET 1)', 'b/x (GET 2)']);
  });

  it('a name that is not there in a collection of thousands lists the first 20 and how many more', () => {
    const requests = Array.from({ length: 3000 }, (_, i) => ({ name: `r${i}`, method: 'GET', url: `http://h/${i}` }));
    const missing = lookupRequest({ version: 1, requests }, 'nope');
    assert.ok('error' in missing);
    assert.equal(missing.error, `No request "nope". The collection has: ${requests.slice(0, 20).map((r) => r.name).join(', ')}, … and 2980 more`);
    const twice = lookupRequest({ version: 1, requests: requests.map((r) => ({ ...r, name: 'same' })) }, 'same');
    assert.ok('error' in twice);
    assert.match(twice.error, /^"same" names 3000 requests: same \(GET http:\/\/h\/0\), .*, … and 2980 more; rename one of them in the file$/);
    assert.equal(twice.candidates?.length, 3000);
  });

  it('are never overwritten by a save, and a save under a taken name is refused when asked', () => {
    assert.throws(() => writeRequest(DUPLICATES, ['chat'], { name: 'chat', method: 'GET', url: 'x' }), /2 requests are named "chat" in this file: rename one/);
    assert.throws(() => insertRequest(FILE, [], { name: 'seed', method: 'GET', url: 'x' }, 'refuse'), /A request named "seed" already exists/);
    assert.deepEqual(insertRequest(FILE, [], { name: 'seed', method: 'GET', url: 'x' }).path, ['seed 2'], 'duplicate and move still pick a free name');
  });
});

describe('the file name of a new collection', () => {
  it('stays inside the workspace and ends in .streams.json', () => {
    assert.deepEqual(collectionFileName('api'), { ok: true, path: 'api.streams.json', name: 'api' });
    assert.deepEqual(collectionFileName('team/api.streams.json'), { ok: true, path: 'team/api.streams.json', name: 'api' });
    for (const bad of ['../evil', 'a/../../evil', '..', '/etc/evil', 'C:/evil', 'a\\..\\evil', '', '  ', 'a//b', './a', '.streams.json', 'a\u0000b']) {
      const r = collectionFileName(bad);
      assert.equal(r.ok, false, bad);
    }
    const up = collectionFileName('../evil');
    assert.match(!up.ok ? up.error : '', /leave the workspace/);
  });
});
