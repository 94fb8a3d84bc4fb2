/** The webview's pure parts: query ↔ params sync, the bounded buffer, filters. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WireItem } from '../../src/shared/wire';
import { mergeParams, paramsFromUrl, urlWithParams } from '../../webview/editor/url-params';
import { variableRuns } from '../../src/shared/variable-syntax';
import { BoundedBuffer } from '../../src/shared/bounded-buffer';
import { compileFilter, jsonOf, typeOf } from '../../webview/timeline/filter';

const message = (seq: number, event: string, data: string): WireItem => ({ kind: 'message', format: 'sse', t: seq, offset: 0, event, data, id: '', size: data.length, seq });

describe('URL query and the Params table', () => {
  it('reads the query, keeps {{variables}} readable, and rebuilds the URL from enabled rows', () => {
    assert.deepEqual(paramsFromUrl('http://h/p?a=1&b=x%20y&flag#top'), [
      { name: 'a', value: '1', enabled: true },
      { name: 'b', value: 'x y', enabled: true },
      { name: 'flag', value: '', enabled: true },
    ]);
    const url = urlWithParams('http://h/p?old=1#top', [
      { name: 'q', value: 'a b&c' },
      { name: 'token', value: '{{secret:t}}' },
      { name: 'off', value: '1', enabled: false },
    ]);
    assert.equal(url, 'http://h/p?q=a%20b%26c&token={{secret:t}}#top');
    assert.deepEqual(mergeParams('http://h/?x=2', [{ name: 'x', value: '1' }, { name: 'kept', value: 'v', enabled: false }]), [
      { name: 'x', value: '2', enabled: true },
      { name: 'kept', value: 'v', enabled: false },
    ]);
  });

  it('splits a URL into plain text and {{variables}} for highlighting', () => {
    assert.deepEqual(variableRuns('{{baseUrl}}/v1?k={{ key }}'), [
      { text: '{{baseUrl}}', variable: true },
      { text: '/v1?k=', variable: false },
      { text: '{{ key }}', variable: true },
    ]);
  });
});

describe('the bounded timeline buffer', () => {
  it('keeps the newest items, counts what it dropped, and indexes from the oldest kept', () => {
    const b = new BoundedBuffer<number>(3);
    assert.equal(b.push([1, 2]), 0);
    assert.equal(b.push([3, 4, 5]), 2);
    assert.deepEqual([...b], [3, 4, 5]);
    assert.equal(b.dropped, 2);
    assert.equal(b.at(0), 3);
    b.resize({ maxItems: 2 });
    assert.deepEqual([...b], [4, 5]);
    for (let i = 0; i < 100; i++) b.push([i]);
    assert.deepEqual([...b], [98, 99]);
    assert.equal(b.length, 2);
  });

  it('is bounded by bytes too: one huge item pushes the small ones out, and is itself kept', () => {
    const b = new BoundedBuffer<string>({ maxItems: 1000, maxBytes: 100 }, (s) => s.length);
    b.push(['a'.repeat(40), 'b'.repeat(40)]);
    assert.equal(b.length, 2);
    b.push(['c'.repeat(40)]);
    assert.deepEqual([...b].map((s) => s[0]), ['b', 'c']);
    assert.equal(b.bytes, 80);
    assert.equal(b.droppedBytes, 40);
    b.push(['d'.repeat(500)]);
    assert.deepEqual([...b].map((s) => s[0]), ['d'], 'the newest stays even over the bound');
    assert.equal(b.dropped, 3);
    // Many pushes keep memory flat: the store compacts as it drops.
    for (let i = 0; i < 20_000; i++) b.push(['e'.repeat(30)]);
    assert.equal(b.length, 3);
    assert.equal(b.bytes, 90);
  });
});

describe('timeline filters', () => {
  const items = [message(1, 'message', '{"choices":[{"delta":{"content":"Hi"}}]}'), message(2, 'ping', '{}'), message(3, 'message', 'plain text'), { kind: 'end', t: 4, offset: 0, reason: 'eof', events: 3, bytes: 10, ms: 4 } as WireItem];

  it('filters by type, text, regex and JSONPath on SSE data parsed as JSON', () => {
    const keep = (f: ReturnType<typeof compileFilter>): number[] => (f.ok ? items.filter((i) => f.test(i)).map((i) => i.t) : []);
    assert.deepEqual(keep(compileFilter({ hiddenTypes: new Set([typeOf(items[1]!)]), search: '', regex: false, jsonPath: '' })), [1, 3, 4]);
    assert.deepEqual(keep(compileFilter({ hiddenTypes: new Set(), search: 'PLAIN', regex: false, jsonPath: '' })), [3]);
    assert.deepEqual(keep(compileFilter({ hiddenTypes: new Set(), search: 'content"\\s*:\\s*"H', regex: true, jsonPath: '' })), [1]);
    assert.deepEqual(keep(compileFilter({ hiddenTypes: new Set(), search: '', regex: false, jsonPath: '$.choices[0].delta.content' })), [1]);
    assert.deepEqual(jsonOf(items[0]!), { choices: [{ delta: { content: 'Hi' } }] });
    assert.equal(jsonOf(items[2]!), undefined);
  });

  it('explains an invalid regex or JSONPath instead of filtering', () => {
    const re = compileFilter({ hiddenTypes: new Set(), search: '(', regex: true, jsonPath: '' });
    assert.equal(re.ok, false);
    assert.match(!re.ok ? re.error : '', /Invalid regular expression/);
    const jp = compileFilter({ hiddenTypes: new Set(), search: '', regex: false, jsonPath: '$[?(' });
    assert.match(!jp.ok ? jp.error : '', /Invalid JSONPath/);
  });
});
