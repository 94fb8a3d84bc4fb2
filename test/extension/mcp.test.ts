/** The MCP panel in the extension host, against the demo's SDK-built MCP server. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StreamViewerApi } from '../../src/extension/extension';
import type { McpPanel } from '../../src/extension/mcp/mcp-panel';
import type { TimelineItem } from '../../src/core/items';
import { parseRecording } from '../../src/core/recording/format';
import { replayRecording } from '../../src/core/recording/replay';
import { Commands } from '../../src/shared/ids';
import { activate, closeAll, until } from './helpers';

describe('the MCP panel', () => {
  let api: StreamViewerApi;
  let url: string;
  before(async () => {
    api = await activate();
    url = await vscode.commands.executeCommand<string>(Commands.openDemoServer, '/mcp');
    await closeAll();
  });
  afterEach(closeAll);

  it('connects with a secret header, lists every page, calls a tool and shows the call in its webview', async () => {
    await api.secrets.set('mcp_token', 'tok-very-secret');
    const panel = await vscode.commands.executeCommand<McpPanel>(Commands.connectMcp, url);
    const init = await panel.connect({ url, headers: [{ name: 'Authorization', value: 'Bearer {{secret:mcp_token}}' }], protocolVersion: '', listen: true });
    assert.equal(init.kind, 'result');
    const connected = await until('the session in the webview', async () => {
      const s = await panel.inspect();
      return s.connected && s.listed.length === 4 ? s : undefined;
    });
    assert.match(connected.sessionId ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual([...connected.listed].sort(), ['add', 'count', 'echo', 'slow']);
    const call = panel.call('tools/call', { name: 'add', arguments: { a: 2, b: 40 } })!;
    const outcome = await call.outcome;
    assert.ok(outcome.kind === 'result');
    assert.deepEqual(outcome.result.structuredContent, { sum: 42 });
    const shown = await until('the call in the log and its exchange in the timeline', async () => {
      const s = await panel.inspect();
      return s.calls.includes(`tools/call #${String(call.id)} result`) && s.timelineRows.some((r) => r.includes('"sum":42')) ? s : undefined;
    });
    assert.deepEqual(shown.diagnostics, []);
    assert.ok(shown.timelineRows.every((r) => !r.includes('tok-very-secret')));
  });

  it('cancels a slow tool call', async () => {
    const panel = await vscode.commands.executeCommand<McpPanel>(Commands.connectMcp, url);
    await panel.connect({ url, headers: [], protocolVersion: '2025-06-18', listen: false });
    const call = panel.call('tools/call', { name: 'slow', arguments: { seconds: 60 } })!;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await panel.cancel(call.id);
    assert.equal((await call.outcome).kind, 'cancelled');
    await until('the cancelled call in the log', async () => (await panel.inspect()).calls.includes(`tools/call #${String(call.id)} cancelled`));
  });

  it('saves a call into a collection as an MCP request: the form as written, secrets as references; a taken name is refused', async () => {
    await api.secrets.set('mcp_token', 'tok-never-on-disk');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.newCollection, `mcp-saved-${Date.now()}`);
    const panel = await vscode.commands.executeCommand<McpPanel>(Commands.connectMcp, url);
    const headers = [{ name: 'Authorization', value: 'Bearer {{secret:mcp_token}}' }];
    assert.equal((await panel.connect({ url, headers, protocolVersion: '2025-06-18', listen: false })).kind, 'result');
    const params = { name: 'echo', arguments: { text: 'hi {{who}}' } };
    const saved = await panel.save('tools/call', params, 'echo', { uri, folder: [], name: 'echo hi' });
    assert.deepEqual(saved?.path, ['echo hi']);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const request = (JSON.parse(text) as { requests: unknown[] }).requests[0];
    assert.deepEqual(request, { name: 'echo hi', method: 'POST', url, headers, mcp: { method: 'tools/call', params, protocolVersion: '2025-06-18' } });
    assert.ok(!text.includes('tok-never-on-disk'), 'the secret stays a reference');
    assert.equal(await panel.save('tools/call', params, 'echo', { uri, folder: [], name: 'echo hi' }), undefined, 'a second "echo hi" is refused');
  });

  it('saves an HTTP exchange as a recording that replays to the same reply, its secret masked', async () => {
    await api.secrets.set('mcp_token', 'tok-in-a-recording');
    const panel = await vscode.commands.executeCommand<McpPanel>(Commands.connectMcp, url);
    assert.equal((await panel.connect({ url, headers: [{ name: 'Authorization', value: 'Bearer {{secret:mcp_token}}' }], protocolVersion: '', listen: false })).kind, 'result');
    const outcome = await panel.call('tools/call', { name: 'echo', arguments: { text: 'recorded tok-in-a-recording' } })!.outcome;
    assert.ok(outcome.kind === 'result');
    const n = outcome.call.request.exchange;
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, `mcp-exchange-${Date.now()}.streamrec.jsonl`);
    assert.equal((await panel.saveRecording(n, file))?.toString(), file.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    assert.ok(!text.includes('tok-in-a-recording'), 'the secret is masked in the request and in the echoed reply');
    const rec = parseRecording(text);
    assert.equal(rec.request.method, 'POST');
    assert.equal(rec.connections[0]?.status, 200);
    const items: TimelineItem[] = [];
    await replayRecording(rec, { onItem: (i) => items.push(i) }, { speed: 0 });
    const replies = items.filter((i) => i.kind === 'message').map((i) => (i.kind === 'message' ? i.data : ''));
    assert.ok(replies.some((d) => d.includes('"result"') && d.includes('recorded')), replies.join('\n'));
  });

  it('opens a saved MCP request, connects and makes its call', async () => {
    await api.secrets.set('mcp_token', 'tok-saved');
    const source = { uri: vscode.Uri.file('/nowhere/mcp.streams.json'), path: ['echo it'] };
    const panel = await vscode.commands.executeCommand<McpPanel>(Commands.connectMcp, { url, headers: [{ name: 'Authorization', value: 'Bearer {{secret:mcp_token}}' }], source, call: { method: 'tools/call', params: { name: 'echo', arguments: { text: 'say "hi" via {{secret:mcp_token}}' } } }, send: true });
    assert.equal(panel.panel.title, 'MCP: echo it');
    const s = await until('the saved call answered in the log', async () => {
      const x = await panel.inspect();
      return x.calls.some((c) => c.startsWith('tools/call') && c.endsWith('result')) ? x : undefined;
    });
    assert.ok(s.connected);
    assert.ok(s.timelineRows.some((r) => r.includes('say \\"hi\\" via ••••••')), `the filled-in params came back, the secret masked: ${s.timelineRows.join(' | ')}`);
  });

  it('checks browser access on request: a server that answers any origin is flagged', async () => {
    const open = url.replace(/\/mcp$/, '/mcp/broken/origin');
    const panel = await vscode.commands.executeCommand<McpPanel>(Commands.connectMcp, open);
    await panel.connect({ url: open, headers: [], protocolVersion: '', listen: false });
    await panel.probe();
    await until('the Origin finding in the webview', async () => (await panel.inspect()).diagnostics.includes('mcp-origin-not-validated'));
    const sdk = await vscode.commands.executeCommand<McpPanel>(Commands.connectMcp, url);
    await sdk.connect({ url, headers: [], protocolVersion: '', listen: false });
    await sdk.probe();
    // The foreign-origin initialize is refused with 403 and a JSON-RPC error.
    await until('the checks to be logged', async () => (await sdk.inspect()).calls.some((c) => /^initialize #(?!1 )\d+ error$/.test(c)));
    assert.deepEqual((await sdk.inspect()).diagnostics, [], 'the SDK demo refuses a foreign Origin and answers the preflight');
  });

  it('shows the spec checks of a broken server', async () => {
    const broken = url.replace(/\/mcp$/, '/mcp/broken/session-changed');
    const panel = await vscode.commands.executeCommand<McpPanel>(Commands.connectMcp, broken);
    await panel.connect({ url: broken, headers: [], protocolVersion: '', listen: false });
    await until('the diagnostic in the webview', async () => (await panel.inspect()).diagnostics.includes('mcp-session-id-changed'));
  });
});
