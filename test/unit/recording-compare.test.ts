/**
 * Recordings compared as text: two runs of the same LLM request differ only
 * in generated ids and timestamps, which comparing "ignoring what always
 * differs" leaves out; and recording file names keep their extension.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { comparableText, maskVolatile, VARIES } from '../../src/core/recording/comparable';
import { diffRecordings } from '../../src/core/recording/diff';
import { recordingName, recordingStem, withRecordingExtension } from '../../src/core/recording/file-name';
import type { Recording } from '../../src/core/recording/format';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'llm', name), 'utf8');

/** A recording of `body` as one response, at the given times and with the given Date header. */
function recording(body: string, { t, date, createdAt }: { t: number; date: string; createdAt: string }): Recording {
  const bytes = new TextEncoder().encode(body);
  const half = Math.floor(bytes.length / 2);
  return {
    version: 1,
    createdAt,
    request: { method: 'POST', url: 'https://api.example.com/v1/chat/completions', headers: [{ name: 'Content-Type', value: 'application/json', enabled: true }], body: { kind: 'json', text: '{"stream":true}' } },
    settings: {},
    connections: [{ status: 200, statusText: 'OK', headers: { 'content-type': 'text/event-stream', date, 'x-request-id': `req_${t}abcdef` }, url: 'https://api.example.com/v1/chat/completions', t, chunks: [{ t: t + 1, data: bytes.slice(0, half) }, { t: t + 9, data: bytes.slice(half) }] }],
    end: { t: t + 10, reason: 'eof', events: 3, bytes: bytes.length },
  };
}

/** The same stream as another run would send it: other ids and creation times. */
function anotherRun(body: string): string {
  return body.replace(/chatcmpl-[A-Za-z0-9]+/g, 'chatcmpl-Zx9QfLr2Kp7Wm').replace(/"created":\d+/g, '"created":1799999999');
}

describe('comparing recordings', () => {
  const body = fixture('openai-chat.sse');
  const first = recording(body, { t: 120.5, date: 'Mon, 01 Sep 2025 10:00:00 GMT', createdAt: '2025-09-01T10:00:00.000Z' });
  const second = recording(anotherRun(body), { t: 340.25, date: 'Tue, 02 Sep 2025 11:30:00 GMT', createdAt: '2025-09-02T11:30:00.000Z' });

  it('finds two runs of one request the same once what always differs is left out', () => {
    assert.ok(body.includes('chatcmpl-'), 'the fixture has generated ids');
    assert.notEqual(comparableText(first, { ignoreVolatile: false }), comparableText(second, { ignoreVolatile: false }));
    assert.equal(comparableText(first, { ignoreVolatile: true }), comparableText(second, { ignoreVolatile: true }));
    assert.equal(diffRecordings(first, second).same, false);
    assert.equal(diffRecordings(first, second, { ignoreVolatile: true }).same, true);
  });

  it('still shows a real change, on its own line', () => {
    const changed = recording(anotherRun(body).replace('"content":"Hello"', '"content":"Hallo"'), { t: 99, date: 'x', createdAt: 'y' });
    assert.ok(anotherRun(body).includes('"content":"Hello"'), 'the fixture has the text changed here');
    const a = comparableText(first, { ignoreVolatile: true }).split('\n');
    const b = comparableText(changed, { ignoreVolatile: true }).split('\n');
    const differing = a.map((line, i) => [line, b[i]]).filter(([x, y]) => x !== y);
    assert.equal(differing.length, 1);
    assert.match(differing[0]![1]!, /"content":"Hallo"/);
    assert.equal(diffRecordings(first, changed, { ignoreVolatile: true }).changes.length, 1);
  });

  it('keeps everything when asked for an exact comparison: timing, dates, the body byte for byte', () => {
    const text = comparableText(first, { ignoreVolatile: false });
    assert.match(text, /^date: Mon, 01 Sep 2025 10:00:00 GMT$/m);
    assert.match(text, /# first byte 120\.5 ms/);
    assert.ok(text.includes(body.trimEnd()), 'the body as received');
    assert.match(comparableText(first, { ignoreVolatile: true }), new RegExp(`^date: ${VARIES}$`, 'm'));
  });

  it('shows the carriage returns of a CRLF stream (Gemini) instead of folding them into line breaks', () => {
    // Gemini ends its lines with CRLF.
    const gemini = fixture('gemini.sse').replace(/\n/g, '\r\n');
    const text = comparableText(recording(gemini, { t: 1, date: 'd', createdAt: 'c' }), { ignoreVolatile: true });
    assert.ok(!text.includes('\r'));
    assert.match(text, /^data: .*␍$/m);
  });

  it('masks the generated values of Anthropic and OpenAI Responses streams, and nothing of event types', () => {
    const anthropic = maskVolatile(fixture('anthropic.sse'));
    assert.doesNotMatch(anthropic, /"id":"msg_[A-Za-z0-9]{6,}/);
    const responses = maskVolatile(fixture('openai-responses.sse'));
    for (const type of ['content_block_delta', 'response.function_call_arguments.delta', 'response.output_text.delta']) {
      assert.equal((fixture('anthropic.sse') + fixture('openai-responses.sse')).split(type).length, (anthropic + responses).split(type).length, type);
    }
    assert.equal(maskVolatile('{"id":"chatcmpl-AbC123xyz","created":1712345678,"n":42}'), `{"id":"chatcmpl-${VARIES}","created":${VARIES},"n":42}`);
    assert.equal(maskVolatile('{"type":"file_search","item_id":"msg_1"}'), `{"type":"file_search","item_id":"msg_${VARIES}"}`);
    assert.equal(maskVolatile('at 2025-09-01T10:00:00.123Z, id 123e4567-e89b-12d3-a456-426614174000'), `at ${VARIES}, id ${VARIES}`);
  });
});

describe('recording file names', () => {
  it('suggests a stem from the saved name or the URL', () => {
    assert.equal(recordingStem('http://127.0.0.1:3001/v1/chat/completions?x=1'), 'completions');
    assert.equal(recordingStem('{{baseUrl}}/v1/messages'), 'messages');
    assert.equal(recordingStem('http://127.0.0.1:3001/'), 'stream');
    assert.equal(recordingStem('', 'Chat: streaming / tools'), 'Chat-streaming-tools');
  });

  it('keeps .streamrec.jsonl whatever was typed over the name', () => {
    assert.equal(withRecordingExtension('mine.streamrec.jsonl'), 'mine.streamrec.jsonl');
    assert.equal(withRecordingExtension('mine.jsonl'), 'mine.streamrec.jsonl');
    assert.equal(withRecordingExtension('mine'), 'mine.streamrec.jsonl');
    assert.equal(withRecordingExtension('dir/mine'), 'dir/mine.streamrec.jsonl');
  });

  it('names a replay after its file', () => {
    assert.equal(recordingName('/w/recordings/chat.streamrec.jsonl'), 'chat');
    assert.equal(recordingName('C:\\w\\old.jsonl'), 'old');
  });
});
