/** The Streams tree's nodes and how each looks. */
import * as vscode from 'vscode';
import type { Folder, SavedRequest } from '../../core/collections/model';
import type { CollectionEntry } from './store';
import { Commands, ContextValues } from '../../shared/ids';

/**
 * A request or folder its path does not reach: a second one with the same
 * name (or inside such a folder). It is shown, and leads to its place in
 * the file, but no command acts on it: by path it would act on the first.
 */
export interface Unreachable {
  message: string;
  /** 1-based, in the file. */
  line: number;
  column: number;
}

/** Where a folder or request is in its file's JSON, and whether its path reaches it. */
interface Placed {
  jsonPath?: (string | number)[];
  unreachable?: Unreachable;
}

/** A node of the tree. */
export type StreamsNode =
  | { kind: 'collection'; entry: CollectionEntry }
  | ({ kind: 'folder'; uri: vscode.Uri; path: string[]; folder: Folder } & Placed)
  | ({ kind: 'request'; uri: vscode.Uri; path: string[]; request: SavedRequest } & Placed);

/** A stable id for a node, for drag and drop and reveal (unique even when two share a name). */
export function nodeId(n: StreamsNode): string {
  if (n.kind === 'collection') return n.entry.uri.toString();
  const id = `${n.uri.toString()}#${n.kind}:${n.path.join('/')}`;
  return n.unreachable ? `${id}@${(n.jsonPath ?? []).join('.')}` : id;
}

/** Opens the file at the line of something that has a warning. */
function showInFile(uri: vscode.Uri, at: { line: number; column: number }): vscode.Command {
  const pos = new vscode.Position(Math.max(0, at.line - 1), Math.max(0, at.column - 1));
  return { command: 'vscode.open', title: 'Show in File', arguments: [uri, { selection: new vscode.Range(pos, pos) }] };
}

/** How an unreachable request or folder looks: a warning that leads to the file. */
function unreachableItem(item: vscode.TreeItem, uri: vscode.Uri, u: Unreachable, kind: 'request' | 'folder'): vscode.TreeItem {
  item.description = `not reachable: line ${u.line}`;
  item.tooltip = new vscode.MarkdownString().appendText(u.message);
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  item.contextValue = `streamViewer.${kind}.unreachable`;
  item.command = showInFile(uri, u);
  return item;
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
      item.tooltip = e.error ? new vscode.MarkdownString(`**${vscode.workspace.asRelativePath(e.uri)}**\n\n${e.error.replace(/\n/g, '  \n')}`) : vscode.workspace.asRelativePath(e.uri);
      item.iconPath = new vscode.ThemeIcon(e.error ? 'error' : 'repo', e.error ? new vscode.ThemeColor('errorForeground') : undefined);
      item.contextValue = e.error ? ContextValues.brokenCollection : ContextValues.collection;
      if (e.error) item.command = { command: 'vscode.open', title: 'Open File', arguments: [e.uri] };
      const warnings = e.warnings ?? [];
      if (!e.error && warnings.length > 0) {
        item.description = `${vscode.workspace.asRelativePath(e.uri)} — ${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}`;
        const md = new vscode.MarkdownString().appendMarkdown(`**${vscode.workspace.asRelativePath(e.uri)}**\n\n`);
        for (const w of warnings) md.appendText(`Line ${w.line}: ${w.message}\n\n`);
        item.tooltip = md;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      }
      return item;
    }
    case 'folder': {
      const item = new vscode.TreeItem(n.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = nodeId(n);
      if (n.unreachable) return unreachableItem(item, n.uri, n.unreachable, 'folder');
      item.iconPath = vscode.ThemeIcon.Folder;
      item.contextValue = ContextValues.folder;
      return item;
    }
    case 'request': {
      const item = new vscode.TreeItem(n.request.name, vscode.TreeItemCollapsibleState.None);
      item.id = nodeId(n);
      if (n.unreachable) return unreachableItem(item, n.uri, n.unreachable, 'request');
      item.description = `${n.request.method} ${n.request.url}`;
      item.tooltip = `${n.request.method} ${n.request.url}`;
      item.iconPath = new vscode.ThemeIcon('radio-tower');
      item.contextValue = ContextValues.request;
      item.command = { command: Commands.openSavedRequest, title: 'Open Request', arguments: [n] };
      return item;
    }
  }
}
