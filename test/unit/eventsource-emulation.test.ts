import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventSourceEmulator, type Dispatch } from '../../src/core/analysis/eventsource';
import type { TimelineItem } from '../../src/core/items';
import { bytesOf, parse } from './helpers/feed';

function response(status: number, contentType: string): TimelineItem {
  return { kind: 'response', t: 1, offset: 0, status, statusText: '', headers: { 'content-type': contentType }, url: 'http://x/', redirected: false, format: 'sse', formatSource: 'content-type', ttfbMs: 1 };
}

function emulate(items: TimelineItem[]): Dispatch[] {
  const e = new EventSourceEmulator();
  return items.flatMap((i) => e.add(i));
}

describe('browser EventSource emulation', () => {
  it("dispatches the seed server's stream as a browser does, then reconnects after retry", () => {
    const body = 'id: 0\n\nevent: message\n\nretry: 10000\n\ndata: {"id":0}\n\nevent: close\ndata: close\n\n';
    const parsed = parse('sse', [bytesOf(body)]).items.map((i) => ({ ...i, t: 2 }) as TimelineItem);
    const end: TimelineItem = { kind: 'end', t: 3, offset: 0, reason: 'eof', events: 2, bytes: body.length, ms: 3 };
    const d = emulate([response(200, 'text/event-stream; charset=utf-8'), ...parsed, end]);
    assert.deepEqual(d.map((x) => (x.kind === 'event' ? `${x.type}/${x.handler}/${x.lastEventId}` : x.kind === 'error' ? `error/${x.readyState}/${x.retryMs}` : x.kind)), ['open', 'message/onmessage/0', 'close/addEventListener/0', 'error/CONNECTING/10000']);
  });

  it('fails for good on a non-200 status or a wrong content type', () => {
    for (const r of [response(500, 'text/event-stream'), response(200, 'text/plain')]) {
      const d = emulate([r, { kind: 'message', t: 2, offset: 0, format: 'sse', event: 'message', data: 'x', id: '', size: 1, seq: 1 }]);
      assert.equal(d.length, 1);
      assert.equal(d[0]!.kind === 'error' && d[0]!.readyState, 'CLOSED');
    }
  });
});
