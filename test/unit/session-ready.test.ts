/**
 * `SessionHooks.ready`: a consumer that cannot keep up pauses the reading of
 * the body (so the server feels backpressure), and the pause is not counted
 * as the server's silence by `--timeout`.
 */
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { TimelineItem } from '../../src/core/items';
import { runStream } from '../../src/core/session';

/** A fetch answering an event stream of `count` events, one per pull; `pulls` counts what was asked of the body. */
function eventFetch(count: number): { fetch: typeof fetch; pulls: () => number } {
  let pulls = 0;
  const fetchEvents = async (): Promise<Response> => {
    let i = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          if (i === count) return controller.close();
          controller.enqueue(new TextEncoder().encode(`data: ${i++}\n\n`));
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return { fetch: fetchEvents as typeof fetch, pulls: () => pulls };
}

const messages = (items: TimelineItem[]): string[] => items.flatMap((i) => (i.kind === 'message' ? [i.data] : []));

describe('session: a slow consumer pauses the body', () => {
  it('does not read on while ready() is pending, and reads on once it resolves', async () => {
    const items: TimelineItem[] = [];
    const source = eventFetch(5);
    let release: (() => void) | undefined;
    let full: () => void = () => undefined;
    const becameFull = new Promise<void>((resolve) => (full = resolve));
    let asked = 0;
    const done = runStream({ method: 'GET', url: 'http://stream.test/' }, {}, {
      fetch: source.fetch,
      onItem: (item) => items.push(item),
      ready: () => {
        asked++;
        // Full after the second event.
        if (messages(items).length !== 2) return undefined;
        full();
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    await Promise.race([becameFull, done]);
    assert.ok(release, 'ready() was asked before reading on');
    const pullsWhenFull = source.pulls();
    for (let i = 0; i < 20; i++) await tick();
    assert.deepEqual(messages(items), ['0', '1']);
    assert.equal(source.pulls(), pullsWhenFull, 'the body is not read while the consumer is full');
    release();
    const end = await done;
    assert.equal(end.reason, 'eof');
    assert.deepEqual(messages(items), ['0', '1', '2', '3', '4']);
    assert.ok(asked >= 5);
  });

  it('does not count a pause for the consumer as the server being silent', async () => {
    const items: TimelineItem[] = [];
    let paused = false;
    const end = await runStream({ method: 'GET', url: 'http://stream.test/' }, { timeoutMs: 50 }, {
      fetch: eventFetch(3).fetch,
      onItem: (item) => items.push(item),
      ready: () => {
        if (paused || messages(items).length !== 1) return undefined;
        paused = true;
        // The consumer takes much longer than the timeout to make room.
        return new Promise<void>((resolve) => setTimeout(resolve, 300));
      },
    });
    assert.equal(end.reason, 'eof', JSON.stringify(items.filter((i) => i.kind === 'error')));
    assert.deepEqual(messages(items), ['0', '1', '2']);
  });

  it('ends a pause at once when the session is aborted', async () => {
    const controller = new AbortController();
    const items: TimelineItem[] = [];
    const end = await runStream({ method: 'GET', url: 'http://stream.test/' }, {}, {
      fetch: eventFetch(3).fetch,
      signal: controller.signal,
      onItem: (item) => items.push(item),
      ready: () => {
        if (messages(items).length !== 1) return undefined;
        queueMicrotask(() => controller.abort());
        return new Promise<void>(() => undefined);
      },
    });
    assert.equal(end.reason, 'aborted');
  });
});
