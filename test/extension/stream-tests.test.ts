import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StreamViewerApi } from '../../src/extension/extension';
import { Commands } from '../../src/shared/ids';
import { activate, closeAll, until } from './helpers';

describe('Stream tests in the Testing view', () => {
  let api: StreamViewerApi;
  let file: vscode.Uri;
  let text: string;

  before(async () => {
    api = await activate();
    const url = await vscode.commands.executeCommand<string>(Commands.openDemoServer, '/sse');
    await closeAll();
    const base = url.replace(/\/sse$/, '');
    file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'checks.streams.json');
    text = `${JSON.stringify(
      {
        version: 1,
        name: 'Checks',
        environments: [{ name: 'demo', variables: { base } }],
        requests: [
          { name: 'seed stream', method: 'GET', url: '{{base}}/sse?count=2&interval=0', expect: { status: 200, events: { min: 3 }, eventTypes: ['close'] } },
          { name: 'ticks', method: 'GET', url: '{{base}}/sse?count=200&interval=50' },
          { name: 'echo', method: 'POST', url: '{{base}}/echo' },
        ],
        folders: [{ name: 'llm', requests: [{ name: 'chat', method: 'POST', url: '{{base}}/v1/chat/completions', expect: { llm: { finishReason: 'length' } } }] }],
        flows: [{ name: 'ticks go on', listen: 'ticks', steps: [{ send: 'echo', expectEvent: { event: 'message', withinMs: 3000 } }] }],
      },
      null,
      2,
    )}\n`;
    await vscode.workspace.fs.writeFile(file, Buffer.from(text, 'utf8'));
  });
  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(file);
  });

  const item = (id: string): vscode.TestItem | undefined => {
    const find = (items: vscode.TestItemCollection): vscode.TestItem | undefined => {
      let found: vscode.TestItem | undefined;
      items.forEach((i) => (found ??= i.id.endsWith(id) ? i : find(i.children)));
      return found;
    };
    return find(api.tests.controller.items);
  };

  it('lists requests with expectations and flows by collection and folder, at their lines', async () => {
    const root = await until('the collection in the Testing view', () => item(file.toString()));
    assert.equal(root.label, 'Checks');
    const labels: string[] = [];
    root.children.forEach((c) => {
      if (c.children.size === 0) labels.push(c.label);
      else c.children.forEach((x) => labels.push(`${c.label}/${x.label}`));
    });
    assert.deepEqual(labels.sort(), ['llm/chat', 'seed stream', 'ticks go on']);
    const seed = item('#request:seed stream')!;
    const line = text.split('\n').findIndex((l) => l.includes('"name": "seed stream"'));
    assert.equal(seed.range?.start.line, line, 'the line of the request\'s name');
    assert.equal(item('#flow:ticks go on')!.description, 'flow');
  });

  it('the editor checks an expect block against the collection schema', async () => {
    const bad = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'typo.streams.json');
    await vscode.workspace.fs.writeFile(bad, Buffer.from(JSON.stringify({ version: 1, requests: [{ name: 'r', method: 'GET', url: 'http://x/', expect: { staus: 200, jsonPath: [{ path: '$.n', on: 'first' }] } }] }, null, 2), 'utf8'));
    try {
      await vscode.window.showTextDocument(bad);
      const problems = await until('the schema\'s problems', () => {
        const d = vscode.languages.getDiagnostics(bad);
        return d.length >= 2 ? d : undefined;
      }, 30_000);
      const text = problems.map((p) => p.message).join('\n');
      assert.match(text, /staus/);
      assert.match(text, /each|any|last/);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(bad);
    }
  });

  it('the editor lists the problems only the parser finds, where they are, as stream-viewer test reports them', async () => {
    const bad = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'parser.streams.json');
    const collection = { version: 1, requests: [{ name: 'r', method: 'GET', url: 'http://x/', expect: { events: { min: 5, max: 1 }, jsonPath: [{ path: '$.[[' }] } }] };
    await vscode.workspace.fs.writeFile(bad, Buffer.from(JSON.stringify(collection, null, 2), 'utf8'));
    try {
      const editor = await vscode.window.showTextDocument(bad);
      const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(bad).filter((d) => d.source === 'Stream Viewer');
      const problems = await until('the parser\'s problems', () => (ours().length >= 2 ? ours() : undefined), 30_000);
      const at = (re: RegExp): string => editor.document.getText(problems.find((d) => re.test(d.message))!.range);
      assert.equal(at(/events\.min \(5\) is more than its max \(1\)/), '"min": 5');
      assert.equal(at(/"\$\.\[\[" is not valid JSONPath: unexpected "\[" at column 3/), '"path": "$.[["');
      // Fixed in the editor, the problem goes away as it is typed.
      await editor.edit((e) => e.replace(problems.find((d) => /events\.min/.test(d.message))!.range, '"min": 0'));
      await until('one problem left', () => (ours().length === 1 ? true : undefined), 10_000);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(bad);
    }
  });

  it('runs them from the Testing view: a pass, a failure with its message at the request, a flow; the stream opens in the panel', async function () {
    this.timeout(60_000);
    // The workbench learns a controller's tests once something shows them: open the Testing view, then Run All
    // (again after a while if the workbench had not got the tests yet).
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    for (let i = 0; i < 20 && api.tests.results().size === 0; i++) {
      await vscode.commands.executeCommand('testing.runAll');
      await until('a first result', () => api.tests.results().size > 0, 1000).catch(() => undefined);
    }
    const results = await until('three results', () => (api.tests.results().size >= 3 ? api.tests.results() : undefined), 20_000);
    const byName = new Map([...results.entries()].map(([id, r]) => [id.slice(id.indexOf('#') + 1), r]));
    assert.equal(byName.get('request:seed stream')?.ok, true);
    assert.equal(byName.get('flow:ticks go on')?.ok, true, JSON.stringify(byName.get('flow:ticks go on')));
    const chat = byName.get('request:llm/chat')!;
    assert.equal(chat.ok, false);
    assert.match(chat.checks.find((c) => !c.ok)!.message, /^expected finish reason "length", got "stop"$/);
    await vscode.commands.executeCommand(Commands.openTestStream, item('#request:seed stream'));
    const panel = await until('a panel with the test stream', () => api.activePanel());
    await panel.whenIdle();
    assert.deepEqual(panel.timeline().filter((i) => i.kind === 'message').map((m) => (m.kind === 'message' ? m.event : '')), ['message', 'message', 'close']);
  });
});
