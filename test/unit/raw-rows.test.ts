/** The raw view's rows on the host: lines and line breaks exact for any chunking, long lines in pieces, bounded by bytes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RawRows, ROW_CHARS } from '../../src/core/run/raw-rows';

/** The rows of `text` fed in `chunks`, as `line:text:eol` strings (`+` marks a continued row). */
function rowsOf(chunks: string[], maxBytes = 1e9): string[] {
  const r = new RawRows(maxBytes);
  for (const c of chunks) r.add(c, Buffer.byteLength(c));
  const info = r.info();
  return r.rows(info.firstRow, info.endRow).map((x) => `${x.continued ? '+' : ''}${x.line}:${x.text}:${JSON.stringify(x.eol)}`);
}

describe('raw rows', () => {
  const text = 'id: 1\r\ndata: a\r\n\r\ndata: é€😀\rx\n\nlast';
  const expected = ['1:id: 1:"\\r\\n"', '2:data: a:"\\r\\n"', '3::"\\r\\n"', '4:data: é€😀:"\\r"', '5:x:"\\n"', '6::"\\n"', '7:last:""'];

  it('splits lines at CR, LF and CRLF, keeping which break ended each, for the text in one piece', () => {
    assert.deepEqual(rowsOf([text]), expected);
  });

  it('gives the same rows whatever the chunking: split at every position, and in three pieces everywhere', () => {
    for (let i = 0; i <= text.length; i++) assert.deepEqual(rowsOf([text.slice(0, i), text.slice(i)]), expected, `split at ${i}`);
    for (let i = 0; i <= text.length; i += 3) for (let j = i; j <= text.length; j += 2) assert.deepEqual(rowsOf([text.slice(0, i), text.slice(i, j), text.slice(j)]), expected, `split at ${i}, ${j}`);
  });

  it('keeps a CR at a chunk end waiting across an empty chunk', () => {
    assert.deepEqual(rowsOf(['a\r', '', '\nb']), ['1:a:"\\r\\n"', '2:b:""']);
  });

  it('cuts a long line into rows of ROW_CHARS that continue it, so every character shows', () => {
    const long = 'x'.repeat(ROW_CHARS * 2 + 5);
    const rows = rowsOf([long.slice(0, 7), long.slice(7), '\nnext']);
    assert.deepEqual(rows.map((r) => r.split(':')[0]), ['1', '+1', '+1', '2']);
    assert.equal(rows.map((r) => r.split(':')[1]).slice(0, 3).join(''), long);
  });

  it('copies the whole text back exactly', () => {
    const r = new RawRows(1e9);
    for (const c of [text.slice(0, 5), text.slice(5)]) r.add(c, Buffer.byteLength(c));
    assert.equal(r.text(), text);
  });

  it('keeps at most its byte bound, drops the oldest chunks and says so, and keeps numbering lines', () => {
    const r = new RawRows(1000);
    for (let i = 0; i < 1000; i++) r.add(`line ${i}\n`, 10);
    const info = r.info();
    assert.ok(info.bytes <= 1000, `kept ${info.bytes} bytes`);
    assert.equal(info.bytes + info.droppedBytes, 10_000);
    const rows = r.rows(info.firstRow, info.endRow);
    assert.equal(rows.at(-2)?.text, 'line 999');
    assert.equal(rows.at(-2)?.line, 1000);
    assert.ok(info.firstRow > 0);
  });

  it('answers only the rows asked for, within what is kept', () => {
    const r = new RawRows(1e9);
    r.add('a\nb\nc\nd', 7);
    assert.deepEqual(r.rows(1, 3).map((x) => x.text), ['b', 'c']);
    assert.deepEqual(r.rows(-5, 1).map((x) => x.text), ['a']);
    assert.deepEqual(r.rows(3, 100).map((x) => x.text), ['d']);
  });
});
