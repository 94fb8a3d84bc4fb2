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

  it('takes everything between two RS as one record: a valid text followed by junk is one invalid record', () => {
    const items = parseEverySplit('json-seq', `${RS}{"a":1}\njunk${RS}{"b":2}\n`);
    assert.deepEqual(records(items), [{ error: '{"a":1}\njunk' }, { json: { b: 2 } }]);
    const error = items.find((i) => i.kind === 'message' && i.error !== undefined);
    assert.match(error?.kind === 'message' ? (error.error ?? '') : '', /^Not valid JSON/);
  });

  it('accepts objects, arrays and strings with no LF before the next RS, and ignores repeated RS', () => {
    const items = parseEverySplit('json-seq', `${RS}{"a":1}${RS}${RS}[1,2]${RS}"s"${RS}\r\n{"b":2}\r\n${RS}`);
    assert.deepEqual(records(items), [{ json: { a: 1 } }, { json: [1, 2] }, { json: 's' }, { json: { b: 2 } }]);
  });

  it('treats a number, true, false or null with no whitespace before the next RS as truncated', () => {
    const items = parseEverySplit('json-seq', `${RS}12${RS}true${RS}null\n${RS}7 ${RS}false`);
    assert.deepEqual(records(items), [{ error: '12' }, { error: 'true' }, { json: null }, { json: 7 }, { error: 'false' }]);
  });

  it('skips a record larger than the limit even when it spans many lines, with one error, and goes on', () => {
    const big = `[\n${Array.from({ length: 40 }, (_, i) => `  ${i},`).join('\n')}\n  0\n]\n`;
    const items = parseEverySplit('json-seq', `${RS}{"a":1}\n${RS}${big}${RS}{"b":2}\n`, { maxRecordBytes: 100 });
    assert.deepEqual(records(items), [{ json: { a: 1 } }, { json: { b: 2 } }]);
    assert.deepEqual(items.filter((i) => i.kind === 'error').map((i) => i.kind === 'error' && i.code), ['too-large']);
  });

  it('skips oversized text before the first RS and still reads the records after it', () => {
    const items = parseEverySplit('json-seq', `${'x'.repeat(150)}\n${RS}{"a":1}\n`, { maxRecordBytes: 100 });
    assert.deepEqual(records(items), [{ json: { a: 1 } }]);
    assert.deepEqual(items.filter((i) => i.kind === 'error').map((i) => i.kind === 'error' && i.code), ['too-large']);
  });
});
