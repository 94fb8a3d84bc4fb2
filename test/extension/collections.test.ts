import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/shared/ids';
import type { StreamViewerApi } from '../../src/extension/extension';
import type { StreamsNode } from '../../src/extension/collections/nodes';
import { CollectionStore } from '../../src/extension/collections/store';
import { StreamsTreeProvider } from '../../src/extension/collections/tree-provider';
import { fileExists as exists } from '../../src/extension/file-exists';
import { activate, closeAll, until } from './helpers';

const read = async (uri: vscode.Uri): Promise<string> => Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
const write = (uri: vscode.Uri, text: string): Thenable<void> => vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('Saved requests: collections, tree, environments and secrets', () => {
  let api: StreamViewerApi;
  let root: vscode.Uri;
  let demoUrl: string;
  let file: vscode.Uri;

  before(async () => {
    api = await activate();
    root = vscode.workspace.workspaceFolders![0]!.uri;
    const url = await vscode.commands.executeCommand<string>(Commands.openDemoServer, '/sse');
    demoUrl = url.replace(/\/sse$/, '');
    await closeAll();
    file = (await vscode.commands.executeCommand<vscode.Uri>(Commands.newCollection, 'api'))!;
    // Point the new collection's environment at the demo server.
    const text = (await read(file)).replace('http://127.0.0.1:3001', demoUrl);
    await write(file, text);
    await until('the collection to be listed', () => api.collections().some((e) => e.uri.toString() === file.toString() && e.collection?.environments?.[0]?.variables.baseUrl === demoUrl));
  });
  afterEach(closeAll);

  const entry = () => api.collections().find((e) => e.uri.toString() === file.toString())!;
  const node = (path: string[]): StreamsNode => ({ kind: 'request', uri: file, path, request: { name: path[path.length - 1]!, method: 'GET', url: '' } });

  it('saves a new request into the collection, marks unsaved changes, and saves them with Save', async () => {
    await vscode.commands.executeCommand(Commands.newRequest);
    const panel = await until('a panel', () => api.activePanel());
    await until('the webview', () => panel.isReady);
    panel.load({ method: 'GET', url: '{{baseUrl}}/sse?count=2&interval=0' }, { format: 'auto' });
    await vscode.commands.executeCommand(Commands.saveRequestAs, file, 'seed');
    assert.deepEqual(panel.source?.path, ['seed']);
    assert.equal(panel.dirty, false);
    assert.equal(panel.panel.title, 'seed');
    panel.load({ method: 'GET', url: '{{baseUrl}}/sse?count=3&interval=0' }, { format: 'auto' });
    assert.equal(panel.dirty, true);
    assert.equal(panel.panel.title, '● seed');
    await vscode.commands.executeCommand(Commands.saveRequest);
    assert.equal(panel.dirty, false);
    assert.match(await read(file), /"url": "\{\{baseUrl\}\}\/sse\?count=3&interval=0"/);
    const end = await panel.send();
    assert.equal(end.reason, 'eof');
    assert.equal(panel.timeline().filter((i) => i.kind === 'message').length, 4);
  });

  it('runs a saved request from the tree and from the palette', async () => {
    const fromTree = await vscode.commands.executeCommand<{ reason: string }>(Commands.sendSavedRequest, node(['seed']));
    assert.equal(fromTree.reason, 'eof');
    const fromPalette = await vscode.commands.executeCommand<{ reason: string }>(Commands.runSavedRequest, 'seed');
    assert.equal(fromPalette.reason, 'eof');
  });

  it('adds a folder, renames, duplicates, moves and deletes, writing only what changed', async () => {
    const folder = await vscode.commands.executeCommand<string[]>(Commands.newFolder, { kind: 'collection', entry: entry() }, 'events');
    assert.deepEqual(folder, ['events']);
    assert.deepEqual(await vscode.commands.executeCommand(Commands.duplicateRequest, node(['seed'])), ['seed copy']);
    assert.deepEqual(await vscode.commands.executeCommand(Commands.renameItem, node(['seed copy']), 'seed 2'), ['seed 2']);
    assert.deepEqual(await vscode.commands.executeCommand(Commands.moveRequest, node(['seed 2']), file, ['events']), ['events', 'seed 2']);
    const text = await read(file);
    const c = JSON.parse(text) as { requests: { name: string }[]; folders: { name: string; requests: { name: string }[] }[] };
    assert.deepEqual(c.requests.map((r) => r.name), ['seed']);
    assert.deepEqual(c.folders[0]!.requests.map((r) => r.name), ['seed 2']);
    assert.equal(await vscode.commands.executeCommand(Commands.deleteItem, node(['events', 'seed 2']), true), true);
    assert.deepEqual((JSON.parse(await read(file)) as typeof c).folders[0]!.requests, []);
  });

  it('follows a file edited outside VS Code, and keeps working when a file is broken', async () => {
    const other = vscode.Uri.joinPath(root, 'other.streams.json');
    await write(other, JSON.stringify({ version: 1, requests: [{ name: 'ndjson', method: 'GET', url: `${demoUrl}/ndjson?count=2&interval=0` }] }, null, 2) + '\n');
    await until('the new file', () => api.collections().some((e) => e.uri.path.endsWith('/other.streams.json') && e.collection?.requests?.length === 1));
    const broken = vscode.Uri.joinPath(root, 'broken.streams.json');
    await write(broken, '{ "version": 1, "requests": [ { "name": ');
    await until('the broken file with its error', () => api.collections().find((e) => e.uri.path.endsWith('/broken.streams.json'))?.error);
    assert.match(api.collections().find((e) => e.uri.path.endsWith('/broken.streams.json'))!.error!, /Not valid JSON/);
    const end = await vscode.commands.executeCommand<{ reason: string }>(Commands.runSavedRequest, 'ndjson');
    assert.equal(end.reason, 'eof');
    await write(other, (await read(other)).replace('"ndjson"', '"records"'));
    await until('the edit outside', () => api.collections().find((e) => e.uri.path.endsWith('/other.streams.json'))?.collection?.requests?.[0]?.name === 'records');
    await vscode.workspace.fs.delete(broken);
    await until('the broken file to go', () => !api.collections().some((e) => e.uri.path.endsWith('/broken.streams.json')));
  });

  it('keeps secrets in SecretStorage only: sent, masked in the timeline and exports, never in a file', async () => {
    await vscode.commands.executeCommand(Commands.setSecret, 'demo_token', 'sk-ext-secret-9876');
    await vscode.commands.executeCommand(Commands.newRequest);
    const panel = await until('a panel', () => api.activePanel());
    panel.load({ method: 'POST', url: '{{baseUrl}}/echo', headers: [{ name: 'Authorization', value: 'Bearer {{secret:demo_token}}', enabled: true }], body: { kind: 'json', text: '{"q":1}' } }, {});
    await vscode.commands.executeCommand(Commands.saveRequestAs, file, 'echo');
    const end = await panel.send();
    assert.equal(end.reason, 'eof');
    const echoed = panel.timeline().find((i) => i.kind === 'message');
    assert.ok(echoed?.kind === 'message' && echoed.data.includes('Bearer ••••••'), 'the server got the token; the timeline shows a mask');
    const exported = vscode.Uri.joinPath(root, 'echo-export.jsonl');
    await vscode.commands.executeCommand(Commands.exportTimeline, exported);
    await vscode.commands.executeCommand(Commands.saveRecording, vscode.Uri.joinPath(root, 'echo.streamrec.jsonl'));
    const curl = await vscode.commands.executeCommand<string>(Commands.copyAsCurl);
    assert.match(curl, /Bearer ••••••/);
    assert.ok(curl.includes(`${demoUrl}/echo`), 'environment values are filled in');
    for (const f of await vscode.workspace.findFiles('**/*')) {
      assert.doesNotMatch(await read(f), /sk-ext-secret-9876/, `${vscode.workspace.asRelativePath(f)} holds the secret`);
    }
  });

  it('refuses to send with unresolved variables and says which', async () => {
    await vscode.commands.executeCommand(Commands.newRequest);
    const panel = await until('a panel', () => api.activePanel());
    const end = await panel.send({ method: 'GET', url: '{{baseUrl}}/sse?token={{secret:missing_one}}&x={{nothing}}' }, {});
    assert.equal(end.reason, 'error');
    const error = panel.timeline().find((i) => i.kind === 'error');
    assert.match(error?.kind === 'error' ? error.message : '', /\{\{secret:missing_one\}\}, \{\{nothing\}\}/);
  });
  it('reads a collection file that starts with a UTF-8 byte order mark, and keeps the mark when saving into it', async () => {
    const bom = vscode.Uri.joinPath(root, 'bom.streams.json');
    const json = JSON.stringify({ version: 1, requests: [{ name: 'bom seed', method: 'GET', url: `${demoUrl}/sse?count=1&interval=0` }] }, null, 2) + '\n';
    await vscode.workspace.fs.writeFile(bom, Buffer.concat([BOM, Buffer.from(json, 'utf8')]));
    const listed = await until('the file with a BOM', () => api.collections().find((e) => e.uri.path.endsWith('/bom.streams.json') && (e.collection || e.error)));
    assert.equal(listed.error, undefined);
    const end = await vscode.commands.executeCommand<{ reason: string }>(Commands.runSavedRequest, 'bom seed');
    assert.equal(end?.reason, 'eof');
    await vscode.commands.executeCommand(Commands.newRequest);
    const panel = await until('a panel', () => api.activePanel());
    panel.load({ method: 'GET', url: `${demoUrl}/sse?count=2&interval=0` }, {});
    const saved = await vscode.commands.executeCommand<{ path: string[] }>(Commands.saveRequestAs, bom, 'bom added');
    assert.deepEqual(saved?.path, ['bom added']);
    const bytes = Buffer.from(await vscode.workspace.fs.readFile(bom));
    assert.deepEqual(bytes.subarray(0, 3), BOM, 'the mark is kept');
    assert.equal(bytes.indexOf(BOM, 3), -1, 'and not doubled');
    assert.deepEqual((JSON.parse(bytes.subarray(3).toString('utf8')) as { requests: { name: string }[] }).requests.map((r) => r.name), ['bom seed', 'bom added']);
    await vscode.workspace.fs.delete(bom);
    await until('the file to go', () => !api.collections().some((e) => e.uri.path.endsWith('/bom.streams.json')));
  });

  it('New Collection neither overwrites a file nor writes outside the workspace', async () => {
    const before = await read(file);
    assert.equal(await vscode.commands.executeCommand(Commands.newCollection, 'api'), undefined);
    assert.equal(await read(file), before, 'the existing collection is untouched');
    for (const name of ['../outside', 'a/../../outside2']) assert.equal(await vscode.commands.executeCommand(Commands.newCollection, name), undefined, name);
    assert.equal(await exists(vscode.Uri.joinPath(root, '..', 'outside.streams.json')), false);
    assert.equal(await exists(vscode.Uri.joinPath(root, '..', 'outside2.streams.json')), false);
    const nested = await vscode.commands.executeCommand<vscode.Uri>(Commands.newCollection, 'team/shared');
    assert.ok(nested?.path.endsWith('/team/shared.streams.json'), 'a folder inside the workspace is fine');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'team'), { recursive: true });
    // A file watcher may miss a delete in a folder created a moment ago: Refresh is what a user would press.
    await vscode.commands.executeCommand(Commands.refreshCollections);
    await until('the new file to go', () => !api.collections().some((e) => e.uri.path === nested!.path));
  });

  it('refuses to save a request under a name the collection already has', async () => {
    const before = await read(file);
    await vscode.commands.executeCommand(Commands.newRequest);
    const panel = await until('a panel', () => api.activePanel());
    panel.load({ method: 'GET', url: `${demoUrl}/ndjson` }, {});
    assert.equal(await vscode.commands.executeCommand(Commands.saveRequestAs, file, 'seed'), undefined);
    assert.equal(await read(file), before, 'nothing saved beside the other "seed"');
    assert.equal(panel.source, undefined);
  });

  it('shows requests that share a name as a located warning, and neither runs nor opens one by guess', async () => {
    const twins = vscode.Uri.joinPath(root, 'twins.streams.json');
    const text = JSON.stringify({ version: 1, requests: [1, 2].map((n) => ({ name: 'twin', method: 'GET', url: `${demoUrl}/sse?count=${n}&interval=0` })) }, null, 2) + '\n';
    await write(twins, text);
    const listed = await until('the warning', () => api.collections().find((e) => e.uri.path.endsWith('/twins.streams.json') && e.warnings?.length));
    assert.match(listed.warnings![0]!.message, /Two requests are named "twin" \(lines 4 and 9\)/);
    assert.equal(listed.warnings![0]!.line, 9);
    assert.equal(await vscode.commands.executeCommand(Commands.runSavedRequest, 'twin'), undefined, 'an ambiguous name is refused');

    const store = new CollectionStore();
    const tree = new StreamsTreeProvider(store);
    try {
      const collection = (await tree.getChildren()).find((n) => n.kind === 'collection' && n.entry.uri.path.endsWith('/twins.streams.json'))!;
      assert.match(String(tree.getTreeItem(collection).description), /1 warning/);
      const kids = await tree.getChildren(collection);
      const items = kids.map((k) => tree.getTreeItem(k));
      assert.equal(new Set(items.map((i) => i.id)).size, 2, 'ids stay unique (the view fails on a repeated id)');
      assert.equal(items[0]!.contextValue, 'streamViewer.request');
      assert.equal(items[1]!.contextValue, 'streamViewer.request.unreachable');
      assert.equal(items[1]!.command?.command, 'vscode.open', 'the second one leads to its line in the file');
      assert.equal(await vscode.commands.executeCommand(Commands.sendSavedRequest, kids[1]), undefined, 'by path it would send the first one');
      assert.equal(await vscode.commands.executeCommand(Commands.deleteItem, kids[1], true), undefined);
      assert.equal(await read(twins), text, 'nothing was deleted by guess');
    } finally {
      store.dispose();
    }
    await vscode.workspace.fs.delete(twins);
    await until('the file to go', () => !api.collections().some((e) => e.uri.path.endsWith('/twins.streams.json')));
  });

  it('never replaces a collection that does not parse with a fresh one when saving', async () => {
    // Only a broken requests.streams.json is left, the case where Save used to create that file anew.
    const moved: [vscode.Uri, vscode.Uri][] = [];
    for (const e of api.collections()) {
      if (!(await exists(e.uri))) continue;
      const away = e.uri.with({ path: `${e.uri.path}.away` });
      await vscode.workspace.fs.rename(e.uri, away);
      moved.push([e.uri, away]);
    }
    try {
      await until('no valid collection left', () => !api.collections().some((e) => e.collection));
      const target = vscode.Uri.joinPath(root, 'requests.streams.json');
      const text = '{\n  "version": 1,\n  "requests": [ { "name": "mine", "method": "GET", "url": "http://h/" }, ]\n}\n';
      await write(target, text);
      await until('the broken file', () => api.collections().find((e) => e.uri.path.endsWith('/requests.streams.json'))?.error);
      await vscode.commands.executeCommand(Commands.newRequest);
      const panel = await until('a panel', () => api.activePanel());
      panel.load({ method: 'GET', url: `${demoUrl}/sse` }, {});
      assert.equal(await vscode.commands.executeCommand(Commands.saveRequest), undefined);
      assert.equal(await read(target), text, 'the hand-edited file is left as it was');
      assert.equal(panel.source, undefined);
      await vscode.workspace.fs.delete(target);
    } finally {
      for (const [from, away] of moved) await vscode.workspace.fs.rename(away, from);
    }
    await until('the collections back', () => moved.every(([u]) => api.collections().some((e) => e.uri.toString() === u.toString())));
  });
});
