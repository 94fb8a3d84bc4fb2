/**
 * Replays end and stay small: a recording of a stream that kept reconnecting
 * to a dead server replays to an `end` (not one refused connection after
 * another, forever), and reading a replayed body leaves no abort listener
 * behind per chunk.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import type { TimelineItem } from '../../src/core/items';
import type { RecordedConnection, Recording } from '../../src/core/recording/format';
import { recordingFetch, replayRecording } from '../../src/core/recording/replay';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function connection(id: string): RecordedConnection {
  return { status: 200, statusText: 'OK', headers: { 'content-type': 'text/event-stream' }, url: 'http://h/events', t: 1, chunks: [{ t: 2, data: bytes(`retry: 0\nid: ${id}\ndata: ${id}\n\n`) }] };
}

/** Two connections answered; then the server was gone, the client retried with `retry: 0` until Ctrl+C. */
function reconnectingRecording(maxReconnects?: number): Recording {
  return {
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    request: { method: 'GET', url: 'http://h/events' },
    settings: { reconnect: { enabled: true, ...(maxReconnects !== undefined ? { maxReconnects } : {}) } },
    connections: [connection('1'), connection('2')],
    end: { t: 500, reason: 'aborted', events: 2, bytes: 60 },
  };
}

/** Replays at full speed; gives up (aborts) after `guard` requests so a replay that never ends fails instead of hanging. */
async function replay(rec: Recording, guard = 3): Promise<{ items: TimelineItem[]; requests: number }> {
  const items: TimelineItem[] = [];
  const controller = new AbortController();
  let requests = 0;
  await replayRecording(
    rec,
    {
      signal: controller.signal,
      onItem: (item) => {
        items.push(item);
        if (item.kind === 'request' && ++requests >= guard) controller.abort();
      },
    },
    { speed: 0 },
  );
  return { items, requests };
}

describe('replay: bounded', () => {
  it('replays a reconnecting stream to its end: one request per recorded connection', async () => {
    const { items, requests } = await replay(reconnectingRecording());
    assert.equal(requests, 2);
    assert.deepEqual(items.flatMap((i) => (i.kind === 'message' ? [i.data] : [])), ['1', '2']);
    assert.equal(items.filter((i) => i.kind === 'reconnect').length, 1);
    const end = items.at(-1);
    assert.equal(end?.kind, 'end');
    assert.equal(end?.kind === 'end' && end.reason, 'aborted', 'the end reason is the recording\'s');
  });

  it('keeps a lower --max-reconnects of the original run', async () => {
    const rec = reconnectingRecording(0);
    const { items, requests } = await replay({ ...rec, end: { ...rec.end!, reason: 'max-reconnects' } });
    assert.equal(requests, 1);
    const end = items.at(-1);
    assert.equal(end?.kind === 'end' && end.reason, 'max-reconnects');
  });

  it('ends a recording in which no connection answered', async () => {
    const { items, requests } = await replay({ ...reconnectingRecording(), connections: [] });
    assert.equal(requests, 1);
    assert.ok(items.some((i) => i.kind === 'error' && i.code === 'connection-refused'));
    assert.equal(items.at(-1)?.kind, 'end');
  });

  it('leaves no abort listener behind per chunk', async () => {
    const chunks = Array.from({ length: 100 }, (_, i) => ({ t: i + 1, data: bytes(`data: ${i}\n\n`) }));
    const rec: Recording = { ...reconnectingRecording(), connections: [{ ...connection('x'), t: 0, chunks }] };
    const controller = new AbortController();
    // Fast enough for a test, slow enough that every chunk waits for its time.
    const res = await recordingFetch(rec, { speed: 1000 })('http://h/events', { signal: controller.signal });
    let read = 0;
    const reader = res.body!.getReader();
    let most = 0;
    for (;;) {
      const r = await reader.read();
      most = Math.max(most, getEventListeners(controller.signal, 'abort').length);
      if (r.done) break;
      read++;
    }
    assert.equal(read, 100);
    assert.ok(most <= 1, `at most one wait listens at a time, saw ${most}`);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });
});
