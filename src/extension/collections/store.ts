/**
 * The workspace's collection files: found with `findFiles`, read and written
 * with `workspace.fs` (so remote and virtual workspaces work), kept fresh by
 * a file watcher. A file that does not parse stays listed with its error.
 */
import * as vscode from 'vscode';
import type { Collection } from '../../core/collections/model';
import { COLLECTION_GLOB } from '../../core/collections/model';
import { parseCollection, type CollectionWarning } from '../../core/collections/parse';
import { fileExists } from '../file-exists';

/** One collection file as last read. */
export interface CollectionEntry {
  uri: vscode.Uri;
  text: string;
  collection?: Collection;
  error?: string;
  /** Likely mistakes in a file that works (requests sharing a name), with their lines. */
  warnings?: CollectionWarning[];
}

/** All collection files in the workspace. */
export class CollectionStore implements vscode.Disposable {
  private entries = new Map<string, CollectionEntry>();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly watcher: vscode.FileSystemWatcher;
  private loading: Promise<void> | undefined;
  /** Fires after any file was added, changed or removed. */
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher(COLLECTION_GLOB);
    this.watcher.onDidCreate((uri) => void this.reload(uri));
    this.watcher.onDidChange((uri) => void this.reload(uri));
    this.watcher.onDidDelete((uri) => {
      this.entries.delete(uri.toString());
      this.emitter.fire();
    });
  }

  /** Finds and reads every collection file (once; later calls wait for the same scan). */
  load(force = false): Promise<void> {
    if (!this.loading || force) {
      this.loading = (async () => {
        const uris = await vscode.workspace.findFiles(COLLECTION_GLOB, '**/node_modules/**');
        const next = new Map<string, CollectionEntry>();
        for (const uri of uris.sort((a, b) => a.path.localeCompare(b.path))) next.set(uri.toString(), await read(uri));
        this.entries = next;
        this.emitter.fire();
      })();
    }
    return this.loading;
  }

  /** Every file, sorted by path. */
  all(): CollectionEntry[] {
    return [...this.entries.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path));
  }

  get(uri: vscode.Uri): CollectionEntry | undefined {
    return this.entries.get(uri.toString());
  }

  /** Re-reads one file. */
  async reload(uri: vscode.Uri): Promise<void> {
    this.entries.set(uri.toString(), await read(uri));
    this.emitter.fire();
  }

  /**
   * Applies a text edit to a file read fresh from disk, writes it, and
   * refreshes. A file that does not parse is refused and left as it is:
   * writing a fresh collection over it would lose what the user had.
   */
  async edit<T>(uri: vscode.Uri, change: (text: string) => { text: string; result: T }): Promise<T> {
    // Read as bytes and decoded without dropping a byte order mark, so a write keeps it.
    const current = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const parsed = parseCollection(current);
    if (!parsed.ok) {
      await this.reload(uri);
      throw new Error(`${vscode.workspace.asRelativePath(uri)} is not a valid collection, so nothing was saved into it and it was left as it is (${parsed.error}). Fix the file, then save again.`);
    }
    const { text, result } = change(current);
    if (text !== current) await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    await this.reload(uri);
    return result;
  }

  /** Writes a new file; refuses one that exists (nothing is ever overwritten). */
  async create(uri: vscode.Uri, text: string): Promise<void> {
    if (await fileExists(uri)) throw new Error(`${vscode.workspace.asRelativePath(uri)} already exists: choose another name (the file was left as it is)`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    await this.reload(uri);
  }

  dispose(): void {
    this.watcher.dispose();
    this.emitter.dispose();
  }
}


async function read(uri: vscode.Uri): Promise<CollectionEntry> {
  try {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const parsed = parseCollection(text);
    return parsed.ok ? { uri, text, collection: parsed.collection, warnings: parsed.warnings } : { uri, text, error: parsed.error };
  } catch (err) {
    return { uri, text: '', error: `Cannot read the file: ${err instanceof Error ? err.message : String(err)}` };
  }
}
