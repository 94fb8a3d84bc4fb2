import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { Commands } from '../../src/shared/ids';
import { activate, closeAll, until } from './helpers';
import type { StreamViewerApi } from '../../src/extension/extension';

describe('Stream Viewer in VS Code', () => {
  let api: StreamViewerApi;
  before(async () => {
    api = await activate();
  });
  afterEach(closeAll);

  it('contributes every command to the palette', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of Object.values(Commands)) assert.ok(all.includes(id), id);
  });

  it('opens a request panel whose webview comes up and answers', async () => {
    await vscode.commands.executeCommand(Commands.newRequest);
    const panel = await until('a panel', () => api.activePanel());
    await until('the webview to say it is ready', () => panel.isReady);
  });

  it('streams from the demo server through the webview and back, to the close event', async () => {
    const url = await vscode.commands.executeCommand<string>(Commands.openDemoServer, '/sse?count=3&interval=10');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/sse\?count=3/);
    const panel = await until('a panel', () => api.activePanel());
    await until('the webview to be ready', () => panel.isReady);
    await vscode.commands.executeCommand(Commands.send);
    await panel.whenIdle();
    const items = panel.timeline();
    const messages = items.filter((i) => i.kind === 'message');
    assert.deepEqual(messages.map((m) => (m.kind === 'message' ? m.event : '')), ['message', 'message', 'message', 'close']);
    assert.equal(items.at(-1)?.kind, 'end');
    // Every item reached the webview, and its rows show them, the last one (following the tail) included.
    await until('the webview to have every item', async () => (await panel.inspect()).kept === items.length);
    await until('the end row on screen', async () => (await panel.inspect()).visibleRows.some((r) => r.includes('Stream ended by the server')));
  });

  it('stops a stream that would run for minutes, and nothing keeps running after close', async () => {
    await vscode.commands.executeCommand(Commands.openDemoServer, '/sse?count=100000&interval=200');
    const panel = await until('a panel', () => api.activePanel());
    const done = panel.send();
    await until('some events', () => panel.timeline().filter((i) => i.kind === 'message').length >= 2);
    assert.equal(panel.streaming, true);
    await vscode.commands.executeCommand(Commands.stop);
    const end = await done;
    assert.equal(end.reason, 'aborted');
    assert.equal(panel.streaming, false);

    const again = panel.send();
    await until('streaming again', () => panel.timeline().some((i) => i.kind === 'message'));
    await closeAll();
    const endOnClose = await again;
    assert.equal(endOnClose.reason, 'aborted');
    assert.equal(api.panels().length, 0);
  });

  it('imports a cURL command into the panel and copies it back', async () => {
    const spec = await vscode.commands.executeCommand<{ method: string; url: string }>(
      Commands.importCurl,
      `curl -N https://api.example.com/v1/chat/completions -H 'Authorization: Bearer x' -H 'Content-Type: application/json' -d '{"stream":true}'`,
    );
    assert.equal(spec.method, 'POST');
    const panel = await until('a panel', () => api.activePanel());
    assert.equal(panel.request.spec.url, 'https://api.example.com/v1/chat/completions');
    const curl = await vscode.commands.executeCommand<string>(Commands.copyAsCurl);
    assert.match(curl, /-X POST|--data|-d /);
    assert.equal(await vscode.env.clipboard.readText(), curl);
  });

  it('shows a refused connection as an error item and an end, without throwing', async () => {
    await vscode.commands.executeCommand(Commands.newRequest);
    const panel = await until('a panel', () => api.activePanel());
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const end = await panel.send({ ...panel.request.spec, url: `http://127.0.0.1:${port}/never` });
    assert.equal(end.reason, 'error');
    const error = panel.timeline().find((i) => i.kind === 'error');
    assert.equal(error?.kind === 'error' && error.code, 'connection-refused', error?.kind === 'error' ? error.message : 'no error item');
  });

  it('exports the timeline as JSON Lines and clears it', async () => {
    await vscode.commands.executeCommand(Commands.openDemoServer, '/ndjson?count=4&interval=0');
    const panel = await until('a panel', () => api.activePanel());
    await panel.send();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const target = vscode.Uri.joinPath(folder, 'export.jsonl');
    await vscode.commands.executeCommand(Commands.exportTimeline, target);
    const text = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    assert.equal(lines.filter((l) => l.type === 'message').length, 4, text.slice(0, 2000));
    assert.equal(lines.at(-1)?.type, 'end');
    await vscode.commands.executeCommand(Commands.clearTimeline);
    assert.equal(panel.timeline().length, 0);
  });

  it("finds the seed server's problems on the host and shows them and the assembled LLM stream in the webview", async () => {
    await vscode.commands.executeCommand(Commands.openDemoServer, '/sse/seed-bug?interval=0');
    const seed = await until('a panel', () => api.activePanel());
    await until('the webview to be ready', () => seed.isReady);
    await seed.send();
    await until('the blank-line diagnostic', () => seed.diagnostics.some((d) => d.code === 'sse-fields-split-by-blank-lines'));
    await until('the reconnect diagnostic', () => seed.diagnostics.some((d) => d.code === 'sse-endless-reconnect'));
    assert.ok(seed.diagnostics.every((d) => d.fix.length > 0));
    await until('the webview to list them', async () => (await seed.inspect()).problems.includes('sse-fields-split-by-blank-lines'));

    await vscode.commands.executeCommand(Commands.openDemoServer, '/v1/messages?interval=0');
    const llm = await until('a panel', () => api.panels().find((p) => p !== seed));
    await until('the webview to be ready', () => llm.isReady);
    await llm.send();
    assert.equal(llm.merged()?.provider, 'anthropic');
    const merged = await until('the merged view', async () => (await llm.inspect()).merged ?? undefined);
    assert.equal(merged.provider, 'anthropic');
    assert.equal(merged.textLength, llm.merged()?.text.length);
    assert.ok(merged.textLength > 50);
  });

  it('saves a stream as a recording, opens it into a new panel, exports it and compares it', async () => {
    await vscode.commands.executeCommand(Commands.openDemoServer, '/sse?count=3&interval=10');
    const live = await until('a panel', () => api.activePanel());
    await live.send();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const file = vscode.Uri.joinPath(folder, 'demo.streamrec.jsonl');
    await vscode.commands.executeCommand(Commands.saveRecording, file);
    const opened = await vscode.commands.executeCommand<{ reason: string }>(Commands.openRecording, file, 0);
    assert.equal(opened.reason, 'eof');
    const replayed = api.panels().find((p) => p !== live)!;
    const events = (p: typeof live): string[] => p.timeline().flatMap((i) => (i.kind === 'message' ? [`${i.event}:${i.id}:${i.data}`] : []));
    assert.deepEqual(events(replayed), events(live));
    const har = vscode.Uri.joinPath(folder, 'demo.har');
    await vscode.commands.executeCommand(Commands.exportRecording, 'har', har);
    const log = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(har)).toString('utf8')) as { log: { entries: { response: { status: number } }[] } };
    assert.equal(log.log.entries[0]!.response.status, 200);
    const diff = await vscode.commands.executeCommand<{ same: boolean }>(Commands.diffRecordings, file, file);
    assert.equal(diff.same, true);
  });

  it('keeps several panels apart, each with its own request', async () => {
    await vscode.commands.executeCommand(Commands.openDemoServer, '/sse?count=1&interval=0');
    await vscode.commands.executeCommand(Commands.openDemoServer, '/ndjson?count=2&interval=0');
    const [a, b] = api.panels();
    assert.ok(a && b);
    await Promise.all([a.send(), b.send()]);
    assert.equal(a.timeline().filter((i) => i.kind === 'message').length, 2);
    assert.equal(b.timeline().filter((i) => i.kind === 'message').length, 2);
    assert.notEqual(a.request.spec.url, b.request.spec.url);
  });
});
