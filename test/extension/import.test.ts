/** Import Requests… in a real VS Code: a Postman collection becomes a workspace collection, credentials kept out, nothing added twice. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../src/shared/ids';
import type { StreamViewerApi } from '../../src/extension/extension';
import { activate, closeAll, until } from './helpers';

const TOKEN = 'sk-import-test-7d1f93';

describe('Import Requests', () => {
  let api: StreamViewerApi;
  let root: vscode.Uri;
  before(async () => {
    api = await activate();
    root = vscode.workspace.workspaceFolders![0]!.uri;
  });
  afterEach(closeAll);

  it('imports a Postman collection into a new collection file, with its credential as a secret reference, and adds nothing on a second import', async () => {
    const source = vscode.Uri.joinPath(root, 'exports', 'llm.postman_collection.json');
    const postman = {
      info: { name: 'LLM', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: { type: 'bearer', bearer: [{ key: 'token', value: TOKEN, type: 'string' }] },
      item: [
        {
          name: 'chat',
          item: [
            {
              name: 'stream a completion',
              request: { method: 'POST', header: [{ key: 'Content-Type', value: 'application/json' }], body: { mode: 'raw', raw: '{"stream":true}' }, url: { raw: '{{baseUrl}}/v1/chat/completions', host: ['{{baseUrl}}'], path: ['v1', 'chat', 'completions'] } },
            },
          ],
        },
      ],
      variable: [{ key: 'baseUrl', value: 'http://127.0.0.1:3001' }],
    };
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode(JSON.stringify(postman)));
    const target = await vscode.commands.executeCommand<vscode.Uri>(Commands.importRequests, [source], 'imported/llm');
    assert.ok(target?.path.endsWith('/imported/llm.streams.json'), String(target?.path));
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target!));
    assert.ok(!text.includes(TOKEN), 'the token is not in the file');
    assert.match(text, /\{\{secret:[A-Za-z0-9_-]+\}\}/);
    assert.match(text, /stream a completion/);
    const entry = await until('the collection in the Streams view', () => api.collections().find((e) => e.uri.path === target!.path && e.collection));
    const count = JSON.stringify(entry.collection).split('"method"').length;
    await vscode.commands.executeCommand(Commands.importRequests, [source], 'imported/llm');
    const again = new TextDecoder().decode(await vscode.workspace.fs.readFile(target!));
    assert.equal(again.split('"method"').length, count, 'a second import adds nothing');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'imported'), { recursive: true });
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'exports'), { recursive: true });
    await vscode.commands.executeCommand(Commands.refreshCollections);
  });

  it('the streaming chat completion of OpenAI\'s real spec, imported, streams from its panel against the demo server', async () => {
    const fixture = vscode.Uri.file(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'import', 'openai-openapi.excerpt.yaml'));
    const target = (await vscode.commands.executeCommand<vscode.Uri>(Commands.importRequests, [fixture], 'imported/openai'))!;
    const demo = (await vscode.commands.executeCommand<string>(Commands.openDemoServer, '/v1')).replace(/\/$/, '');
    await closeAll();
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const secret = /\{\{secret:([A-Za-z0-9_-]+)\}\}/.exec(text)![1]!;
    const collection = JSON.parse(text) as { environments: { variables: Record<string, string> }[] };
    for (const e of collection.environments) e.variables.baseUrl = demo;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(collection, null, 2)));
    await until('the collection pointing at the demo server', () => api.collections().find((e) => e.uri.path === target.path && e.collection?.environments?.every((x) => x.variables.baseUrl === demo)));
    await api.secrets.set(secret, 'sk-import-panel-4c2e');
    const end = await vscode.commands.executeCommand<{ reason: string; events: number }>(Commands.sendSavedRequest, { kind: 'request', uri: target, path: ['Chat', 'createChatCompletion'] });
    assert.equal(end.reason, 'eof');
    const panel = api.activePanel()!;
    const timeline = panel.timeline();
    const response = timeline.find((i) => i.kind === 'response');
    assert.equal(response?.kind === 'response' ? response.format : undefined, 'sse');
    assert.ok(timeline.filter((i) => i.kind === 'message').length > 1);
    assert.doesNotMatch(JSON.stringify(timeline), /sk-import-panel-4c2e/);
    await api.secrets.delete(secret);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'imported'), { recursive: true });
    await vscode.commands.executeCommand(Commands.refreshCollections);
  });

  it('imports a Bruno collection folder picked by its bruno.json, every request file a request', async () => {
    const bruno = vscode.Uri.file(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'import', 'bruno-tests-collection', 'bruno.json'));
    const target = (await vscode.commands.executeCommand<vscode.Uri>(Commands.importRequests, [bruno], 'imported/bruno'))!;
    const entry = await until('the Bruno collection in the Streams view', () => api.collections().find((e) => e.uri.path === target.path && e.collection));
    const text = JSON.stringify(entry.collection);
    assert.match(text, /Bearer Auth 200/);
    assert.ok(text.split('"method"').length > 20, 'the requests of the folder and its subfolders');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'imported'), { recursive: true });
    await vscode.commands.executeCommand(Commands.refreshCollections);
  });
});

