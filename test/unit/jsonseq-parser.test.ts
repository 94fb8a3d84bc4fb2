import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEverySplit, type Collected } from './helpers/feed';

const RS = '\u001e';
const records = (items: Collected) => items.flatMap((i) => (i.kind === 'message' ? [i.error === undefined ? { json: i.json } : { error: i.data }] : []));

describe('JSON text sequence parser, RFC 7464 (any chunking)', () => {
  it('reads RS-prefixed records, including one pretty-printed over lines', () => {
    const items = parseEverySplit('json-seq', `${RS}{"a":1}\n${RS}{\n  "b": [1,\n 2]\n}\n${RS}"s"\n`);
    assert.deepEqual(records(items), [{ json: { a: 1 } }, { json: { b: [1, 2] } }, { json: 's' }]);
  });

  it('reports a record that never parses when the next RS arrives, and goes on', () => {
    const items = parseEverySplit('json-seq', `${RS}{"a":\n${RS}{"b":2}\n`);
    assert.deepEqual(records(items), [{ error: '{"a":' }, { json: { b: 2 } }]);
  });

  it('treats a number cut off without its LF as possibly truncated (§2.4)', () => {
    const items = parseEverySplit('json-seq', `${RS}{"a":1}\n${RS}123`);
    assert.deepEqual(records(items), [{ json: { a: 1 } }, { error: '123' }]);
    const object = parseEverySplit('json-seq', `${RS}{"a":1}`);
    assert.deepEqual(records(object), [{ json: { a: 1 } }]);
  });

  it('says so when text comes before the first RS', () => {
    const items = parseEverySplit('json-seq', `junk\n${RS}{"a":1}\n`);
    assert.deepEqual(records(items), [{ json: { a: 1 } }]);
    assert.deepEqual(items.filter((i) => i.kind === 'error').map((i) => i.kind === 'error' && i.body), ['junk']);
  });
});
