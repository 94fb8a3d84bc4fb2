/**
 * What a `.http` block's variables come from in VS Code: the file's
 * `@variables` (as the editor holds it now, unsaved edits included),
 * `http-client.env.json` + `http-client.private.env.json` and `.env` in its
 * folder, and REST Client's `rest-client.environmentVariables` setting.
 * Files are read once per folder and again when they change, so the
 * editor's variable list and the status bar can ask without waiting.
 */
import { parseEnv } from 'node:util';
import * as vscode from 'vscode';
import { httpClientEnvironments, restClientEnvironmentSets, type ReadEnvironments } from '../../core/http-file/environments';
import { parseHttpFile } from '../../core/http-file/parse';
import { httpRunSources, mergeHttpEnvironments } from '../../core/http-file/run-sources';
import type { EnvironmentScope, SavedSource } from '../collections/environments';
import { log } from '../log';

const ENV_FILES = ['http-client.env.json', 'http-client.private.env.json', '.env'] as const;

interface FolderFiles {
  files: ReadEnvironments;
  dotenv: Record<string, string>;
  /** The env file the environments come from, if any (for the status bar). */
  where?: vscode.Uri;
}

/** Environments and variables of `.http` files, by folder. */
export class HttpEnvironments implements vscode.Disposable {
  private readonly folders = new Map<string, FolderFiles>();
  /** The text of `.http` files as last read, for when no editor holds them. */
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** Fires when an env file, the REST Client setting or an open `.http` file changed. */
  readonly onDidChange = this.emitter.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${ENV_FILES.join(',')}}`);
    const reread = (uri: vscode.Uri): void => {
      const dir = vscode.Uri.joinPath(uri, '..');
      // The old values serve until the new ones are read.
      if (this.folders.has(dir.toString())) void this.loadFolder(dir, true).then(() => this.emitter.fire());
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reread),
      watcher.onDidChange(reread),
      watcher.onDidDelete(reread),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('rest-client.environmentVariables')) this.emitter.fire();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.texts.has(e.document.uri.toString())) return;
        this.texts.set(e.document.uri.toString(), e.document.getText());
        this.emitter.fire();
      }),
    );
  }

  /** Reads what `file`'s variables come from (once per folder); returns the file's current text. */
  async load(file: vscode.Uri): Promise<string> {
    const text = (await vscode.workspace.openTextDocument(file)).getText();
    this.texts.set(file.toString(), text);
    await this.loadFolder(vscode.Uri.joinPath(file, '..'));
    return text;
  }

  private async loadFolder(dir: vscode.Uri, again = false): Promise<FolderFiles> {
    const known = this.folders.get(dir.toString());
    if (known && !again) return known;
    const [pub, priv, dotenvText] = await Promise.all(ENV_FILES.map((name) => readText(vscode.Uri.joinPath(dir, name))));
    const files = httpClientEnvironments(pub, priv);
    for (const w of files.warnings) log().warn(`${vscode.workspace.asRelativePath(dir)}: ${w}`);
    let dotenv: Record<string, string> = {};
    try {
      dotenv = dotenvText === undefined ? {} : (parseEnv(dotenvText) as Record<string, string>);
    } catch (err) {
      log().warn(`${vscode.workspace.asRelativePath(vscode.Uri.joinPath(dir, '.env'))} is left out: ${err instanceof Error ? err.message : String(err)}`);
    }
    const where = pub !== undefined ? vscode.Uri.joinPath(dir, ENV_FILES[0]) : priv !== undefined ? vscode.Uri.joinPath(dir, ENV_FILES[1]) : undefined;
    const entry: FolderFiles = { files, dotenv, where };
    this.folders.set(dir.toString(), entry);
    return entry;
  }

  /** The environments of a `.http` block and how the chosen one resolves its variables. */
  scope(source: SavedSource): EnvironmentScope {
    const dir = vscode.Uri.joinPath(source.uri, '..');
    const folder = this.folders.get(dir.toString()) ?? { files: { environments: [], warnings: [], privateNames: {} }, dotenv: {} };
    const settings = vscode.workspace.getConfiguration('rest-client', source.uri).get<unknown>('environmentVariables');
    const environments = mergeHttpEnvironments(folder.files, restClientEnvironmentSets(settings));
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.uri.toString());
    const text = open?.getText() ?? this.texts.get(source.uri.toString()) ?? '';
    const fileVariables = parseHttpFile(text).variables;
    return {
      key: `http:${dir.toString()}`,
      where: folder.where ?? source.uri,
      environments: environments.environments,
      sources: (chosen) => httpRunSources(environments, chosen, fileVariables, folder.dotenv, process.env),
    };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
}
