/** The parser's problems located in a collection file's text, as the editor underlines them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BOM, parseCollection } from '../../src/core/collections/parse';
import { locateProblems } from '../../src/core/collections/problem-locations';

/** What each problem underlines, by the start of its message. */
function underlined(text: string): Record<string, string> {
  const parsed = parseCollection(text);
  assert.equal(parsed.ok, false);
  const problems = parsed.ok ? [] : parsed.problems ?? [];
  return Object.fromEntries(locateProblems(text, problems).map((l) => [l.message.replace(/ \(known:.*$|: .*$/, ''), text.slice(l.offset, l.offset + l.length)]));
}

describe('problems in the file', () => {
  const collection = {
    version: 1,
    requests: [
      { name: 'a.b "x"', method: 'GET', url: 'http://x/', expect: { staus: 200, events: { min: 5, max: 1 } } },
      { name: 'b', url: 'http://x/', expect: { jsonPath: [{ path: '$.[[' }, { path: '$.x', on: 'first' }] } },
    ],
    folders: [{ name: 'f', requests: [{ name: 'c', method: 'GET', url: 'u', expect: {} }] }],
    flows: [{ name: 'f', listen: 'a', steps: [{ send: 'a', expectEvent: { within: 5 } }] }],
  };

  it('points each problem at its key, value or the "name" line of its request', () => {
    const text = JSON.stringify(collection, null, 2);
    assert.deepEqual(underlined(text), {
      'requests[0] "a.b "x"".expect has an unknown key "staus"': '"staus"',
      'requests[0] "a.b "x"".expect.events.min (5) is more than its max (1)': '"min": 5',
      'requests[1] "b" needs a "method"': '"name": "b"',
      'requests[1] "b".expect.jsonPath[0].path "$.[[" is not valid JSONPath': '"path": "$.[["',
      'requests[1] "b".expect.jsonPath[1].on must be each, any or last': '"on": "first"',
      'folders[0] "f".requests[0] "c".expect has no checks': '"expect": {}',
      'flows[0] "f".steps[0].expectEvent has an unknown key "within"': '"within"',
    });
  });

  it('counts a byte order mark, and puts a problem it cannot place at the top', () => {
    const text = `${BOM}${JSON.stringify(collection)}`;
    assert.equal(underlined(text)['requests[1] "b".expect.jsonPath[1].on must be each, any or last'], '"on":"first"');
    assert.equal(locateProblems('{ "version": 1 }', ['requests[0] "r" needs a "url"'])[0]!.offset, 0, 'a path the file does not have: the top of the file');
  });
});
