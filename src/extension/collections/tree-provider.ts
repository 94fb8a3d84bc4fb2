/**
 * The Streams view: collection files → folders → requests, refreshed when
 * files change, with drag and drop to move requests between folders and
 * collections.
 */
import * as vscode from 'vscode';
import { deleteRequest, insertRequest } from '../../core/collections/edits';
import { findFolder, findRequest } from '../../core/collections/tree';
import type { Folder, SavedRequest } from '../../core/collections/model';
import { log } from '../log';
import { nodeId, treeItem, type StreamsNode, type Unreachable } from './nodes';
import type { CollectionEntry, CollectionStore } from './store';

const MIME = 'application/vnd.code.tree.streamviewer.streams';

/** Where the file warns about the item at `jsonPath`, for an item its path does not reach. */
function unreachableAt(entry: CollectionEntry, jsonPath: (string | number)[], name: string): Unreachable {
  const w = entry.warnings?.find((x) => x.jsonPath.length === jsonPath.length && x.jsonPath.every((p, i) => p === jsonPath[i]));
  return w ? { message: w.message, line: w.line, column: w.column } : { message: `Another item is named "${name}" before this one: rename one`, line: 1, column: 1 };
}

/**
 * The folders and requests of a collection or folder. One that its path
 * does not reach (a second of the same name, or inside such a folder) is
 * marked, with the file's warning for it.
 */
function children(entry: CollectionEntry, path: string[], node: { requests?: SavedRequest[]; folders?: Folder[] }, json: (string | number)[], inherited?: Unreachable): StreamsNode[] {
  const c = entry.collection;
  if (!c) return [];
  const uri = entry.uri;
  return [
    ...(node.folders ?? []).map((folder, i): StreamsNode => {
      const p = [...path, folder.name];
      const jsonPath = [...json, 'folders', i];
      const unreachable = inherited ?? (findFolder(c, p) === folder ? undefined : unreachableAt(entry, jsonPath, p.join('/')));
      return { kind: 'folder', uri, path: p, folder, jsonPath, unreachable };
    }),
    ...(node.requests ?? []).map((request, i): StreamsNode => {
      const p = [...path, request.name];
      const jsonPath = [...json, 'requests', i];
      const unreachable = inherited ?? (findRequest(c, p) === request ? undefined : unreachableAt(entry, jsonPath, p.join('/')));
      return { kind: 'request', uri, path: p, request, jsonPath, unreachable };
    }),
  ];
}

/** Tree data and drag and drop for the Streams view. */
export class StreamsTreeProvider implements vscode.TreeDataProvider<StreamsNode>, vscode.TreeDragAndDropController<StreamsNode> {
  readonly dropMimeTypes = [MIME];
  readonly dragMimeTypes = [MIME];
  private readonly emitter = new vscode.EventEmitter<StreamsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly dragged = new Map<string, StreamsNode>();

  constructor(private readonly store: CollectionStore) {
    store.onDidChange(() => this.emitter.fire(undefined));
  }

  getTreeItem(n: StreamsNode): vscode.TreeItem {
    return treeItem(n);
  }

  async getChildren(n?: StreamsNode): Promise<StreamsNode[]> {
    if (!n) {
      await this.store.load();
      return this.store.all().map((entry): StreamsNode => ({ kind: 'collection', entry }));
    }
    if (n.kind === 'collection') return n.entry.collection ? children(n.entry, [], n.entry.collection, []) : [];
    const entry = this.store.get(n.uri);
    if (n.kind !== 'folder' || !entry?.collection) return [];
    if (n.unreachable) return children(entry, n.path, n.folder, n.jsonPath ?? [], n.unreachable);
    // The folder as the file now holds it (the node may predate a reload).
    const folder = findFolder(entry.collection, n.path);
    return folder ? children(entry, n.path, folder, n.jsonPath ?? []) : [];
  }

  getParent(n: StreamsNode): StreamsNode | undefined {
    if (n.kind === 'collection') return undefined;
    const entry = this.store.get(n.uri);
    if (!entry) return undefined;
    if (n.path.length === 1) return { kind: 'collection', entry };
    let folder: Folder | undefined;
    let node: { folders?: Folder[] } | undefined = entry.collection;
    for (const name of n.path.slice(0, -1)) {
      folder = node?.folders?.find((f) => f.name === name);
      node = folder;
    }
    return folder ? { kind: 'folder', uri: n.uri, path: n.path.slice(0, -1), folder } : undefined;
  }

  handleDrag(source: readonly StreamsNode[], data: vscode.DataTransfer): void {
    // One its path does not reach cannot be moved: by path, the move would take the other one.
    const requests = source.filter((n) => n.kind === 'request' && !n.unreachable);
    for (const n of requests) this.dragged.set(nodeId(n), n);
    data.set(MIME, new vscode.DataTransferItem(requests.map(nodeId)));
  }

  async handleDrop(target: StreamsNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const ids = data.get(MIME)?.value as string[] | undefined;
    if (!ids || !target) return;
    const dest = target.kind === 'collection' ? { uri: target.entry.uri, folder: [] as string[] } : target.kind === 'folder' ? { uri: target.uri, folder: target.path } : { uri: target.uri, folder: target.path.slice(0, -1) };
    for (const id of ids) {
      const n = this.dragged.get(id);
      if (n?.kind !== 'request') continue;
      await moveRequestBetweenFiles(this.store, n.uri, n.path, dest.uri, dest.folder);
    }
    this.dragged.clear();
  }

  /** Repaints the whole tree. */
  refresh(): void {
    this.emitter.fire(undefined);
  }
}

/** Moves a request to a folder of the same or another file; returns its new path. */
export async function moveRequestBetweenFiles(store: CollectionStore, from: vscode.Uri, path: string[], to: vscode.Uri, folder: string[]): Promise<string[]> {
  const entry = store.get(from);
  const request = entry?.collection ? findRequest(entry.collection, path) : undefined;
  if (!request) throw new Error(`No request ${path.join('/')}`);
  if (from.toString() === to.toString() && path.slice(0, -1).join('/') === folder.join('/')) return path;
  // Insert first, then delete: a failure in between leaves a copy, never a loss.
  const newPath = await store.edit(to, (text) => {
    const r = insertRequest(text, folder, request);
    return { text: r.text, result: r.path };
  });
  await store.edit(from, (text) => ({ text: deleteRequest(text, path), result: undefined }));
  log().info(`moved ${path.join('/')} to ${vscode.workspace.asRelativePath(to)}:${newPath.join('/')}`);
  return newPath;
}

