/**
 * Giving up on reconnecting: after a stream that answered it is a normal end
 * (`max-reconnects`); when no attempt ever got a response (a dead endpoint)
 * it is an `error`, as a single failed attempt is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TimelineItem } from '../../src/core/items';
import { runStream } from '../../src/core/session';

const refused = (): Promise<Response> =>
  Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) }));

async function run(fetchImpl: () => Promise<Response>): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  await runStream({ method: 'GET', url: 'http://127.0.0.1:9/events' }, { reconnect: { enabled: true, maxReconnects: 1, defaultRetryMs: 0 } }, {
    fetch: fetchImpl as typeof fetch,
    onItem: (i) => items.push(i),
  });
  return items;
}

describe('session: giving up on reconnecting', () => {
  it('ends with an error when every attempt failed', async () => {
    const items = await run(refused);
    assert.deepEqual(items.filter((i) => i.kind === 'error').map((i) => i.kind === 'error' && i.code), ['connection-refused', 'connection-refused']);
    const end = items.at(-1);
    assert.equal(end?.kind === 'end' && end.reason, 'error');
  });

  it('ends with max-reconnects when an attempt was answered', async () => {
    let calls = 0;
    const items = await run(() =>
      ++calls === 1 ? Promise.resolve(new Response('data: hi\n\n', { headers: { 'content-type': 'text/event-stream' } })) : refused(),
    );
    assert.equal(items.filter((i) => i.kind === 'message').length, 1);
    const end = items.at(-1);
    assert.equal(end?.kind === 'end' && end.reason, 'max-reconnects');
  });
});
