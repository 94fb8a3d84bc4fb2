import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { Batcher } from '../../src/extension/batcher';

describe('Batcher', () => {
  it('sends a synchronous burst as one batch, in order', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number>(30, (x) => batches.push(x));
    for (let i = 0; i < 10_000; i++) b.add(i);
    await delay(5);
    assert.equal(batches.length, 1);
    assert.equal(batches[0]!.length, 10_000);
    assert.equal(batches[0]![9_999], 9_999);
  });

  it('sends at most one batch per interval while items keep coming', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number>(40, (x) => batches.push(x));
    const t0 = performance.now();
    let i = 0;
    while (performance.now() - t0 < 200) {
      b.add(i++);
      await delay(2);
    }
    b.flush();
    assert.equal(batches.flat().length, i, 'no item lost');
    assert.ok(batches.length <= 200 / 40 + 2, `${batches.length} batches in 200 ms`);
    assert.ok(batches.length >= 3, `${batches.length} batches: items must flow while streaming`);
  });

  it('drops nothing on flush and everything on dispose', async () => {
    const batches: string[][] = [];
    const b = new Batcher<string>(1000, (x) => batches.push(x));
    b.add('a');
    b.flush();
    b.add('b');
    b.dispose();
    await delay(20);
    assert.deepEqual(batches, [['a']]);
  });
});
