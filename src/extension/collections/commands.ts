/**
 * Commands of saved requests: open, send, save (Ctrl/Cmd+S in the panel),
 * save as, rename, duplicate, delete, new collection and folder, run from
 * the palette, environments and secrets.
 */
import * as vscode from 'vscode';
import { deleteFolder, deleteRequest, insertFolder, insertRequest, newCollectionText, renameFolderText, renameRequestText, writeRequest } from '../../core/collections/edits';
import { collectionFileName } from '../../core/collections/file-name';
import { DEFAULT_COLLECTION_FILE, type SavedRequest } from '../../core/collections/model';
import { findRequest, fromSpec, listRequests, toSpec } from '../../core/collections/tree';
import { Commands } from '../../shared/ids';
import type { RequestPanel } from '../panel';
import { isMcpCallToSave } from '../mcp/commands';
import type { Environments, SavedSource } from './environments';
import type { StreamsNode } from './nodes';
import { isSecretName, type SecretStore } from './secrets';
import type { CollectionStore } from './store';
import { moveRequestBetweenFiles } from './tree-provider';
import { replaceVariables } from '../../shared/variable-syntax';
import { argumentOrInput } from '../argument-or-input';

/** What the commands need. */
export interface CollectionServices {
  command(id: string, fn: (...args: never[]) => unknown): void;
  store: CollectionStore;
  environments: Environments;
  secrets: SecretStore;
  activePanel(): RequestPanel | undefined;
  openPanel(): RequestPanel;
  panels(): RequestPanel[];
  /** Save of a panel opened from a `.http` block: back into its block. */
  saveHttp?(panel: RequestPanel): Promise<SavedSource>;
}

function suggestName(url: string): string {
  try {
    const u = new URL(replaceVariables(url, 'x'));
    return u.pathname.split('/').filter(Boolean).pop() ?? u.host;
  } catch {
    return 'request';
  }
}

async function askName(title: string, value: string, taken: readonly string[] = []): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    value,
    validateInput: (v) => (v.trim() === '' ? 'A name is needed' : taken.includes(v.trim()) ? `"${v.trim()}" is taken here: choose another name, or open that request and save over it` : undefined),
  });
}

/** Refuses a tree node its path does not reach (a second one of the same name): by path, a command would act on the first. */
function reachable<T extends StreamsNode>(n: T): T {
  if (n.kind !== 'collection' && n.unreachable) throw new Error(`${n.unreachable.message} (line ${n.unreachable.line})`);
  return n;
}

/** Where a new request goes: a collection file, a folder in it, and the request's name. */
interface Destination {
  uri: vscode.Uri;
  folder: string[];
  name: string;
}

