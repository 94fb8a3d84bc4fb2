/**
 * `--record` never writes a secret and never holds the stream in memory:
 * a saved request that uses {{secret:k}} in its query, a header and its JSON
 * body is recorded as written; the server's echoes of the value are masked
 * in the recording and in its HAR export; an unwritable path fails before
 * anything is sent.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toHar } from '../../src/core/recording/export';
import { parseRecording } from '../../src/core/recording/format';
import { runCli } from './helpers/cli';
import { startServer, type TestServer } from './helpers/server';

const SECRET = 'k3y"with\\odd%chars';

describe('recordings keep secrets off disk', () => {
  let server: TestServer;
  let dir: string;
  let collection: string;
  before(async () => {
    // Echoes what it was sent: the query, the Authorization header and the body.
    server = await startServer((req, res, body) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-echo-auth': String(req.headers.authorization) });
      const query = new URL(req.url ?? '/', 'http://x').searchParams.get('key');
      res.end(`data: ${JSON.stringify({ url: req.url, auth: req.headers.authorization, body })}\n\ndata: ${query}\n\n`);
    });
    dir = mkdtempSync(join(tmpdir(), 'sv-rec-'));
    collection = join(dir, 'api.streams.json');
    writeFileSync(
      collection,
      JSON.stringify({
        version: 1,
        environments: [{ name: 'local', variables: { baseUrl: server.url } }],
        requests: [
          {
            name: 'echo',
            method: 'POST',
            url: '{{baseUrl}}/echo?key={{secret:k}}',
            headers: [{ name: 'Authorization', value: 'Bearer {{secret:k}}' }, { name: 'X-Custom', value: '{{secret:k}}' }],
            body: { kind: 'json', text: '{"token":"{{secret:k}}"}' },
          },
        ],
      }),
    );
  });
  after(() => server.close());

  it('records the request as written and masks every echo of the secret, in the recording and its HAR', async () => {
    const file = join(dir, 'echo.streamrec.jsonl');
    const r = await runCli(['run', collection, 'echo', '--env', 'local', '--record', file, '--json'], { STREAM_VIEWER_SECRET_K: SECRET });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(new URL(server.requests.at(-1)!.url, 'http://x').searchParams.get('key'), SECRET, 'the real value was sent');
    const text = readFileSync(file, 'utf8');
    const rec = parseRecording(text);
    const har = toHar(rec, 'test');
    const decodedChunks = rec.connections.flatMap((c) => c.chunks.map((ch) => Buffer.from(ch.data).toString('utf8'))).join('');
    for (const [what, content] of [['file', text], ['chunks', decodedChunks], ['HAR', har], ['stdout', r.stdout]] as const) {
      for (const form of [SECRET, JSON.stringify(SECRET).slice(1, -1), encodeURIComponent(SECRET), 'k3y']) assert.ok(!content.includes(form), `${what} holds ${form}`);
    }
    assert.equal(rec.request.url, '{{baseUrl}}/echo?key={{secret:k}}');
    assert.equal(rec.request.headers?.find((h) => h.name === 'X-Custom')?.value, '{{secret:k}}');
    assert.equal(rec.request.body?.kind === 'json' ? rec.request.body.text : '', '{"token":"{{secret:k}}"}');
    assert.match(decodedChunks, /••••••/);
  });

  it('replays a recording whose request still has its variables', async () => {
    const file = join(dir, 'echo.streamrec.jsonl');
    const r = await runCli(['--replay', file, '--speed', '0', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.lines.filter((l) => l.type === 'message').length, 2);
  });

  it('refuses an unwritable recording path before sending anything', async () => {
    const before = server.requests.length;
    const r = await runCli([`${server.url}/x`, '--record', join(dir, 'no', 'such', 'dir', 'x.streamrec.jsonl')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot write the recording to .*ENOENT/);
    assert.equal(server.requests.length, before, 'no request was sent');
  });
});
