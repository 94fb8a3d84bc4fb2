import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesOf, parse, parseEverySplit, type Collected } from './helpers/feed';

const records = (items: Collected) =>
  items.flatMap((i) => (i.kind === 'message' ? [{ data: i.data, json: i.json, error: i.error === undefined ? undefined : 'error' }] : []));

describe('NDJSON / JSON Lines parser (any chunking)', () => {
  it('reads LF and CRLF lines, skips blank lines, keeps a last line without newline', () => {
    const items = parseEverySplit('ndjson', '{"a":1}\n\r\n{"b":[2,3]}\r\n\n  \n{"c":"last"}');
    assert.deepEqual(records(items), [
      { data: '{"a":1}', json: { a: 1 }, error: undefined },
      { data: '{"b":[2,3]}', json: { b: [2, 3] }, error: undefined },
      { data: '{"c":"last"}', json: { c: 'last' }, error: undefined },
    ]);
    assert.equal(items.filter((i) => i.kind === 'error').length, 0);
  });

  it('reports a line that is not JSON on its own row and goes on', () => {
    const items = parseEverySplit('ndjson', '{"ok":1}\n{"broken":\n{"ok":2}\n');
    const got = records(items);
    assert.equal(got.length, 3);
    assert.equal(got[1]!.data, '{"broken":');
    assert.equal(got[1]!.error, 'error');
    assert.deepEqual(got[2]!.json, { ok: 2 });
  });

  it('drops a leading BOM and keeps multi-byte characters whole', () => {
    const items = parseEverySplit('ndjson', '\uFEFF{"t":"哈喽 😀"}\n{"t":"é"}\n');
    assert.deepEqual(records(items).map((r) => r.json), [{ t: '哈喽 😀' }, { t: 'é' }]);
    const first = items.find((i) => i.kind === 'message');
    assert.equal(first?.kind === 'message' && first.size, Buffer.byteLength('{"t":"哈喽 😀"}'));
  });

  it('flags invalid UTF-8 in a record and still shows it', () => {
    const bytes = new Uint8Array([...bytesOf('{"t":"a'), 0xc3, 0x28, ...bytesOf('"}\n{"t":"b"}\n')]);
    const items = parseEverySplit('ndjson', bytes);
    assert.deepEqual(records(items).map((r) => r.json), [{ t: 'a\uFFFD(' }, { t: 'b' }]);
    assert.equal(items.filter((i) => i.kind === 'error' && i.code === 'invalid-utf8').length, 1);
  });

  it('skips a line over the size limit with one error, then goes on', () => {
    const input = `{"n":1}\n{"big":"${'x'.repeat(300)}"}\n{"n":2}\n`;
    const items = parseEverySplit('ndjson', input, { maxRecordBytes: 100 });
    assert.deepEqual(records(items).map((r) => r.json), [{ n: 1 }, { n: 2 }]);
    assert.deepEqual(items.filter((i) => i.kind === 'error').map((i) => i.kind === 'error' && i.code), ['too-large']);
  });

  it('gives the same records from long ASCII chunks (decoded once per chunk) as from short ones', () => {
    const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(i * 3) }));
    const input = `${lines.slice(0, 5).join('\n')}\r\n\n${lines.slice(5, 8).join('\n')}\n{"t":"哈喽"}\n${lines.slice(8).join('\n')}\n{"bad":`;
    const items = parseEverySplit('ndjson', input, { keepOffsets: false });
    const got = records(items);
    assert.equal(got.length, 14);
    assert.deepEqual(got[8]!.json, { t: '哈喽' });
    assert.equal(got[13]!.error, 'error');
    const sizes = items.filter((i) => i.kind === 'message').map((i) => (i.kind === 'message' ? i.size : 0));
    assert.deepEqual(sizes.slice(0, 3), lines.slice(0, 3).map((l) => l.length));
    const { items: whole } = parse('ndjson', [bytesOf(input)]);
    assert.deepEqual(whole.filter((i) => i.kind === 'message').map((i) => i.offset).slice(0, 2), [lines[0]!.length + 1, lines[0]!.length + lines[1]!.length + 2]);
  });

  it('gives each record the byte offset just past its newline', () => {
    const { items } = parse('ndjson', [bytesOf('{"a":1}\n{"b":2}\n')]);
    assert.deepEqual(items.map((i) => i.offset), [8, 16]);
  });

  it('reads a long line that arrives a byte at a time (merged into runs while it waits for its newline)', () => {
    const line = JSON.stringify({ t: `é${'x'.repeat(1500)}哈` });
    const bytes = bytesOf(`${line}\n{"n":2}\n${line}`);
    const { items } = parse('ndjson', [...bytes].map((b) => Uint8Array.of(b)), { maxRecordBytes: 1200 });
    assert.deepEqual(items.map((i) => i.kind), ['error', 'message', 'error']);
    const { items: fits } = parse('ndjson', [...bytes].map((b) => Uint8Array.of(b)));
    assert.deepEqual(records(fits).map((r) => r.data), [line, '{"n":2}', line]);
  });
});
