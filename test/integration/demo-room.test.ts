/** The demo server's chat room: what a listener gets, and what one that comes back with Last-Event-ID gets. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../src/demo/server';

/** Reads SSE text from `res` until `until` matches it (or the stream ends), then cancels. */
async function readUntil(res: Response, until: RegExp): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const r = await reader.read();
    if (r.done) return text;
    text += decoder.decode(r.value, { stream: true });
    if (until.test(text)) {
      await reader.cancel();
      return text;
    }
  }
}

describe('the demo chat room (/room)', () => {
  let demo: DemoServer;
  before(async () => {
    demo = await startDemoServer({ port: 0 });
  });
  after(() => demo.close());

  const post = (room: string, body: string): Promise<Response> => fetch(`${demo.url}room?room=${room}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

  it('announces each post to every listener, and replays what a returning listener missed', async () => {
    const listener = await fetch(`${demo.url}room?room=t1`);
    assert.equal(listener.headers.get('content-type'), 'text/event-stream');
    const first = readUntil(listener, /"id":2/);
    // Posts go out once the listener has joined: wait for the joined event's bytes to be on their way.
    await new Promise((r) => setTimeout(r, 50));
    const answer = await post('t1', '{"text":"one"}');
    assert.equal(answer.status, 202);
    assert.deepEqual(await answer.json(), { room: 't1', id: 1, delivered: 1 });
    await post('t1', 'two, not JSON');
    const seen = await first;
    assert.match(seen, /event: joined\ndata: \{"room":"t1","listeners":1\}/);
    assert.match(seen, /id: 1\nevent: message\ndata: \{"room":"t1","id":1,"message":\{"text":"one"\}/);
    assert.match(seen, /id: 2\nevent: message\ndata: \{"room":"t1","id":2,"message":"two, not JSON"/);

    await post('t1', '{"text":"three"}');
    const back = await fetch(`${demo.url}room?room=t1`, { headers: { 'last-event-id': '1' } });
    const missed = await readUntil(back, /"id":3/);
    assert.doesNotMatch(missed, /"id":1,/);
    assert.match(missed, /"id":2,.*\n[\s\S]*"id":3,/);
  });

  it('keeps rooms apart, and answers other methods with 405', async () => {
    assert.deepEqual(await (await post('empty', '{}')).json(), { room: 'empty', id: 1, delivered: 0 });
    const put = await fetch(`${demo.url}room`, { method: 'PUT' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, POST');
  });
});
