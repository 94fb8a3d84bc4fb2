/** The `--json` contract: the fast text of a line is exactly the line object stringified. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineItem } from '../../src/core/items';
import { toJsonLine, toJsonText } from '../../src/core/json-lines';

describe('--json lines', () => {
  const strings = ['', 'plain', 'quote " and \\ backslash', 'line\nbreak\r\ttab', 'control \u0001\u001f', 'é€😀', 'lone \ud800 surrogate', '\u2028\u2029'];
  it('builds SSE event and chunk lines exactly as JSON.stringify of the line object would', () => {
    for (const data of strings) {
      for (const event of [undefined, 'message', 'x"y']) {
        // IDs: plain ones take a shortcut (printable ASCII, no quote or backslash, at most 64 characters); the rest do not.
        for (const id of [undefined, '', 'id\n1', '42', '0b6f8a8e-1d2c-4a5b-9c7d-3e2f1a0b9c8d', ' ~!#', 'back\\slash', '\u007f', 'x'.repeat(64), 'x'.repeat(65), ...strings]) {
          for (const t of [0, 1.5, 123456.789, 1e21]) {
            const item: TimelineItem = { kind: 'message', format: 'sse', t, offset: 0, data, size: 1, seq: 1, ...(event !== undefined ? { event } : {}), ...(id !== undefined ? { id } : {}) };
            assert.equal(toJsonText(item), JSON.stringify(toJsonLine(item)));
          }
        }
      }
      const chunk: TimelineItem = { kind: 'chunk', t: 2.25, offset: 0, data, size: 1 };
      assert.equal(toJsonText(chunk), JSON.stringify(toJsonLine(chunk)));
    }
  });

  it('leaves out what the contract leaves out', () => {
    assert.equal(toJsonText({ kind: 'raw', t: 0, offset: 0, text: 'x', size: 1 }), undefined);
  });
});
