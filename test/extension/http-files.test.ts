import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { markBodyFileProblems } from '../../src/core/http-file/body-file';
import { parseHttpFile } from '../../src/core/http-file/parse';
import type { StreamViewerApi } from '../../src/extension/extension';
import type { RequestPanel } from '../../src/extension/panel';
import { Commands } from '../../src/shared/ids';
import { activate, closeAll, until } from './helpers';

const read = async (uri: vscode.Uri): Promise<string> => Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
const write = (uri: vscode.Uri, text: string): Thenable<void> => vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'http');
const PRIVATE_KEY = 'private-key-5d81c0';

/** Our lenses on a file (other extensions may add their own). */
async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  // The workbench computes lenses for an open document only.
  await vscode.workspace.openTextDocument(uri);
  const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return all.filter((l) => l.command?.command === Commands.streamHttpRequest);
}

describe('.http files: ▶ Stream, environments, save back', () => {
  let api: StreamViewerApi;
  let dir: vscode.Uri;
  let file: vscode.Uri;
  let demoUrl: string;
  const apiText = (): string => `@base = {{host}}

### Seed SSE
# @name seed
GET {{base}}/sse?count=2&interval=0
Accept: text/event-stream

### Echo with a private key
POST {{base}}/echo
Content-Type: application/json
X-Api-Key: {{apiKey}}

{"hello": "world"}

### Not ours
GET {{base}}/sse?at={{$datetime "DD.MM.YYYY"}}
`;

  before(async () => {
    api = await activate();
    const url = await vscode.commands.executeCommand<string>(Commands.openDemoServer, '/sse');
    demoUrl = url.replace(/\/sse$/, '');
    await closeAll();
    dir = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'http');
    await vscode.workspace.fs.createDirectory(dir);
    file = vscode.Uri.joinPath(dir, 'api.http');
    await write(file, apiText());
    await write(vscode.Uri.joinPath(dir, 'http-client.env.json'), JSON.stringify({ local: { host: demoUrl }, other: { host: 'http://127.0.0.1:9' } }));
    await write(vscode.Uri.joinPath(dir, 'http-client.private.env.json'), JSON.stringify({ local: { apiKey: PRIVATE_KEY } }));
  });
  afterEach(closeAll);

  const streamAt = async (line: number): Promise<{ end: { reason: string } | undefined; panel: RequestPanel }> => {
    const end = await vscode.commands.executeCommand<{ reason: string } | undefined>(Commands.streamHttpRequest, file, line);
    return { end, panel: api.activePanel()! };
  };

  it('puts ▶ Stream above each request and the reason above a block it cannot send', async () => {
    const found = await until('lenses', async () => {
      const l = await lenses(file);
      return l.length === 3 && l;
    });
    assert.deepEqual(found.map((l) => [l.range.start.line + 1, l.command!.title.startsWith('$(warning)') ? 'warning' : l.command!.title]), [
      [5, '▶ Stream'],
      [9, '▶ Stream'],
      [16, 'warning'],
    ]);
    const [uri, line] = found[0]!.command!.arguments as [vscode.Uri, number];
    assert.deepEqual([uri.toString(), line], [file.toString(), 5]);
    assert.match(found[2]!.command!.title, /dynamic variable \{\{\$datetime "DD\.MM\.YYYY"\}\}/);
  });

  it('puts ▶ Stream above every request of the real .http fixtures, and a reason above those it cannot send', async () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.http'))) {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const blocks = parseHttpFile(text).blocks;
      const copy = vscode.Uri.joinPath(dir, name);
      // A body file the fixture names but does not ship (httpyac's ../assets/variables.json) gets its reason too.
      markBodyFileProblems(copy.fsPath, blocks);
      await write(copy, text);
      const found = await until(`lenses on ${name}`, async () => {
        const l = await lenses(copy);
        return l.length === blocks.length && l;
      });
      assert.deepEqual(
        found.map((l) => [l.range.start.line + 1, l.command!.title === '▶ Stream']),
        blocks.map((b) => [b.line, !b.unsupported]),
        name,
      );
    }
  });

  it('opens a panel named api.http:line on a block, with its environment, and streams it', async () => {
    const { end, panel } = await streamAt(5);
    assert.equal(end?.reason, 'eof');
    assert.equal(panel.panel.title, 'api.http:5');
    assert.equal(panel.request.spec.url, '{{base}}/sse?count=2&interval=0');
    assert.ok(panel.timeline().filter((i) => i.kind === 'message').length >= 2);
    // The environment picker switches among the file's environments.
    assert.equal(await vscode.commands.executeCommand(Commands.selectEnvironment, 'other'), 'other');
    const other = await panel.send();
    assert.notEqual(other.reason, 'eof');
    assert.match(JSON.stringify(panel.timeline()), /127\.0\.0\.1:9/);
    assert.equal(await vscode.commands.executeCommand(Commands.selectEnvironment, 'local'), 'local');
    assert.equal((await panel.send()).reason, 'eof');
  });

  it('refuses a block it cannot send: the reason in Problems, no request sent, no panel', async () => {
    const problems = await until('a problem on line 16', () => vscode.languages.getDiagnostics(file).find((d) => d.range.start.line === 15));
    assert.equal(problems.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(problems.message, /dynamic variable \{\{\$datetime "DD\.MM\.YYYY"\}\}.*will not send/);
    const before = api.panels().length;
    const end = await vscode.commands.executeCommand(Commands.streamHttpRequest, file, 16);
    assert.equal(end, undefined);
    assert.equal(api.panels().length, before);
  });

  it('reads a < file body by an absolute path as the CLI does, and sends nothing for < /dev/zero', async () => {
    const bodyFile = vscode.Uri.joinPath(dir, 'abs-body.json');
    await write(bodyFile, '{"from":"an absolute path"}');
    const bodies = vscode.Uri.joinPath(dir, 'bodies.http');
    await write(bodies, `POST {{host}}/echo\nContent-Type: application/json\n\n< ${bodyFile.fsPath}\n\n###\nPOST {{host}}/echo\n\n< /dev/zero\n`);
    await vscode.commands.executeCommand(Commands.selectEnvironment, 'local');
    const end = await vscode.commands.executeCommand<{ reason: string } | undefined>(Commands.streamHttpRequest, bodies, 1);
    assert.equal(end?.reason, 'eof');
    const panel = api.activePanel()!;
    assert.deepEqual(panel.request.spec.body, { kind: 'json', text: '{"from":"an absolute path"}' });
    assert.match(JSON.stringify(panel.timeline()), /an absolute path/);
    const problem = await until('the reason on the /dev/zero block', () => vscode.languages.getDiagnostics(bodies).find((d) => d.range.start.line === 6));
    assert.match(problem.message, /The body file \/dev\/zero is not a regular file/);
    const lens = (await lenses(bodies)).find((l) => l.range.start.line === 6);
    assert.match(lens?.command?.title ?? '', /\/dev\/zero is not a regular file/);
    const before = api.panels().length;
    assert.equal(await vscode.commands.executeCommand(Commands.streamHttpRequest, bodies, 6), undefined);
    assert.equal(api.panels().length, before);
  });

  it('keeps values from http-client.private.env.json out of the timeline, the recording and the export', async () => {
    const { end, panel } = await streamAt(9);
    assert.equal(end?.reason, 'eof');
    const timeline = JSON.stringify(panel.timeline());
    assert.match(timeline, /x-api-key/i);
    assert.match(timeline, /••••••/);
    assert.doesNotMatch(timeline, new RegExp(PRIVATE_KEY));
    assert.doesNotMatch(JSON.stringify(panel.recording()), new RegExp(PRIVATE_KEY));
    const exported = vscode.Uri.joinPath(dir, 'timeline.jsonl');
    await panel.exportTimeline(exported);
    const text = await read(exported);
    assert.match(text, /hello/);
    assert.doesNotMatch(text, new RegExp(PRIVATE_KEY));
  });

  it('saves the edited request back into its block, every other byte as it was, and undo restores it', async () => {
    const { panel } = await streamAt(5);
    const before = await read(file);
    const block = parseHttpFile(before).blocks.find((b) => b.line === 5)!;
    // A round trip through the webview: what it posted about the request it was given has arrived.
    await panel.inspect();
    panel.load({ ...panel.request.spec, url: '{{base}}/sse?count=3&interval=0', headers: [...(panel.request.spec.headers ?? []), { name: 'X-Trace', value: 'on' }] }, panel.request.settings);
    assert.equal(panel.panel.title, '● api.http:5');
    await vscode.commands.executeCommand(Commands.saveRequest);
    const after = await read(file);
    assert.equal(after.slice(0, block.layout!.target.start), before.slice(0, block.layout!.target.start));
    assert.equal(after.slice(after.length - (before.length - block.endOffset)), before.slice(block.endOffset));
    assert.equal(after.slice(block.layout!.target.start, after.length - (before.length - block.endOffset)), 'GET {{base}}/sse?count=3&interval=0\nAccept: text/event-stream\nX-Trace: on\n\n');
    assert.equal(panel.panel.title, 'api.http:5');
    assert.equal(panel.dirty, false);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
    await doc.save();
  });

  it('writes into an open editor with unsaved changes, keeping them and leaving the file on disk alone', async () => {
    // The browser workbench saves after a delay by default; an editor with unsaved changes needs that off.
    const files = vscode.workspace.getConfiguration('files');
    const autoSave = files.inspect('autoSave')?.globalValue;
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    const crlf = vscode.Uri.joinPath(dir, 'crlf.http');
    const original = 'GET {{host}}/sse?count=1\r\nAccept: text/event-stream\r\n\r\n### two\r\nGET {{host}}/ndjson\r\n';
    await write(crlf, original);
    const doc = await vscode.workspace.openTextDocument(crlf);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(4, 0), '# a note\r\n'));
    assert.equal(doc.isDirty, true);
    await vscode.commands.executeCommand(Commands.streamHttpRequest, crlf, 1);
    const panel = api.activePanel()!;
    assert.equal(panel.panel.title, 'crlf.http:1');
    await panel.inspect();
    panel.load({ ...panel.request.spec, url: '{{host}}/sse?count=2' }, panel.request.settings);
    await vscode.commands.executeCommand(Commands.saveRequest);
    assert.equal(doc.getText(), 'GET {{host}}/sse?count=2\r\nAccept: text/event-stream\r\n\r\n### two\r\n# a note\r\nGET {{host}}/ndjson\r\n');
    assert.equal(doc.isDirty, true);
    assert.equal(await read(crlf), original);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
  });
});
