import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bytesOf, parse, parseEverySplit, type Collected } from './helpers/feed';

const messages = (items: Collected) => items.filter((i) => i.kind === 'message').map((m) => (m.kind === 'message' ? { event: m.event, data: m.data, id: m.id } : null));

describe('SSE parser (browser EventSource semantics, any chunking)', () => {
  it('parses event, data, id and retry fields', () => {
    const items = parseEverySplit('sse', 'id: 1\nevent: tick\ndata: {"a":1}\n\ndata: line1\ndata: line2\n\nretry: 1500\n\n');
    assert.deepEqual(messages(items), [
      { event: 'tick', data: '{"a":1}', id: '1' },
      { event: 'message', data: 'line1\nline2', id: '1' },
    ]);
    assert.deepEqual(
      items.filter((i) => i.kind === 'retry').map((i) => (i.kind === 'retry' ? i.ms : 0)),
      [1500],
    );
  });

  it("gives what a browser gives for the seed's blank-line-per-field server", () => {
    const seed = 'id: 1\n\nevent: message\n\nretry: 10000\n\ndata: {"id":1,"body":"哈喽"}\n\nid: 2\n\nevent: message\n\nretry: 10000\n\ndata: {"id":2,"body":"哈喽"}\n\nevent: close\ndata: close\n\n';
    const items = parseEverySplit('sse', seed);
    assert.deepEqual(messages(items), [
      { event: 'message', data: '{"id":1,"body":"哈喽"}', id: '1' },
      { event: 'message', data: '{"id":2,"body":"哈喽"}', id: '2' },
      { event: 'close', data: 'close', id: '2' },
    ]);
    assert.equal(items.filter((i) => i.kind === 'retry').length, 2);
    assert.equal(items.filter((i) => i.kind === 'error').length, 0);
  });

  it('keeps the last event ID across events and connections; an empty id resets it; NULL is ignored', () => {
    const r = parse('sse', [bytesOf('data: a\n\nid: 7\ndata: b\n\ndata: c\n\nid: x\0y\ndata: d\n\n')], { lastEventId: 'prev' });
    assert.deepEqual(
      messages(r.items).map((m) => m!.id),
      ['prev', '7', '7', '7'],
    );
    assert.equal(r.lastEventId, '7');
    const reset = parse('sse', [bytesOf('id: 5\ndata: a\n\nid\ndata: b\n\n')]);
    assert.deepEqual(
      messages(reset.items).map((m) => m!.id),
      ['5', ''],
    );
  });

  it('accepts CR, LF and CRLF line endings, including a CR at the very end', () => {
    for (const nl of ['\n', '\r', '\r\n']) {
      const items = parseEverySplit('sse', `data: a${nl}${nl}event: e${nl}data: b${nl}data: c${nl}${nl}`);
      assert.deepEqual(messages(items), [
        { event: 'message', data: 'a', id: '' },
        { event: 'e', data: 'b\nc', id: '' },
      ], JSON.stringify(nl));
      assert.equal(items.filter((i) => i.kind === 'error').length, 0, JSON.stringify(nl));
    }
  });

  it('ignores a leading BOM; keeps multi-byte characters whole across chunk edges', () => {
    const items = parseEverySplit('sse', '\uFEFFdata: 哈喽 😀 ok\n\n');
    assert.deepEqual(messages(items), [{ event: 'message', data: '哈喽 😀 ok', id: '' }]);
    const m = items[0]!;
    assert.equal(m.kind === 'message' && m.size, Buffer.byteLength('哈喽 😀 ok'));
  });

  it('strips only one leading BOM: a second is part of the first field name, as in a browser', () => {
    const items = parseEverySplit('sse', '\uFEFF\uFEFFdata: lost\n\ndata: kept\n\n');
    assert.deepEqual(messages(items), [{ event: 'message', data: 'kept', id: '' }]);
  });

  it('keeps a BOM after a skipped oversized event in the next field name', () => {
    const input = `data: ${'x'.repeat(500)}\n\n\uFEFFdata: lost\n\ndata: kept\n\n`;
    const chunks = [];
    for (let i = 0; i < input.length; i += 50) chunks.push(bytesOf(input.slice(i, i + 50)));
    const { items } = parse('sse', chunks, { maxRecordBytes: 100 });
    assert.deepEqual(messages(items), [{ event: 'message', data: 'kept', id: '' }]);
    assert.deepEqual(items.filter((i) => i.kind === 'error').map((i) => i.kind === 'error' && i.code), ['too-large']);
  });

  it('counts event sizes in UTF-8 bytes, however ASCII and multi-byte text are split', () => {
    const items = parseEverySplit('sse', 'data: a\n\ndata: 哈\ndata: é\n\ndata: bc\n\nda', { keepOffsets: false });
    assert.deepEqual(items.filter((i) => i.kind === 'message').map((i) => (i.kind === 'message' ? i.size : 0)), [1, 6, 2]);
  });

  it('dispatches nothing for empty data; reports comments; ignores unknown fields and bad retry', () => {
    const items = parseEverySplit('sse', ': hello\n\nevent: nothing\n\ndata\n\nfoo: bar\nretry: 12a\ndata: x\n\n');
    assert.deepEqual(messages(items), [
      { event: 'message', data: '', id: '' },
      { event: 'message', data: 'x', id: '' },
    ]);
    assert.deepEqual(
      items.filter((i) => i.kind === 'comment').map((c) => (c.kind === 'comment' ? c.data : '')),
      ['hello'],
    );
    assert.equal(items.filter((i) => i.kind === 'retry').length, 0);
  });

  it('reports an event cut off by the end of the stream, with its text, and does not dispatch it', () => {
    const items = parseEverySplit('sse', 'data: one\n\ndata: {"partial":');
    assert.deepEqual(messages(items), [{ event: 'message', data: 'one', id: '' }]);
    const err = items.find((i) => i.kind === 'error');
    assert.ok(err && err.kind === 'error');
    assert.equal(err.code, 'incomplete');
    assert.equal(err.body, 'data: {"partial":');
    const onlyComments = parseEverySplit('sse', 'data: one\n\n: bye');
    assert.equal(onlyComments.filter((i) => i.kind === 'error').length, 0);
  });

  it('flags invalid UTF-8, replaces it, and goes on', () => {
    const bytes = new Uint8Array([...bytesOf('data: a'), 0xff, ...bytesOf('b\n\ndata: c\n\n')]);
    const items = parseEverySplit('sse', bytes, { errorsUnordered: true });
    assert.deepEqual(messages(items).map((m) => m!.data), ['a\uFFFDb', 'c']);
    assert.equal(items.filter((i) => i.kind === 'error' && i.code === 'invalid-utf8').length, 1);
    const genuine = parseEverySplit('sse', 'data: \uFFFD\n\n');
    assert.equal(genuine.filter((i) => i.kind === 'error').length, 0, 'a real U+FFFD is not an error');
    const truncated = parse('sse', [new Uint8Array([...bytesOf('data: a\n\ndata: '), 0xe5, 0x93])]);
    assert.ok(truncated.items.some((i) => i.kind === 'error' && i.code === 'invalid-utf8'));
  });

  it('skips an event larger than the limit without keeping it, then goes on', () => {
    const big = 'x'.repeat(5000);
    const input = `data: small\n\ndata: ${big}\n\ndata: after\n\n`;
    const chunks = [];
    for (let i = 0; i < input.length; i += 100) chunks.push(bytesOf(input.slice(i, i + 100)));
    const { items } = parse('sse', chunks, { maxRecordBytes: 1000 });
    assert.deepEqual(messages(items).map((m) => m!.data), ['small', 'after']);
    const errors = items.filter((i) => i.kind === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.kind === 'error' && errors[0]!.code, 'too-large');
  });

  it('stamps offsets at the end of the chunk that completed each item', () => {
    const { items } = parse('sse', [bytesOf('data: a\n\ndata: b'), bytesOf('\n\n')]);
    assert.deepEqual(items.filter((i) => i.kind === 'message').map((i) => i.offset), [16, 18]);
  });
});
