/**
 * `stream-viewer mcp` against the demo's MCP server built with the official
 * SDK, in both reply modes (SSE streams and JSON bodies), and against the
 * hand-written servers that each break one rule of Streamable HTTP.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { ofType, runCli, type CliResult } from './helpers/cli';

type Line = Record<string, unknown>;
type Message = { id?: unknown; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { code: number } };

const rpc = (r: CliResult, dir?: 'out' | 'in'): Message[] => ofType(r, 'rpc').filter((l) => dir === undefined || l.dir === dir).map((l) => l.message as Message);
const codes = (r: CliResult): string[] => ofType(r, 'diagnostic').map((d) => d.code as string);
const exchanges = (r: CliResult): Line[] => ofType(r, 'exchange');

describe('stream-viewer mcp', () => {
  let demo: DemoServer;
  let base: string;
  before(async () => {
    demo = await startDemoServer({ port: 0 });
    base = demo.url;
  });
  after(() => demo.close());

  for (const mode of ['sse', 'json'] as const) {
    const path = mode === 'sse' ? 'mcp' : 'mcp/json';
    it(`initializes, lists tools and ends the session (${mode} replies), every message in order`, async () => {
      const r = await runCli(['mcp', `${base}${path}`, '--json']);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      const order = rpc(r).map((m, i) => `${ofType(r, 'rpc')[i]!.dir} ${m.method ?? (m.result ? 'result' : 'error')}`);
      assert.deepEqual(order, ['out initialize', 'in result', 'out notifications/initialized', 'out tools/list', 'in result']);
      const tools = (rpc(r, 'in')[1]!.result!.tools as { name: string }[]).map((t) => t.name);
      assert.deepEqual(tools.sort(), ['add', 'count', 'echo', 'slow']);
      assert.deepEqual(exchanges(r).map((e) => `${e.method} ${e.purpose}`), ['POST initialize', 'POST notifications/initialized', 'POST tools/list', 'DELETE end session']);
      const responses = ofType(r, 'response');
      const typeOf = (n: number): string => (responses.find((x) => x.exchange === n)!.headers as Record<string, string>)['content-type']!;
      assert.match(typeOf(3), mode === 'sse' ? /^text\/event-stream/ : /^application\/json/);
      assert.equal(responses.find((x) => x.exchange === 2)!.status, 202, 'the notification is accepted');
      const session = ofType(r, 'session')[0]!;
      assert.match(String(session.sessionId), /^[0-9a-f-]{36}$/);
      assert.equal(session.protocolVersion, '2025-11-25');
      assert.deepEqual(codes(r), []);
      assert.equal(ofType(r, 'end').length, 4, 'one end line per HTTP exchange');
    });
  }

  it('shows the SSE events of a tool call: progress and log notifications, then the result, paired with the request', async () => {
    const r = await runCli(['mcp', `${base}mcp`, 'tools/call', '--params', '{"name":"count","arguments":{"to":3,"delayMs":10},"_meta":{"progressToken":"p"}}', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const sent = rpc(r, 'out').find((m) => m.method === 'tools/call')!;
    assert.deepEqual(sent.params, { name: 'count', arguments: { to: 3, delayMs: 10 }, _meta: { progressToken: 'p' } }, '--params goes out as given');
    const progress = rpc(r, 'in').filter((m) => m.method === 'notifications/progress').map((m) => m.params!.progress);
    assert.deepEqual(progress, [1, 2, 3]);
    assert.equal(rpc(r, 'in').filter((m) => m.method === 'notifications/message').length, 3);
    assert.deepEqual(rpc(r, 'in').at(-1)!.result!.content, [{ type: 'text', text: 'Counted to 3 steps.' }]);
    const call = ofType(r, 'call').find((c) => c.method === 'tools/call')!;
    assert.equal(call.state, 'result');
    assert.equal(call.between, 6);
    // Every byte of the POST's reply is there as SSE events, beside the messages they carry.
    const events = ofType(r, 'message').filter((m) => m.exchange === 3 && m.data !== '');
    assert.equal(events.length, 7);
    assert.ok(events.every((e) => typeof e.id === 'string' && e.id !== ''), 'the SDK server with an event store gives every event an id');
  });

  it('answers plainly in the listing without --json', async () => {
    const r = await runCli(['mcp', `${base}mcp`, 'prompts/get', '--params', '{"name":"review","arguments":{"code":"x = 1"}}']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /→ prompts\/get #2 \{"name":"review"/);
    assert.match(r.stdout, /✔ prompts\/get #2 result in [\d.]+ ms/);
    assert.match(r.stdout, /session [0-9a-f-]{36} · protocol 2025-11-25/);
  });

  it('resumes a dropped reply stream with Last-Event-ID and gets every message once', async () => {
    const r = await runCli(['mcp', `${base}mcp`, 'tools/call', '--params', '{"name":"count","arguments":{"to":4,"delayMs":60},"_meta":{"progressToken":7}}', '--resume', '--json']);
    assert.equal(r.code, 0, r.stdout);
    const resume = exchanges(r).find((e) => e.purpose === 'resume');
    assert.ok(resume, 'a GET resumed the stream');
    assert.equal(resume.method, 'GET');
    assert.equal(ofType(r, 'end').find((e) => e.exchange === 3)!.reason, 'aborted', 'the POST stream was dropped');
    const progress = rpc(r, 'in').filter((m) => m.method === 'notifications/progress').map((m) => m.params!.progress);
    assert.deepEqual(progress, [1, 2, 3, 4]);
    assert.equal(ofType(r, 'call').find((c) => c.method === 'tools/call')!.state, 'result');
    assert.deepEqual(codes(r), []);
  });

  it('cancels a slow tool with notifications/cancelled', async () => {
    const r = await runCli(['mcp', `${base}mcp`, 'tools/call', '--params', '{"name":"slow","arguments":{"seconds":30}}', '--cancel-after', '300', '--json']);
    assert.equal(r.code, 0, r.stdout);
    const cancelled = rpc(r, 'out').find((m) => m.method === 'notifications/cancelled')!;
    assert.equal(cancelled.params!.requestId, 2);
    assert.equal(ofType(r, 'call').find((c) => c.method === 'tools/call')!.state, 'cancelled');
    assert.deepEqual(codes(r), []);
  });

  it('gives up on a call whose stream stays quiet longer than --timeout', async () => {
    const r = await runCli(['mcp', `${base}mcp`, 'tools/call', '--params', '{"name":"slow","arguments":{"seconds":5}}', '--timeout', '300', '--json']);
    assert.equal(r.code, 1);
    assert.equal(ofType(r, 'error').find((e) => e.exchange === 3)!.code, 'timeout');
    assert.equal(ofType(r, 'call').find((c) => c.method === 'tools/call')!.state, 'no-response');
    assert.deepEqual(codes(r), [], 'the client gave up: no rule of the server was broken');
  });

  it('exits 1 on a JSON-RPC error and offers a forced protocol version', async () => {
    const r = await runCli(['mcp', `${base}mcp/json`, 'no/such-method', '--protocol-version', '2025-03-26', '--json']);
    assert.equal(r.code, 1);
    assert.equal(rpc(r, 'out')[0]!.params!.protocolVersion, '2025-03-26');
    assert.equal(ofType(r, 'session')[0]!.protocolVersion, '2025-03-26');
    assert.equal(rpc(r, 'in').at(-1)!.error!.code, -32601);
  });

  it('finds nothing to report on the SDK server with --probe (preflight, ended session gets 404)', async () => {
    const r = await runCli(['mcp', `${base}mcp`, 'ping', '--probe', '--json']);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(codes(r), []);
    assert.deepEqual(exchanges(r).map((e) => `${e.method} ${e.purpose}`), ['POST initialize', 'POST notifications/initialized', 'OPTIONS preflight', 'POST origin check', 'POST ping', 'DELETE end session', 'POST ping']);
    assert.equal(ofType(r, 'response').find((x) => x.exchange === 4)!.status, 403, 'a foreign Origin is refused');
    assert.equal(ofType(r, 'response').at(-1)!.status, 404);
  });

  it('re-initializes when the session expired (404) and sends the request again', async () => {
    const r = await runCli(['mcp', `${base}mcp/broken/expiring`, '--json']);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(codes(r), ['mcp-session-expired']);
    assert.equal(rpc(r, 'out').filter((m) => m.method === 'initialize').length, 2);
    assert.equal(ofType(r, 'call').at(-1)!.state, 'result');
  });

  const broken: [rule: string, code: string, extra: string[]][] = [
    ['content-type', 'mcp-reply-content-type', []],
    ['notification-status', 'mcp-notification-not-accepted', []],
    ['session-missing', 'mcp-session-id-missing', []],
    ['session-changed', 'mcp-session-id-changed', []],
    ['unknown-id', 'mcp-unknown-response-id', []],
    ['sse-no-ids', 'mcp-sse-event-without-id', []],
    ['resume-repeats', 'mcp-resume-repeated', ['--resume']],
    ['resume-loses', 'mcp-resume-lost', ['--resume']],
    ['ended-session-200', 'mcp-ended-session-not-404', ['--probe']],
    ['cors', 'mcp-cors-preflight', ['--probe']],
    ['cors', 'mcp-cors-session-id-not-exposed', []],
    ['origin', 'mcp-origin-not-validated', ['--probe']],
  ];
  for (const [rule, code, extra] of broken) {
    it(`reports ${code} against /mcp/broken/${rule}, with its fix, and exits 1`, async () => {
      const r = await runCli(['mcp', `${base}mcp/broken/${rule}`, 'tools/call', '--params', '{"name":"count","_meta":{"progressToken":1}}', '--json', ...extra]);
      assert.equal(r.code, 1, r.stdout);
      const d = ofType(r, 'diagnostic').find((x) => x.code === code);
      assert.ok(d, `${code} in ${codes(r).join(', ')}`);
      assert.ok(String(d.fix).length > 20);
      assert.ok(rule === 'resume-repeats' || rule === 'resume-loses' || rule === 'unknown-id' || codes(r).length === 1 || rule === 'cors', `only ${code}: ${codes(r).join(', ')}`);
    });
  }

  it('runs an MCP request saved in a collection, with variables, a secret header and CI assertions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stream-viewer-mcp-'));
    try {
      const file = join(dir, 'mcp.streams.json');
      writeFileSync(file, JSON.stringify({
        version: 1,
        environments: [{ name: 'local', variables: { base: base.replace(/\/$/, ''), steps: '2' } }],
        requests: [
          { name: 'count', method: 'POST', url: '{{base}}/mcp', headers: [{ name: 'Authorization', value: 'Bearer {{secret:mcp_token}}' }], mcp: { method: 'tools/call', params: { name: 'echo', arguments: { text: 'steps={{steps}}' }, _meta: { progressToken: 'p' } } } },
          { name: 'progress', method: 'POST', url: '{{base}}/mcp/json', mcp: { method: 'tools/list', protocolVersion: '2025-06-18' } },
        ],
      }));
      const env = { STREAM_VIEWER_SECRET_MCP_TOKEN: 'tok-secret-9' };
      const r = await runCli(['run', file, 'count', '--env', 'local', '--json', '--expect-status', '200', '--expect-event', 'result', '--expect-events', '1'], env);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.deepEqual(rpc(r, 'in').at(-1)!.result!.content, [{ type: 'text', text: 'steps=2' }]);
      assert.deepEqual(ofType(r, 'assertion').map((a) => a.ok), [true, true, true]);
      assert.doesNotMatch(r.stdout, /tok-secret-9/);
      const versioned = await runCli(['run', file, 'progress', '--env', 'local', '--json', '--expect-event', 'notifications/progress'], env);
      assert.equal(versioned.code, 1, 'a JSON reply carries no progress: the assertion fails');
      assert.equal(rpc(versioned, 'out')[0]!.params!.protocolVersion, '2025-06-18');
      assert.match(String(ofType(versioned, 'assertion')[0]!.message), /expected an event of type "notifications\/progress"; got "result"/);
      const missing = await runCli(['run', file, 'count', '--env', 'local']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /secret:mcp_token \(set STREAM_VIEWER_SECRET_MCP_TOKEN\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records each HTTP exchange, to replay and diff like any stream', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stream-viewer-mcp-rec-'));
    try {
      const call = ['tools/call', '--params', '{"name":"count","arguments":{"to":2,"delayMs":5},"_meta":{"progressToken":1}}'];
      const first = await runCli(['mcp', `${base}mcp`, ...call, '--record', join(dir, 'a')]);
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual(readdirSync(join(dir, 'a')).sort(), ['01-post-initialize.streamrec.jsonl', '02-post-notifications-initialized.streamrec.jsonl', '03-post-tools-call.streamrec.jsonl', '04-delete-end-session.streamrec.jsonl']);
      const replay = await runCli(['--replay', join(dir, 'a', '03-post-tools-call.streamrec.jsonl'), '--speed', '0', '--json']);
      const data = ofType(replay, 'message').map((m) => m.data as string).filter((d) => d !== '');
      assert.deepEqual(data.map((d) => (JSON.parse(d) as Message).method ?? 'result'), ['notifications/progress', 'notifications/message', 'notifications/progress', 'notifications/message', 'result']);
      assert.equal((await runCli(['mcp', `${base}mcp`, ...call, '--record', join(dir, 'b')])).code, 0);
      const diff = await runCli(['diff', join(dir, 'a', '03-post-tools-call.streamrec.jsonl'), join(dir, 'b', '03-post-tools-call.streamrec.jsonl')]);
      assert.equal(diff.code, 0, diff.stdout);
      assert.match(diff.stdout, /Same events \(6\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what is wrong with the usage (exit 2)', async () => {
    const none = await runCli(['mcp']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /mcp needs the server URL/);
    const bad = await runCli(['mcp', `${base}mcp`, 'tools/call', '--params', '[1]']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--params must be a JSON object/);
  });
});
