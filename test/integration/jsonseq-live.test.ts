/**
 * A json-seq record ends only where the next begins (RFC 7464), yet a live
 * stream must show each record as it comes: once the body is quiet, a record
 * that is a JSON text ended by LF is shown; text that still follows it
 * before the next RS is reported on its own.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { TimelineItem } from '../../src/core/items';
import { runStream } from '../../src/core/session';
import { startServer, type TestServer } from './helpers/server';

const RS = '\x1e';

describe('json-seq on a live stream', () => {
  const servers: TestServer[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));

  /** A server that sends `first`, waits until the test releases it (or 5 s pass), then sends `rest`. */
  async function server(first: string, rest: string): Promise<{ url: string; release(by: string): void; releasedBy: Promise<string> }> {
    let release!: (by: string) => void;
    const releasedBy = new Promise<string>((r) => (release = r));
    const s = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json-seq' });
      res.write(first);
      const timer = setTimeout(() => release('timeout'), 5000);
      void releasedBy.then(() => {
        clearTimeout(timer);
        res.end(rest);
      });
    });
    servers.push(s);
    return { url: s.url, release, releasedBy };
  }

  it('shows a record while the server holds the next one back', async () => {
    const s = await server(`${RS}{"a":1}\n`, `${RS}{"a":2}\n`);
    const items: TimelineItem[] = [];
    await runStream({ method: 'GET', url: s.url }, {}, {
      onItem(item) {
        items.push(item);
        if (item.kind === 'message' && item.seq === 1) s.release('message');
      },
    });
    assert.equal(await s.releasedBy, 'message', 'record 1 was shown before record 2 was sent');
    assert.deepEqual(items.filter((i) => i.kind === 'message').map((i) => (i.kind === 'message' ? i.json : null)), [{ a: 1 }, { a: 2 }]);
  });

  it('reports text that follows a shown record before the next RS, naming the record', async () => {
    const s = await server(`${RS}{"a":1}\n`, `junk${RS}{"b":2}\n`);
    const items: TimelineItem[] = [];
    await runStream({ method: 'GET', url: s.url }, {}, {
      onItem(item) {
        items.push(item);
        if (item.kind === 'message' && item.seq === 1) s.release('message');
      },
    });
    const error = items.find((i) => i.kind === 'error');
    assert.ok(error?.kind === 'error' && /after record #1/.test(error.message) && error.body === 'junk', JSON.stringify(error));
    assert.equal(items.filter((i) => i.kind === 'message').length, 2);
  });

  it('does not show an unfinished record early: no LF yet, or not valid JSON', async () => {
    const s = await server(`${RS}{"a":`, `1}\n${RS}[2]\n`);
    const seen: string[] = [];
    const timer = setTimeout(() => s.release('timeout'), 300);
    await runStream({ method: 'GET', url: s.url }, {}, { onItem: (i) => i.kind === 'message' && seen.push(i.data) });
    clearTimeout(timer);
    assert.deepEqual(seen, ['{"a":1}', '[2]']);
  });
});
