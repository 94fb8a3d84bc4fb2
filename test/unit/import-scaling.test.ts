/**
 * Imports as big as a real browser session's HAR: many entries to one URL
 * and a token that changed on every request. The time is measured by the
 * figures in the README, not asserted here; what a user sees is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importRequests } from '../../src/core/import/index';
import { summaryText } from '../../src/core/import/summary-text';
import { allRequests } from './helpers/imports';

/** A HAR of `n` POSTs to one URL, each with its own body and its own bearer token. */
function sessionHar(n: number, origins = 1): string {
  const entries = Array.from({ length: n }, (_, i) => ({
    request: {
      method: 'POST',
      url: `https://api${i % origins}.example/v1/chat`,
      headers: [{ name: 'Authorization', value: `Bearer tok-${i}-abcdef` }, { name: 'Content-Type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: JSON.stringify({ n: i }) },
    },
    response: { status: 200, content: { mimeType: 'text/event-stream' } },
  }));
  return JSON.stringify({ log: { version: '1.2', entries } });
}

describe('import at scale', () => {
  it('20 000 entries to one URL: each is a request with its own name, and importing again adds none', async () => {
    const text = sessionHar(20_000);
    const first = await importRequests([{ source: 'session.har', text }]);
    const requests = allRequests(first.collection);
    assert.equal(first.summary.sources[0]!.imported, 20_000);
    assert.equal(new Set(requests.map((r) => r.path)).size, 20_000);
    assert.deepEqual(requests.slice(0, 3).map((r) => r.request.name), ['POST /v1/chat', 'POST /v1/chat 2', 'POST /v1/chat 3']);
    assert.equal(requests.at(-1)!.request.name, 'POST /v1/chat 20000');
    const again = await importRequests([{ source: 'session.har', text }], { existing: first.collection });
    assert.equal(again.summary.sources[0]!.imported, 0);
    assert.equal(again.summary.sources[0]!.duplicates, 20_000);
    assert.deepEqual(again.collection, first.collection);
  });

  it('a token that changed on every request is one secret per origin, its count in the summary', async () => {
    const { collection, summary } = await importRequests([{ source: 'session.har', text: sessionHar(1_000, 2) }]);
    assert.deepEqual(summary.secrets.map((s) => [s.env, s.values]), [
      ['STREAM_VIEWER_SECRET_AUTHORIZATION', 500],
      ['STREAM_VIEWER_SECRET_AUTHORIZATION_2', 500],
    ]);
    assert.ok(!JSON.stringify(collection).includes('tok-'));
    const lines = summaryText(summary);
    assert.ok(lines.length < 10, lines.join('\n'));
    assert.match(lines.join('\n'), /500 different values were captured for it/);
  });

  it('names stay apart when an existing collection already holds numbered ones', async () => {
    const har = (bodies: string[]): string => JSON.stringify({ log: { entries: bodies.map((text) => ({ request: { method: 'POST', url: 'https://x.example/p', postData: { mimeType: 'text/plain', text } } })) } });
    const first = await importRequests([{ source: 'a', text: har(['a', 'b', 'c']) }]);
    const next = await importRequests([{ source: 'b', text: har(['c', 'd', 'a', 'e']) }], { existing: first.collection });
    assert.deepEqual(allRequests(next.collection).map((r) => `${r.request.name}=${r.request.body?.kind === 'raw' ? r.request.body.text : ''}`), ['POST /p=a', 'POST /p 2=b', 'POST /p 3=c', 'POST /p 4=d', 'POST /p 5=e']);
    assert.equal(next.summary.sources[0]!.duplicates, 2);
  });
});