/** Registers the collection commands. */
export function registerCollectionCommands(s: CollectionServices): void {
  /** Opens (or reveals) the panel of a saved request. */
  const open = async (uri: vscode.Uri, path: string[]): Promise<RequestPanel> => {
    await s.store.load();
    const existing = s.panels().find((p) => p.source?.uri.toString() === uri.toString() && p.source.path.join('/') === path.join('/'));
    if (existing) {
      existing.reveal();
      return existing;
    }
    const request = s.store.get(uri)?.collection ? findRequest(s.store.get(uri)!.collection!, path) : undefined;
    if (!request) throw new Error(`No request ${path.join('/')} in ${vscode.workspace.asRelativePath(uri)}`);
    const { spec, settings } = toSpec(request);
    const panel = s.openPanel();
    panel.load(spec, settings);
    panel.associate({ uri, path });
    s.environments.show({ uri, path });
    return panel;
  };

  const requestNode = (n: unknown): { uri: vscode.Uri; path: string[] } => {
    const node = n as StreamsNode | undefined;
    if (node?.kind !== 'request') throw new Error('Choose a saved request in the Streams view');
    reachable(node);
    return { uri: node.uri, path: node.path };
  };

  /** An MCP request opens the MCP panel instead (and `send` connects and calls). */
  const openMcp = async (uri: vscode.Uri, path: string[], send: boolean): Promise<boolean> => {
    await s.store.load();
    const request = s.store.get(uri)?.collection ? findRequest(s.store.get(uri)!.collection!, path) : undefined;
    if (!request?.mcp) return false;
    await vscode.commands.executeCommand(Commands.connectMcp, { url: request.url, headers: request.headers ?? [], source: { uri, path }, call: request.mcp, send });
    return true;
  };

  s.command(Commands.openSavedRequest, async (n?: StreamsNode) => {
    const { uri, path } = requestNode(n);
    if (await openMcp(uri, path, false)) return undefined;
    return (await open(uri, path)).id;
  });

  s.command(Commands.sendSavedRequest, async (n?: StreamsNode) => {
    const { uri, path } = requestNode(n);
    if (await openMcp(uri, path, true)) return undefined;
    const panel = await open(uri, path);
    return panel.send();
  });

  /** Where a new request goes, and its name: the only collection, one the user picks, or a new requests.streams.json. */
  const chooseDestination = async (suggested: string): Promise<Destination | undefined> => {
    await s.store.load();
    const files = s.store.all().filter((e) => e.collection);
    let uri: vscode.Uri | undefined;
    if (files.length === 0) {
      const root = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!root) throw new Error('Open a folder to save requests in it');
      uri = vscode.Uri.joinPath(root, DEFAULT_COLLECTION_FILE);
      // A file there that does not parse is the user's work: never replaced by a fresh one.
      const broken = s.store.get(uri)?.error;
      if (broken) throw new Error(`${vscode.workspace.asRelativePath(uri)} is not a valid collection, so nothing was saved into it and it was left as it is (${broken}). Fix the file, then save again.`);
      await s.store.create(uri, newCollectionText('Requests'));
    } else if (files.length === 1) uri = files[0]!.uri;
    else {
      const pick = await vscode.window.showQuickPick(files.map((e) => ({ label: e.collection?.name ?? vscode.workspace.asRelativePath(e.uri), description: vscode.workspace.asRelativePath(e.uri), uri: e.uri })), { title: 'Save Request to Collection' });
      uri = pick?.uri;
    }
    if (!uri) return undefined;
    const taken = (s.store.get(uri)?.collection?.requests ?? []).map((r) => r.name);
    const name = await askName('Request name', suggested, taken);
    return name ? { uri, folder: [], name: name.trim() } : undefined;
  };

  /** Adds a request under its destination; a taken name is refused, never saved beside the other (two requests one path cannot tell apart). */
  const insertAt = async (d: Destination, request: SavedRequest): Promise<SavedSource> => {
    await s.store.load();
    const path = await s.store.edit(d.uri, (text) => {
      const r = insertRequest(text, d.folder, request, 'refuse');
      return { text: r.text, result: r.path };
    });
    return { uri: d.uri, path };
  };

  const saveAs = async (panel: RequestPanel, target?: Destination): Promise<SavedSource | undefined> => {
    const d = target ?? (await chooseDestination(suggestName(panel.request.spec.url)));
    if (!d) return undefined;
    const { spec, settings } = panel.request;
    const source = await insertAt(d, fromSpec(d.name, spec, settings));
    panel.associate(source);
    return source;
  };

  // An MCP panel's call, saved as an MCP request: its endpoint and headers as written, and the call.
  s.command(Commands.saveMcpCall, async (x?: unknown) => {
    if (!isMcpCallToSave(x)) throw new Error('No MCP call to save');
    const d = x.target ?? (await chooseDestination(x.name));
    if (!d) return undefined;
    return insertAt(d, { name: d.name, method: 'POST', url: x.url, ...(x.headers.length > 0 ? { headers: x.headers } : {}), mcp: x.call });
  });

  s.command(Commands.saveRequest, async () => {
    const panel = s.activePanel();
    if (!panel) throw new Error('Open a request first');
    const source = panel.source;
    if (!source) return saveAs(panel);
    if (source.line !== undefined && s.saveHttp) return s.saveHttp(panel);
    const { spec, settings } = panel.request;
    const name = source.path[source.path.length - 1]!;
    await s.store.edit(source.uri, (text) => ({ text: writeRequest(text, source.path, fromSpec(name, spec, settings)), result: undefined }));
    panel.associate(source);
    return source;
  });

  s.command(Commands.saveRequestAs, async (uri?: vscode.Uri, name?: string) => {
    const panel = s.activePanel();
    if (!panel) throw new Error('Open a request first');
    return saveAs(panel, uri instanceof vscode.Uri && typeof name === 'string' ? { uri, folder: [], name } : undefined);
  });

  s.command(Commands.renameItem, async (n?: StreamsNode, newName?: string) => {
    if (!n || n.kind === 'collection') throw new Error('Choose a request or folder to rename');
    reachable(n);
    const current = n.path[n.path.length - 1]!;
    const name = typeof newName === 'string' ? newName : await askName(`Rename ${n.kind}`, current);
    if (!name || name === current) return undefined;
    await s.store.edit(n.uri, (text) => ({ text: n.kind === 'request' ? renameRequestText(text, n.path, name) : renameFolderText(text, n.path, name), result: undefined }));
    // Panels editing it follow the new name.
    for (const p of s.panels()) {
      const src = p.source;
      if (src && src.uri.toString() === n.uri.toString() && src.path.slice(0, n.path.length).join('/') === n.path.join('/')) {
        const path = [...src.path];
        path[n.path.length - 1] = name;
        p.associate({ uri: src.uri, path }, p.request);
      }
    }
    return [...n.path.slice(0, -1), name];
  });

  s.command(Commands.duplicateRequest, async (n?: StreamsNode) => {
    const { uri, path } = requestNode(n);
    const collection = s.store.get(uri)?.collection;
    const request = collection ? findRequest(collection, path) : undefined;
    if (!request) throw new Error(`No request ${path.join('/')}`);
    // insertRequest makes the name unique: "<name> copy", "<name> copy 2", ...
    return s.store.edit(uri, (text) => {
      const r = insertRequest(text, path.slice(0, -1), { ...structuredClone(request), name: `${request.name} copy` });
      return { text: r.text, result: r.path };
    });
  });

  s.command(Commands.deleteItem, async (n?: StreamsNode, confirmed?: boolean) => {
    if (!n || n.kind === 'collection') throw new Error('Choose a request or folder to delete');
    reachable(n);
    const what = `${n.kind} "${n.path.join('/')}"`;
    if (confirmed !== true) {
      const ok = await vscode.window.showWarningMessage(`Delete ${what}${n.kind === 'folder' ? ' and everything in it' : ''}?`, { modal: true }, 'Delete');
      if (ok !== 'Delete') return false;
    }
    await s.store.edit(n.uri, (text) => ({ text: n.kind === 'request' ? deleteRequest(text, n.path) : deleteFolder(text, n.path), result: undefined }));
    return true;
  });

  s.command(Commands.newCollection, async (fileName?: string) => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) throw new Error('Open a folder to keep collections in it');
    const name = await argumentOrInput(fileName, {
      title: 'New Collection',
      prompt: 'File name (saved as <name>.streams.json in the workspace)',
      value: 'requests',
      validateInput: (v) => {
        const r = collectionFileName(v);
        return r.ok ? undefined : r.error;
      },
    });
    if (!name) return undefined;
    const file = collectionFileName(name);
    if (!file.ok) throw new Error(`Cannot create the collection "${name}": ${file.error}`);
    const uri = vscode.Uri.joinPath(root, file.path);
    // create() refuses a file that exists: a new collection never replaces one.
    await s.store.create(uri, newCollectionText(file.name));
    return uri;
  });

  s.command(Commands.newFolder, async (n?: StreamsNode, folderName?: string) => {
    if (!n || n.kind === 'request') throw new Error('Choose a collection or folder');
    reachable(n);
    const uri = n.kind === 'collection' ? n.entry.uri : n.uri;
    const parent = n.kind === 'collection' ? [] : n.path;
    const name = typeof folderName === 'string' ? folderName : await askName('New Folder', 'folder');
    if (!name) return undefined;
    return s.store.edit(uri, (text) => {
      const r = insertFolder(text, parent, name);
      return { text: r.text, result: r.path };
    });
  });

  s.command(Commands.moveRequest, async (n?: StreamsNode, to?: vscode.Uri, folder?: string[]) => {
    const { uri, path } = requestNode(n);
    if (!(to instanceof vscode.Uri)) throw new Error('Drag the request onto a folder or collection in the Streams view');
    return moveRequestBetweenFiles(s.store, uri, path, to, folder ?? []);
  });

  s.command(Commands.runSavedRequest, async (query?: string) => {
    await s.store.load();
    const all = s.store.all().flatMap((e) => {
      const c = e.collection;
      return c ? listRequests(c).map((r) => ({ uri: e.uri, path: r.path, request: r.request, reachable: findRequest(c, r.path) === r.request })) : [];
    });
    let chosen: (typeof all)[number] | undefined;
    if (typeof query === 'string') {
      const exact = all.filter((r) => r.path.join('/') === query);
      const matches = exact.length > 0 ? exact : all.filter((r) => r.request.name === query);
      if (matches.length > 1) {
        const list = matches.map((r) => `${vscode.workspace.asRelativePath(r.uri)}: ${r.path.join('/')} (${r.request.method} ${r.request.url})`).join(', ');
        throw new Error(`"${query}" names ${matches.length} saved requests: ${list}. Choose one in the Streams view, or rename one.`);
      }
      chosen = matches[0];
      if (chosen && !chosen.reachable) throw new Error(`"${query}" is inside a folder that shares its name with one before it in ${vscode.workspace.asRelativePath(chosen.uri)}: rename one of the folders`);
    }
    if (!chosen) {
      // A request its path does not reach (a second of the same name) is left out: opening it by path would open the other.
      const pick = await vscode.window.showQuickPick(
        all.filter((r) => r.reachable).map((r) => ({ label: r.path.join(' / '), description: `${r.request.method} ${r.request.url}`, detail: vscode.workspace.asRelativePath(r.uri), r })),
        { title: 'Run Saved Request', matchOnDescription: true, placeHolder: all.length ? 'Type to find a saved request' : 'No saved requests: save one with Ctrl/Cmd+S in a request panel' },
      );
      chosen = pick?.r;
    }
    if (!chosen) return undefined;
    const panel = await open(chosen.uri, chosen.path);
    return panel.send();
  });

  s.command(Commands.selectEnvironment, async (name?: string) => {
    const scope = s.environments.scope(s.activePanel()?.source);
    if (!scope?.environments.length) throw new Error(s.activePanel()?.source?.line !== undefined ? 'No environments: add one in http-client.env.json beside the .http file, or in the rest-client.environmentVariables setting' : 'No environments: add one under "environments" in a .streams.json file');
    const chosen = typeof name === 'string' ? name : (await vscode.window.showQuickPick(scope.environments.map((e) => ({ label: e.name, description: Object.keys(e.variables).join(', ') })), { title: 'Stream Viewer Environment' }))?.label;
    if (!chosen) return undefined;
    await s.environments.select(scope, chosen);
    s.environments.show(s.activePanel()?.source);
    for (const p of s.panels()) p.refreshVariables();
    return chosen;
  });

  s.command(Commands.setSecret, async (name?: string, value?: string) => {
    const secretName = await argumentOrInput(name, { title: 'Set Secret', prompt: 'Name, used as {{secret:NAME}}', validateInput: (v) => (isSecretName(v) ? undefined : 'Letters, digits, _ and -, starting with a letter') });
    if (!secretName) return undefined;
    const secretValue = await argumentOrInput(value, { title: `Set Secret ${secretName}`, prompt: 'Kept in the OS keychain through VS Code SecretStorage, never in files', password: true, ignoreFocusOut: true });
    if (secretValue === undefined) return undefined;
    await s.secrets.set(secretName, secretValue);
    void vscode.window.setStatusBarMessage(`Stream Viewer: secret ${secretName} stored; use {{secret:${secretName}}}`, 4000);
    return `{{secret:${secretName}}}`;
  });
}
