/** The diagnostics' SSE line scanner: the same blocks for any chunking of the text, CR, LF and CRLF alike. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseLineScanner, type SseBlock } from '../../src/core/analysis/sse-lines';

function blocks(chunks: string[]): SseBlock[] {
  const out: SseBlock[] = [];
  const s = new SseLineScanner((b) => out.push(structuredClone(b)));
  for (const c of chunks) s.push(c);
  return out;
}

describe('the SSE line scanner', () => {
  const text = 'id: 1\r\ndata: a\r\n\r\n: note\rdata: b\rretry: 10\r\revent: x\ndata: c\n\nfoo: bar\n\n';

  it('finds the same blocks whatever the chunking: split at every position, and in three pieces', () => {
    const whole = blocks([text]);
    assert.equal(whole.length, 4);
    for (let i = 0; i <= text.length; i++) assert.deepEqual(blocks([text.slice(0, i), text.slice(i)]), whole, `split at ${i}`);
    for (let i = 0; i <= text.length; i += 2) for (let j = i; j <= text.length; j += 3) assert.deepEqual(blocks([text.slice(0, i), text.slice(i, j), text.slice(j)]), whole, `split at ${i}, ${j}`);
  });

  it('treats a CR at the end of a chunk and an LF at the start of the next as one line break', () => {
    assert.deepEqual(blocks(['data: 1\r', '\n\r', '\n']), blocks(['data: 1\r\n\r\n']));
    assert.equal(blocks(['data: 1\r', '\n\r', '\n']).length, 1);
  });
});
