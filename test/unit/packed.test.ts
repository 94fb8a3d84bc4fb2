import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { PackedBatch, packItems } from '../../src/shared/packed';
import type { WireItem, WireMessage } from '../../src/shared/wire';

const message = (seq: number, data: string, extra: Partial<WireMessage> = {}): WireMessage => ({ kind: 'message', t: seq * 1.5, offset: seq * 10, seq, size: data.length, format: 'sse', event: 'message', id: String(seq), data, ...extra });

/** What the webview reads back after the batch crossed the channel as bytes. */
function roundTrip(items: WireItem[], pieces?: Map<number, string>): WireItem[] {
  const packed = packItems(items, pieces);
  const copy = { ...packed, text: new Uint8Array(packed.text) };
  const batch = new PackedBatch(copy, new TextDecoder().decode(copy.text));
  return Array.from({ length: batch.count }, (_, i) => batch.item(i));
}

describe('packed batches', () => {
  it('bring every message and every other item back as sent, in order', () => {
    const items: WireItem[] = [
      { kind: 'response', t: 0, offset: 0, status: 200, statusText: 'OK', headers: { 'content-type': 'text/event-stream' }, url: 'http://127.0.0.1/', redirected: false, formatSource: 'content-type', ttfbMs: 1, format: 'sse' },
      message(1, '{"a":"é€😀"}'),
      message(2, '', { event: 'ping', id: '' }),
      { kind: 'comment', t: 3, offset: 30, data: 'keep-alive' },
      message(3, 'not json', { format: 'ndjson', event: undefined, id: undefined, error: 'Unexpected token' }),
    ];
    const back = roundTrip(items, new Map([[1, 'piece of text']]));
    assert.deepEqual(back[0], items[0]);
    assert.deepEqual(back[1], { ...items[1], piece: 'piece of text' });
    assert.deepEqual(back[2], items[2]);
    assert.deepEqual(back[3], items[3]);
    const third = { ...(items[4] as WireMessage) };
    delete third.event;
    delete third.id;
    assert.deepEqual(back[4], third);
  });

  it('keep each string apart when received text has lone surrogates, even a pair split across two strings', () => {
    // Records without event or id: one's data is followed directly by the next one's in the packed text.
    const record = (seq: number, data: string): WireMessage => message(seq, data, { format: 'ndjson', event: undefined, id: undefined });
    const items: WireItem[] = [record(1, 'a\uD800b'), record(2, 'x\uD83D'), record(3, '\uDE00y'), record(4, 'plain')];
    const data = roundTrip(items).map((i) => (i as WireMessage).data);
    assert.deepEqual(data, ['a\uFFFDb', 'x\uFFFD', '\uFFFDy', 'plain']);
  });
});
