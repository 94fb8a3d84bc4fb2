/**
 * Stream Viewer: Import Requests… — Postman, Insomnia, OpenAPI or HAR files,
 * or a Bruno collection folder (picked by its `bruno.json`), into a collection of the workspace (a new one, or added to one without
 * duplicates). The summary says what came in and what did not; credentials
 * found are never written: the collection says `{{secret:NAME}}`, and the
 * user is offered to store each value in SecretStorage.
 */
import * as vscode from 'vscode';
import { parseCollection } from '../core/collections/parse';
import { collectionFileName } from '../core/collections/file-name';
import type { FolderFile, ImportInput, ImportSummary } from '../core/import/index';
import { MAX_IMPORT_BYTES, summaryText } from '../core/import/summary-text';
import { Commands } from '../shared/ids';
import type { CollectionStore } from './collections/store';
import { fileExists } from './file-exists';
import { log } from './log';

/** What the command needs. */
export interface ImportServices {
  command(id: string, fn: (...args: never[]) => unknown): void;
  store: CollectionStore;
}

/** Registers Import Requests…; `files` and `target` (a collection file name) let tests and other commands skip the pickers. */
export function registerImportCommand(s: ImportServices): void {
  s.command(Commands.importRequests, async (files?: vscode.Uri[], target?: string) => {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) throw new Error('Open a folder to keep the imported requests in it');
    const picked =
      files ??
      (await vscode.window.showOpenDialog({
        canSelectMany: true,
        openLabel: 'Import',
        title: "Import Requests: Postman, Insomnia, OpenAPI or HAR files, or a Bruno collection's bruno.json",
        filters: { 'Collections, API descriptions, HAR': ['json', 'yaml', 'yml', 'har'], 'All files': ['*'] },
      }));
    if (!picked || picked.length === 0) return undefined;
    const inputs: ImportInput[] = [];
    for (const uri of picked) {
      const stat = await vscode.workspace.fs.stat(uri);
      // A Bruno collection is a folder: its bruno.json (or the folder itself) stands for it.
      const folder = stat.type & vscode.FileType.Directory ? uri : uri.path.endsWith('/bruno.json') ? vscode.Uri.joinPath(uri, '..') : undefined;
      if (folder) {
        inputs.push({ source: vscode.workspace.asRelativePath(folder), files: await brunoFiles(folder) });
        continue;
      }
      if (stat.size > MAX_IMPORT_BYTES) throw new Error(`${vscode.workspace.asRelativePath(uri)} is more than the ${MAX_IMPORT_BYTES / 1024 / 1024} MiB an import reads`);
      inputs.push({ source: vscode.workspace.asRelativePath(uri), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
    }
    const destination = await chooseTarget(s.store, root, target);
    if (!destination) return undefined;
    const entry = s.store.get(destination);
    const parsed = entry ? parseCollection(entry.text) : undefined;
    if (parsed && !parsed.ok) throw new Error(`${vscode.workspace.asRelativePath(destination)} does not parse (${parsed.error}): fix it first, it was left as it is`);
    // The importers (YAML, $ref and .bru parsers) load on the first import, not with the extension.
    const { importRequests } = await import('../core/import/index');
    const { collection, summary } = await importRequests(inputs, { existing: parsed?.ok ? parsed.collection : undefined });
    const recognised = summary.sources.some((x) => x.format !== 'unknown');
    for (const line of summaryText(summary)) log().info(line);
    if (!recognised) {
      void vscode.window.showWarningMessage(`Nothing to import: ${summary.sources.map((x) => `${x.source} (${x.skipped[0]?.reason ?? 'not recognised'})`).join('; ')}`);
      return undefined;
    }
    const indent = parsed?.ok ? parsed.indent : '  ';
    const bom = parsed?.ok ? parsed.bom : false;
    await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(`${bom ? '\uFEFF' : ''}${JSON.stringify(collection, null, indent)}\n`));
    await s.store.reload(destination);
    const imported = summary.sources.reduce((n, x) => n + x.imported, 0);
    const skipped = summary.sources.reduce((n, x) => n + x.skipped.length, 0);
    const message = `Imported ${imported} request${imported === 1 ? '' : 's'} into ${vscode.workspace.asRelativePath(destination)}${skipped > 0 ? `; ${skipped} not carried over (see the Stream Viewer output)` : ''}.`;
    if (files === undefined) void offerSecrets(message, summary);
    return destination;
  });
}

/** `bruno.json` and every `.bru` file under a Bruno collection folder (no hidden folders), paths relative to it. */
async function brunoFiles(folder: vscode.Uri, prefix = '', depth = 0): Promise<FolderFile[]> {
  if (depth === 0 && !(await fileExists(vscode.Uri.joinPath(folder, 'bruno.json')))) throw new Error(`${vscode.workspace.asRelativePath(folder)} is not a Bruno collection (it has no bruno.json)`);
  if (depth > 8) return [];
  const out: FolderFile[] = [];
  const entries = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder, prefix))).sort((a, b) => a[0].localeCompare(b[0]));
  for (const [name, type] of entries) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = `${prefix}${name}`;
    if (type & vscode.FileType.Directory) out.push(...(await brunoFiles(folder, `${path}/`, depth + 1)));
    else if (path === 'bruno.json' || name.endsWith('.bru')) {
      const uri = vscode.Uri.joinPath(folder, path);
      if ((await vscode.workspace.fs.stat(uri)).size > MAX_IMPORT_BYTES) throw new Error(`${vscode.workspace.asRelativePath(uri)} is more than the ${MAX_IMPORT_BYTES / 1024 / 1024} MiB an import reads`);
      out.push({ path, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
    }
  }
  return out;
}

/** The collection file to import into: given, picked among the workspace's, or a new one. */
async function chooseTarget(store: CollectionStore, root: vscode.Uri, target: string | undefined): Promise<vscode.Uri | undefined> {
  const fromName = (name: string): vscode.Uri => {
    const file = collectionFileName(name);
    if (!file.ok) throw new Error(`Cannot import into "${name}": ${file.error}`);
    return vscode.Uri.joinPath(root, file.path);
  };
  if (target !== undefined) return fromName(target);
  const NEW = '$(new-file) New collection…';
  const items = [NEW, ...store.all().filter((e) => e.collection).map((e) => vscode.workspace.asRelativePath(e.uri))];
  const choice = await vscode.window.showQuickPick(items, { title: 'Import into', placeHolder: 'A new collection, or add to one (nothing is added twice)' });
  if (!choice) return undefined;
  if (choice !== NEW) return store.all().find((e) => vscode.workspace.asRelativePath(e.uri) === choice)?.uri;
  const name = await vscode.window.showInputBox({ title: 'New Collection', prompt: 'File name (saved as <name>.streams.json)', value: 'imported', validateInput: (v) => {
      const r = collectionFileName(v);
      return r.ok ? undefined : r.error;
    },
  });
  return name ? fromName(name) : undefined;
}

/** Says what was imported and offers to store each credential the collection now refers to. */
async function offerSecrets(message: string, summary: ImportSummary): Promise<void> {
  if (summary.secrets.length === 0) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const names = [...new Set(summary.secrets.map((n) => n.name))];
  const action = `Set ${names.length === 1 ? 'the secret' : `${names.length} secrets`}…`;
  const choice = await vscode.window.showInformationMessage(`${message} Credentials were kept out of the file as ${names.map((n) => `{{secret:${n}}}`).join(', ')}.`, action);
  if (choice !== action) return;
  for (const name of names) await vscode.commands.executeCommand(Commands.setSecret, name);
}
