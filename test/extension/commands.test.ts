import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/shared/ids';
import type { StreamViewerApi } from '../../src/extension/extension';
import type { RecordingDiff } from '../../src/core/recording/diff';
import { fileExists as exists } from '../../src/extension/file-exists';
import { activate, closeAll, until } from './helpers';


/** Accepts the quick input a running command shows (as pressing Enter would) until the command ends. */
async function acceptInputs<T>(running: Thenable<T>): Promise<T> {
  let done = false;
  const result = Promise.resolve(running).finally(() => (done = true));
  while (!done) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((r) => setTimeout(r, 100));
  }
  return result;
}

describe('Commands: import, recordings and their comparison', () => {
  let api: StreamViewerApi;
  let folder: vscode.Uri;

  before(async () => {
    api = await activate();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
  });
  afterEach(closeAll);

  it('imports a cURL command into a new panel, leaving the open request and its timeline alone', async () => {
    await vscode.commands.executeCommand(Commands.openDemoServer, '/sse?count=2&interval=0');
    const open = await until('a panel', () => api.activePanel());
    await open.send();
    const before = { url: open.request.spec.url, items: open.timeline().length };
    assert.ok(before.items > 0);
    await vscode.commands.executeCommand(Commands.importCurl, `curl -N https://api.example.com/v1/messages -H 'x-api-key: {{secret:anthropic}}' -d '{"stream":true}'`);
    assert.equal(api.panels().length, 2);
    const imported = api.activePanel()!;
    assert.notEqual(imported, open);
    assert.equal(imported.request.spec.url, 'https://api.example.com/v1/messages');
    assert.equal(imported.request.spec.method, 'POST');
    assert.equal(imported.timeline().length, 0);
    assert.equal(open.request.spec.url, before.url);
    assert.equal(open.timeline().length, before.items);
  });

  it('saves a recording under a name suggested from the request, never over another, and replays it labelled as a replay', async () => {
    await vscode.commands.executeCommand(Commands.openDemoServer, '/sse?count=2&interval=0');
    const live = await until('a panel', () => api.activePanel());
    await live.send();
    const first = await acceptInputs(vscode.commands.executeCommand<vscode.Uri>(Commands.saveRecording));
    assert.equal(first?.toString(), vscode.Uri.joinPath(folder, 'sse.streamrec.jsonl').toString());
    assert.ok(await exists(first));
    const second = await acceptInputs(vscode.commands.executeCommand<vscode.Uri>(Commands.saveRecording));
    assert.equal(second?.toString(), vscode.Uri.joinPath(folder, 'sse-2.streamrec.jsonl').toString());

    await vscode.commands.executeCommand(Commands.openRecording, first, 0);
    const replay = api.panels().find((p) => p !== live)!;
    assert.equal(replay.panel.title, 'Replay: sse');
    await vscode.workspace.fs.delete(first);
    await vscode.workspace.fs.delete(second);
  });

  it('compares two runs of an LLM request side by side in the diff editor, ignoring what always differs unless asked', async () => {
    const url = await vscode.commands.executeCommand<string>(Commands.openDemoServer, '/v1/chat/completions?interval=0');
    const panel = await until('a panel', () => api.activePanel());
    const files = [vscode.Uri.joinPath(folder, 'run-a.streamrec.jsonl'), vscode.Uri.joinPath(folder, 'run-b.streamrec.jsonl')] as const;
    for (const file of files) {
      await panel.send({ method: 'POST', url, body: { kind: 'json', text: '{"stream":true,"messages":[{"role":"user","content":"echo:same answer"}]}' } }, {});
      await vscode.commands.executeCommand(Commands.saveRecording, file);
    }
    const exact = await vscode.commands.executeCommand<RecordingDiff>(Commands.diffRecordings, files[0], files[1], true);
    assert.equal(exact.same, false, 'each run has its own chatcmpl id');
    const diff = await vscode.commands.executeCommand<RecordingDiff>(Commands.diffRecordings, files[0], files[1]);
    assert.equal(diff.same, true);

    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `the active tab is ${tab?.label}`);
    assert.equal(tab.label, 'run-a ↔ run-b (ignoring timing, dates and ids)');
    const [left, right] = await Promise.all([vscode.workspace.openTextDocument(tab.input.original), vscode.workspace.openTextDocument(tab.input.modified)]);
    assert.equal(left.uri.scheme, 'stream-viewer-compare');
    assert.match(left.getText(), /^POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/);
    assert.match(left.getText(), /"id":"chatcmpl-‹varies›"/);
    assert.equal(left.getText(), right.getText());
    for (const file of files) await vscode.workspace.fs.delete(file);
  });
});
