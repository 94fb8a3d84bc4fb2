/**
 * "No timeout" means none: a session's fetch has no undici head or body
 * timeout of its own. Node's global fetch gives up after 300 s of silence
 * (undici's defaults); waiting that long is no test, so the global
 * dispatcher's timeouts are shrunk to 150 ms here: the global fetch would
 * now cut the streams below, and a session must not.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import type { TimelineItem } from '../../src/core/items';
import { runStream } from '../../src/core/session';
import { createStreamFetch } from '../../src/core/stream-fetch';

/** Longer than the shrunk timeouts, by far (undici checks body timeouts on a 0.5 s tick). */
const SILENCE_MS = 2000;
const SHORT = { headersTimeout: 150, bodyTimeout: 150 };

describe('session fetch: no undici timeout of its own', () => {
  let server: Server;
  let url = '';
  let previous: Dispatcher;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/quiet-head') {
        // The response head comes late.
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/event-stream' }).end('data: late head\n\n'), SILENCE_MS);
        return;
      }
      // A quiet stretch between two events.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: before\n\n');
      setTimeout(() => res.end('data: after\n\n'), SILENCE_MS);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    previous = getGlobalDispatcher();
    setGlobalDispatcher(new Agent(SHORT));
  });
  after(() => {
    setGlobalDispatcher(previous);
    server.closeAllConnections();
    server.close();
  });

  const run = async (path: string, fetchImpl?: typeof fetch): Promise<TimelineItem[]> => {
    const items: TimelineItem[] = [];
    await runStream({ method: 'GET', url: url + path }, {}, { onItem: (i) => items.push(i), fetch: fetchImpl });
    return items;
  };
  const data = (items: TimelineItem[]): string[] => items.flatMap((i) => (i.kind === 'message' ? [i.data] : []));
  const errors = (items: TimelineItem[]): string[] => items.flatMap((i) => (i.kind === 'error' ? [i.message] : []));

  it('the silences are long enough to be cut by undici timeouts (control)', async () => {
    const body = await run('/quiet-body', createStreamFetch(SHORT));
    assert.deepEqual(data(body), ['before']);
    assert.match(errors(body).join(), /UND_ERR_BODY_TIMEOUT/);
    const head = await run('/quiet-head', createStreamFetch(SHORT));
    assert.match(errors(head).join(), /UND_ERR_HEADERS_TIMEOUT/);
  });

  it('keeps a stream open through a silence between two events', async () => {
    const items = await run('/quiet-body');
    assert.deepEqual(errors(items), []);
    assert.deepEqual(data(items), ['before', 'after']);
    const end = items.at(-1);
    assert.equal(end?.kind === 'end' ? end.reason : undefined, 'eof');
  });

  it('waits for a response head however long it takes', async () => {
    const items = await run('/quiet-head');
    assert.deepEqual(errors(items), []);
    assert.deepEqual(data(items), ['late head']);
  });
});
