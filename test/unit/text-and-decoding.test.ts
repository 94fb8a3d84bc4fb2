import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentTypeEssence, charsetOf, detectFormat, formatFromContentType, sniffFormat } from '../../src/core/detect';
import { Utf8StreamDecoder } from '../../src/core/utf8';
import { bytesOf, parse, splits } from './helpers/feed';

/** Decodes `bytes` in the given chunks; returns the text and whether anything was flagged. */
function decodeChunks(chunks: Uint8Array[]): { text: string; invalid: boolean } {
  const d = new Utf8StreamDecoder();
  let text = '';
  let invalid = false;
  for (const c of [...chunks.map((c) => d.decode(c)), d.end()]) {
    text += c.text;
    invalid ||= c.invalid;
  }
  return { text, invalid };
}

describe('UTF-8 stream decoding (any chunking)', () => {
  it('never splits a code point and drops one leading BOM', () => {
    const input = bytesOf('\uFEFFa é 哈 😀 \uFEFF z');
    for (const { label, chunks } of splits(input)) {
      assert.deepEqual(decodeChunks(chunks), { text: 'a é 哈 😀 \uFEFF z', invalid: false }, label);
    }
  });

  it('flags invalid bytes and a truncated code point, but not a U+FFFD that was sent', () => {
    const bad = new Uint8Array([0x61, 0xff, 0x62]);
    const sent = bytesOf('x\uFFFDy');
    const truncated = new Uint8Array([0x61, 0xe5, 0x93]);
    for (const { label, chunks } of splits(bad)) assert.deepEqual(decodeChunks(chunks), { text: 'a\uFFFDb', invalid: true }, label);
    for (const { label, chunks } of splits(sent)) assert.deepEqual(decodeChunks(chunks), { text: 'x\uFFFDy', invalid: false }, label);
    for (const { label, chunks } of splits(truncated)) assert.equal(decodeChunks(chunks).invalid, true, label);
  });
});

describe('plain text chunks', () => {
  it('passes every byte through as text in arrival order, characters whole', () => {
    const input = bytesOf('line 1\r\nhalf 哈\n😀 end');
    for (const { label, chunks } of splits(input)) {
      const { items } = parse('text', chunks);
      const text = items.map((i) => (i.kind === 'chunk' ? i.data : '')).join('');
      const size = items.reduce((n, i) => n + (i.kind === 'chunk' ? i.size : 0), 0);
      assert.equal(text, 'line 1\r\nhalf 哈\n😀 end', label);
      assert.equal(size, input.length, label);
      assert.ok(items.every((i) => i.kind !== 'chunk' || !i.data.includes('\uFFFD')), label);
    }
  });

  it('flags invalid UTF-8', () => {
    const { items } = parse('text', [new Uint8Array([0x61, 0xfe, 0x62])]);
    assert.ok(items.some((i) => i.kind === 'error' && i.code === 'invalid-utf8'));
    assert.ok(items.some((i) => i.kind === 'chunk' && i.data === 'a\uFFFDb'));
  });
});

describe('format detection', () => {
  it('reads the content type essence and charset', () => {
    assert.equal(contentTypeEssence('Text/Event-Stream; charset=UTF-8'), 'text/event-stream');
    assert.equal(charsetOf('text/event-stream; charset="ISO-8859-1"'), 'iso-8859-1');
    assert.equal(formatFromContentType('text/event-stream;charset=utf-8'), 'sse');
    assert.equal(formatFromContentType('application/x-ndjson'), 'ndjson');
    assert.equal(formatFromContentType('application/jsonl'), 'ndjson');
    assert.equal(formatFromContentType('application/json-seq'), 'json-seq');
    assert.equal(formatFromContentType('application/json'), undefined);
    assert.equal(formatFromContentType(null), undefined);
  });

  it('sniffs SSE, NDJSON and json-seq when the type is missing or generic', () => {
    assert.equal(sniffFormat(bytesOf('\uFEFF: hello\n\n')), 'sse');
    assert.equal(sniffFormat(bytesOf('\nevent: x\ndata: 1\n\n')), 'sse');
    assert.equal(sniffFormat(bytesOf('{"a":1}\n{"a":2}\n')), 'ndjson');
    assert.equal(sniffFormat(bytesOf('\u001e{"a":1}\n')), 'json-seq');
    assert.equal(sniffFormat(bytesOf('hello world\n')), undefined);
    assert.deepEqual(detectFormat('application/octet-stream', bytesOf('data: 1\n\n')), { format: 'sse', source: 'sniffed' });
    assert.deepEqual(detectFormat('text/plain', bytesOf('just text')), { format: 'text', source: 'content-type' });
    assert.deepEqual(detectFormat('text/event-stream', bytesOf('{"a":1}\n')), { format: 'sse', source: 'content-type' });
  });
});
