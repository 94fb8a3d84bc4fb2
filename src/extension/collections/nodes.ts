/** The Streams tree's nodes and how each looks. */
import * as vscode from 'vscode';
import type { Folder, SavedRequest } from '../../core/collections/model';
import type { CollectionEntry } from './store';

/** A node of the tree. */
export type StreamsNode =
  | { kind: 'collection'; entry: CollectionEntry }
  | { kind: 'folder'; uri: vscode.Uri; path: string[]; folder: Folder }
  | { kind: 'request'; uri: vscode.Uri; path: string[]; request: SavedRequest };

/** A stable id for a node, for drag and drop and reveal. */
export function nodeId(n: StreamsNode): string {
  switch (n.kind) {
    case 'collection':
      return n.entry.uri.toString();
    case 'folder':
      return `${n.uri.toString()}#folder:${n.path.join('/')}`;
    case 'request':
      return `${n.uri.toString()}#request:${n.path.join('/')}`;
  }
}

/** The VS Code tree item for a node. */
export function treeItem(n: StreamsNode): vscode.TreeItem {
  switch (n.kind) {
    case 'collection': {
      const e = n.entry;
      const name = e.collection?.name ?? e.uri.path.split('/').pop()!;
      const item = new vscode.TreeItem(name, e.error ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded);
      item.id = nodeId(n);
      item.resourceUri = e.uri;
      item.description = e.error ? 'cannot be read' : vscode.workspace.asRelativePath(e.uri);
      item.tooltip = e.error ? new vscode.MarkdownString(`**${vscode.workspace.asRelativePath(e.uri)}**\n\n${e.error}`) : vscode.workspace.asRelativePath(e.uri);
      item.iconPath = new vscode.ThemeIcon(e.error ? 'error' : 'repo', e.error ? new vscode.ThemeColor('errorForeground') : undefined);
      item.contextValue = e.error ? 'streamViewer.collection.broken' : 'streamViewer.collection';
      if (e.error) item.command = { command: 'vscode.open', title: 'Open File', arguments: [e.uri] };
      return item;
    }
    case 'folder': {
      const item = new vscode.TreeItem(n.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = nodeId(n);
      item.iconPath = vscode.ThemeIcon.Folder;
      item.contextValue = 'streamViewer.folder';
      return item;
    }
    case 'request': {
      const item = new vscode.TreeItem(n.request.name, vscode.TreeItemCollapsibleState.None);
      item.id = nodeId(n);
      item.description = `${n.request.method} ${n.request.url}`;
      item.tooltip = `${n.request.method} ${n.request.url}`;
      item.iconPath = new vscode.ThemeIcon('radio-tower');
      item.contextValue = 'streamViewer.request';
      item.command = { command: 'streamViewer.openSavedRequest', title: 'Open Request', arguments: [n] };
      return item;
    }
  }
}
