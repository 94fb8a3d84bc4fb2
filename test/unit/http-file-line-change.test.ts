import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineAlignedChange } from '../../src/core/http-file/line-change';

const apply = (before: string, c: { start: number; end: number; text: string }): string => before.slice(0, c.start) + c.text + before.slice(c.end);

describe('lineAlignedChange', () => {
  it('replaces only the lines that differ', () => {
    const before = 'GET /a\nX: 1\n\n{"a":1}\n###\nGET /b\n';
    const after = 'GET /a\nX: 2\n\n{"a":1}\n###\nGET /b\n';
    const c = lineAlignedChange(before, after);
    assert.deepEqual(c, { start: 7, end: 12, text: 'X: 2\n' });
    assert.equal(apply(before, c), after);
  });

  it('never splits a \\r\\n, and handles insertions, deletions and equal texts', () => {
    const cases: [string, string][] = [
      ['a\r\nb\r\nc', 'a\r\nB\r\nc'],
      ['a\r\nb', 'a\rb'],
      ['a\nb\nc\n', 'a\nb\nx\nc\n'],
      ['a\nb\nc\n', 'a\nc\n'],
      ['same\n', 'same\n'],
      ['', 'new'],
      ['old', ''],
      ['x\r\n', 'x\r\ny\r\n'],
    ];
    for (const [before, after] of cases) {
      const c = lineAlignedChange(before, after);
      assert.equal(apply(before, c), after, JSON.stringify([before, after]));
      for (const at of [c.start, c.end]) assert.ok(!(before[at - 1] === '\r' && before[at] === '\n'), `split at ${at} in ${JSON.stringify(before)}`);
    }
    assert.deepEqual(lineAlignedChange('same\n', 'same\n'), { start: 5, end: 5, text: '' });
  });
});
