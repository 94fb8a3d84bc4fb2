/** JSON-RPC as MCP uses it: reading messages, pairing requests with responses, and the replies of one exchange. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Exchange } from '../../src/core/mcp/exchange';
import type { McpFinding } from '../../src/core/mcp/diagnostics';
import { parseRpcText, rpcKind, rpcProblem, type RpcMessage } from '../../src/core/mcp/jsonrpc';
import { RpcLog, rpcRecord } from '../../src/core/mcp/rpc-log';
import { splits } from './helpers/feed';

describe('JSON-RPC messages', () => {
  it('tells the four kinds apart and reads a batch', () => {
    const parsed = parseRpcText('[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":"a","result":{}},{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}]');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.messages.map(rpcKind), ['request', 'notification', 'result', 'error']);
  });

  it('says why a value is not a message', () => {
    assert.equal(rpcProblem({ id: 1, method: 'x' }), '"jsonrpc" is not "2.0"');
    assert.equal(rpcProblem({ jsonrpc: '2.0', id: null, method: 'x' }), 'a request id must be a string or a number');
    assert.equal(rpcProblem({ jsonrpc: '2.0', id: 1, result: {}, error: { code: 1, message: 'm' } }), 'neither a call (method) nor exactly one of result and error');
    assert.equal(rpcProblem({ jsonrpc: '2.0', id: 1, result: 3 }), '"result" is not an object');
    assert.equal(rpcProblem({ jsonrpc: '2.0', id: 1, error: { message: 'm' } }), '"error" needs a numeric code and a message');
    assert.match(parseRpcText('{"jsonrpc":').problems[0]!, /^not JSON/);
  });
});

const msg = (m: RpcMessage): RpcMessage => m;

describe('pairing requests with responses', () => {
  it('pairs by id across exchanges, with its duration and what came in between', () => {
    const log = new RpcLog();
    log.sent(rpcRecord('out', msg({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { _meta: { progressToken: 'p' } } }), 10, 1));
    log.sent(rpcRecord('out', msg({ jsonrpc: '2.0', id: '1', method: 'ping' }), 11, 2));
    // Progress for token p arrives on the GET listener (exchange 3): it still belongs to the call that asked for it.
    assert.equal(log.received(rpcRecord('in', msg({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 'p', progress: 1 } }), 12, 3)).kind, 'related');
    // A log message on the POST stream of ping belongs to ping.
    const related = log.received(rpcRecord('in', msg({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'x' } }), 13, 2));
    assert.equal(related.kind === 'related' && related.call.method, 'ping');
    const ping = log.received(rpcRecord('in', msg({ jsonrpc: '2.0', id: '1', result: {} }), 14, 2));
    assert.equal(ping.kind === 'response' && ping.call.method, 'ping', '"1" answers the string id, not the number');
    const call = log.received(rpcRecord('in', msg({ jsonrpc: '2.0', id: 1, result: { content: [] } }), 30.25, 1));
    assert.ok(call.kind === 'response');
    assert.equal(call.call.state, 'result');
    assert.equal(call.call.durationMs, 20.3);
    assert.equal(call.call.between.length, 1);
    assert.deepEqual(log.pendingIds(), []);
  });

  it('reports a response that answers nothing in flight', () => {
    const log = new RpcLog();
    log.sent(rpcRecord('out', msg({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), 0, 1));
    const r = log.received(rpcRecord('in', msg({ jsonrpc: '2.0', id: 1002, result: {} }), 1, 1));
    assert.deepEqual(r, { kind: 'unknown-response', pending: [2] });
  });

  it('gives an error without an id to the request of its exchange, and follows a resumed stream', () => {
    const log = new RpcLog();
    log.sent(rpcRecord('out', msg({ jsonrpc: '2.0', id: 5, method: 'tools/call' }), 0, 4));
    log.continues(9, 4);
    assert.equal(log.received(rpcRecord('in', msg({ jsonrpc: '2.0', method: 'notifications/message' }), 1, 9)).kind, 'related');
    const r = log.received(rpcRecord('in', msg({ jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Bad Request' } }), 2, 9));
    assert.equal(r.kind === 'response' && r.call.state, 'error');
  });

  it('settles a call without a response', () => {
    const log = new RpcLog();
    log.sent(rpcRecord('out', msg({ jsonrpc: '2.0', id: 3, method: 'tools/call' }), 0, 1));
    assert.equal(log.settle(3, 'cancelled')?.state, 'cancelled');
    assert.equal(log.settle(3, 'cancelled'), undefined);
  });
});

/** A `fetch` that answers with these body chunks and content type (a mock for this one unit). */
function answering(chunks: Uint8Array[], contentType: string, status = 200): typeof fetch {
  return (async () => {
    let i = 0;
    const body = new ReadableStream<Uint8Array>({ pull: (c) => (i < chunks.length ? c.enqueue(chunks[i++]!) : c.close()) });
    return new Response(body, { status, headers: { 'content-type': contentType } });
  }) as unknown as typeof fetch;
}

async function messagesOf(chunks: Uint8Array[], contentType: string, status?: number): Promise<{ messages: [RpcMessage, string | undefined][]; findings: McpFinding[] }> {
  const messages: [RpcMessage, string | undefined][] = [];
  const findings: McpFinding[] = [];
  const ex = new Exchange({ method: 'POST', url: 'http://mcp.test/mcp', headers: [], body: { jsonrpc: '2.0', id: 1, method: 'tools/call' } }, {
    fetch: answering(chunks, contentType, status),
    onItem: () => undefined,
    onMessage: (m, id) => messages.push([m, id]),
    onFinding: (f) => findings.push(f),
  });
  await ex.done;
  return { messages, findings };
}

describe('the messages of one reply', () => {
  const progress = '{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":1,"note":"é✓"}}';
  const result = '{"jsonrpc":"2.0","id":1,"result":{"content":[]}}';

  it('reads an SSE reply the same however its bytes are split, with each event id', async () => {
    const bytes = new TextEncoder().encode(`id: a\ndata:\n\nid: b\ndata: ${progress}\n\nid: c\ndata: ${result}\n\n`);
    for (const { label, chunks } of splits(bytes)) {
      const { messages, findings } = await messagesOf(chunks, 'text/event-stream');
      assert.deepEqual(messages.map(([m, id]) => [rpcKind(m), id]), [['notification', 'b'], ['result', 'c']], label);
      assert.deepEqual(findings, [], label);
    }
  });

  it('reads a JSON reply body the same however its bytes are split', async () => {
    const bytes = new TextEncoder().encode(result);
    for (const { label, chunks } of splits(bytes)) {
      const { messages } = await messagesOf(chunks, 'application/json');
      assert.deepEqual(messages.map(([m]) => m), [JSON.parse(result)], label);
    }
  });

  it('flags an event without its own id once ids are in use, and data that is no message', async () => {
    const text = `id: 1\ndata: ${progress}\n\ndata: {"hello":1}\n\n`;
    const { messages, findings } = await messagesOf([new TextEncoder().encode(text)], 'text/event-stream');
    assert.equal(messages.length, 1);
    assert.deepEqual(findings.map((f) => f.code), ['mcp-sse-event-without-id', 'mcp-invalid-message']);
  });

  it('reads the JSON-RPC error in the body of an HTTP error', async () => {
    const { messages } = await messagesOf([new TextEncoder().encode('{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Bad Request"}}')], 'application/json', 400);
    assert.equal(messages.length, 1);
    assert.equal(rpcKind(messages[0]![0]), 'error');
  });
});
