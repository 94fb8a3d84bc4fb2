/** Which tests a collection holds, and where each stands in the file (for the Testing view's icons and failures). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCollection } from '../../src/core/collections/parse';
import { listTests, testName } from '../../src/core/testing/cases';
import { locationKey, testOffsets } from '../../src/core/testing/locations';

const TEXT = `\uFEFF{
  "version": 1,
  "requests": [
    { "name": "plain", "method": "GET", "url": "http://x/" },
    {
      "name": "checked", "method": "GET", "url": "http://x/", "expect": { "status": 200 }
    }
  ],
  "flows": [{ "name": "announce", "listen": "plain", "steps": [{ "send": "checked" }] }],
  "folders": [{ "name": "deep", "folders": [{ "name": "er", "requests": [
    { "method": "GET", "name": "inner", "url": "http://x/", "expect": { "status": 200 } }
  ] }] }]
}
`;

describe('tests of a collection', () => {
  it('lists requests with an expect block and flows, depth first, with their folder paths', () => {
    const parsed = parseCollection(TEXT);
    assert.ok(parsed.ok);
    assert.deepEqual(listTests(parsed.collection).map((t) => `${t.kind} ${testName(t.path)}`), ['request checked', 'flow announce', 'request deep/er/inner']);
  });

  it('finds the line of each test\'s "name", a byte order mark counted', () => {
    const offsets = testOffsets(TEXT);
    const lineOf = (key: string): string => {
      const at = offsets.get(key)!;
      return TEXT.slice(TEXT.lastIndexOf('\n', at) + 1, TEXT.indexOf('\n', at));
    };
    assert.match(lineOf(locationKey('request', ['checked'])), /^\s+"name": "checked"/);
    assert.match(lineOf(locationKey('flow', ['announce'])), /"name": "announce"/);
    assert.equal(TEXT.slice(offsets.get(locationKey('request', ['deep', 'er', 'inner']))!).slice(0, 15), '"name": "inner"');
    assert.equal(testOffsets('{ not json').size, 0);
  });
});
