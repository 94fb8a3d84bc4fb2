/** The MCP client of the engine against the demo's SDK-built server: lists with pagination, prompts, resources, ping, the listener stream. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { McpClient, type McpEvent } from '../../src/core/mcp/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';

describe('the MCP client', () => {
  let demo: DemoServer;
  let events: McpEvent[];
  let client: McpClient;
  before(async () => {
    demo = await startDemoServer({ port: 0 });
    events = [];
    client = new McpClient({ url: `${demo.url}mcp`, headers: [{ name: 'X-Demo', value: 'yes' }], onEvent: (e) => events.push(e) });
    const init = await client.connect();
    assert.equal(init.kind, 'result');
  });
  after(async () => {
    await client.close();
    await demo.close();
  });

  it('follows nextCursor through every page of a list', async () => {
    const list = await client.listAll('resources/list', 'resources');
    assert.equal(list.pages, 3);
    assert.deepEqual(list.items.map((r) => (r as { uri: string }).uri), ['demo://readme', 'demo://config.json', 'demo://notes/1', 'demo://notes/2', 'demo://notes/3']);
    const templates = await client.listAll('resources/templates/list', 'resourceTemplates');
    assert.deepEqual(templates.items.map((t) => (t as { uriTemplate: string }).uriTemplate), ['demo://items/{id}']);
  });

  it('gets a prompt, reads a resource and a template, pings', async () => {
    const prompt = await client.request('prompts/get', { name: 'review', arguments: { code: 'x = 1', language: 'python' } });
    assert.ok(prompt.kind === 'result');
    assert.match(JSON.stringify(prompt.result.messages), /review this python code/);
    const read = await client.request('resources/read', { uri: 'demo://items/42' });
    assert.ok(read.kind === 'result');
    assert.deepEqual(JSON.parse((read.result.contents as { text: string }[])[0]!.text), { id: '42', name: 'Item 42' });
    assert.equal((await client.request('ping')).kind, 'result');
  });

  it('sends the session id, protocol version and the user\'s headers on every request after initialize', () => {
    const requests = events.flatMap((e) => (e.type === 'item' && e.item.kind === 'request' && e.item.method === 'POST' ? [e.item.headers] : []));
    const sessionId = client.session.sessionId!;
    assert.match(sessionId, /^[0-9a-f-]{36}$/);
    assert.equal(requests[0]!['Mcp-Session-Id'], undefined, 'initialize goes without one');
    for (const h of requests.slice(1)) {
      assert.equal(h['Mcp-Session-Id'], sessionId);
      assert.equal(h['MCP-Protocol-Version'], '2025-11-25');
      assert.equal(h['X-Demo'], 'yes');
      assert.equal(h.Accept, 'application/json, text/event-stream');
    }
  });

  it('opens the GET listener stream the SDK server offers', async () => {
    client.listen();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const listener = events.find((e) => e.type === 'exchange' && e.exchange.purpose === 'listener');
    assert.ok(listener && listener.type === 'exchange');
    const head = events.find((e) => e.type === 'item' && e.exchange === listener.exchange.n && e.item.kind === 'response');
    assert.ok(head && head.type === 'item' && head.item.kind === 'response');
    assert.equal(head.item.status, 200);
    assert.equal(head.item.format, 'sse');
  });
});
