/**
 * Requests of `.http` / `.rest` files in VS Code: ▶ Stream above each block
 * opens a panel on it and sends it; a block that cannot be sent as written
 * says why (on its lens and in Problems) and is never sent; Save in that
 * panel writes the edited request back into its block, through the editor
 * (undo works, unsaved edits in it are kept), every other byte as it was.
 */
import * as vscode from 'vscode';
import type { SavedRequest } from '../../core/collections/model';
import { fromSpec, toSpec } from '../../core/collections/tree';
import type { HttpBlock } from '../../core/http-file/model';
import { readBodyFile } from '../../core/http-file/body-file';
import { parseHttpFile } from '../../core/http-file/parse';
import { withBodyFile } from '../../core/http-file/run-sources';
import { replaceBlock } from '../../core/http-file/write';
import { Commands } from '../../shared/ids';
import type { SourceRef } from '../../shared/protocol';
import type { Environments, SavedSource } from '../collections/environments';
import { HttpCodeLensProvider, HTTP_FILE_SELECTOR, sendableBlocks } from './codelens';
import { log } from '../log';
import type { RequestPanel } from '../panel';
import { lineAlignedChange } from '../../core/http-file/line-change';
import type { HttpEnvironments } from './environments';

/** What the `.http` support needs from the rest of the extension. */
export interface HttpServices {
  command(id: string, fn: (...args: never[]) => unknown): void;
  subscriptions: vscode.Disposable[];
  environments: Environments;
  httpEnvironments: HttpEnvironments;
  panels(): RequestPanel[];
  /** A new panel beside the `.http` file, so the file and its stream show together. */
  openPanel(): RequestPanel;
}

/** What other parts call: Save of a panel opened from a block, and restoring one after a reload. */
export interface HttpRequests {
  save(panel: RequestPanel): Promise<SavedSource>;
  restore(panel: RequestPanel, ref: SourceRef): Promise<void>;
}

/** `api.http:12`: how the panel and messages name a block. */
function label(uri: vscode.Uri, line: number): string {
  return `${uri.path.slice(uri.path.lastIndexOf('/') + 1)}:${line}`;
}

function isHttpDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'http' || doc.languageId === 'restclient' || /\.(http|rest)$/i.test(doc.uri.path);
}

/** The block at a request line, else the block spanning that line. */
function blockAt(blocks: HttpBlock[], line: number): HttpBlock | undefined {
  return blocks.find((b) => b.line === line) ?? blocks.find((b) => b.firstLine <= line && line <= b.lastLine);
}

/** Registers the CodeLens, the Problems entries and the command of `.http` files. */
export function registerHttpFiles(s: HttpServices): HttpRequests {
  /** The request each panel was opened on, as parsed: how Save finds its block again after the file changed. */
  const base = new WeakMap<RequestPanel, SavedRequest>();

  const request = async (uri: vscode.Uri, block: HttpBlock): Promise<SavedRequest> => {
    if (!block.bodyFile) return block.request;
    const where = `${label(uri, block.line)} (${block.name})`;
    if (uri.scheme !== 'file') throw new Error(`${where}: the body file ${block.bodyFile.path} is read beside the .http file, which must be saved on disk`);
    try {
      // The same reading as the CLI's: path, regular files only, the request size cap, bytes kept.
      return withBodyFile(block.request, readBodyFile(uri.fsPath, block.bodyFile));
    } catch (err) {
      throw new Error(`${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  };

  const associate = (panel: RequestPanel, uri: vscode.Uri, block: HttpBlock): SavedSource => {
    const source: SavedSource = { uri, path: [label(uri, block.line)], line: block.line };
    base.set(panel, block.request);
    panel.associate(source);
    s.environments.show(source);
    return source;
  };

  const open = async (uri: vscode.Uri, line: number): Promise<RequestPanel> => {
    const { blocks } = parseHttpFile(await s.httpEnvironments.load(uri));
    const block = blockAt(blocks, line);
    if (!block) throw new Error(`${label(uri, line)}: there is no request at this line`);
    const where = label(uri, block.line);
    if (block.unsupported) throw new Error(`${where} (${block.name}) is not sent. ${block.unsupported}`);
    for (const w of block.warnings) log().info(`${where}: ${w}`);
    const existing = s.panels().find((p) => p.source?.line === block.line && p.source.uri.toString() === uri.toString());
    // A panel with unsaved edits keeps them: the lens sends what it holds.
    if (existing?.dirty) {
      existing.reveal();
      return existing;
    }
    // Read (a body file may be refused) before a panel opens, so a refused block leaves no empty panel behind.
    const { spec, settings } = toSpec(await request(uri, block));
    const panel = existing ?? s.openPanel();
    panel.load(spec, settings);
    associate(panel, uri, block);
    panel.reveal();
    return panel;
  };

  s.command(Commands.streamHttpRequest, async (uri?: vscode.Uri, line?: number) => {
    let target = uri instanceof vscode.Uri ? { uri, line: typeof line === 'number' ? line : 1 } : undefined;
    if (!target) {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !isHttpDocument(editor.document)) throw new Error('Open a .http or .rest file and put the cursor in a request');
      target = { uri: editor.document.uri, line: editor.selection.active.line + 1 };
    }
    const panel = await open(target.uri, target.line);
    return panel.send();
  });

  const diagnostics = vscode.languages.createDiagnosticCollection('streamViewer.http');
  const check = (doc: vscode.TextDocument): void => {
    if (!isHttpDocument(doc)) return;
    const found = sendableBlocks(doc).filter((b) => b.unsupported);
    diagnostics.set(
      doc.uri,
      found.map((b) => {
        const d = new vscode.Diagnostic(doc.lineAt(b.line - 1).range, `${b.unsupported} Stream Viewer will not send this request.`, vscode.DiagnosticSeverity.Warning);
        d.source = 'Stream Viewer';
        return d;
      }),
    );
  };
  vscode.workspace.textDocuments.forEach(check);
  s.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeLensProvider(HTTP_FILE_SELECTOR, new HttpCodeLensProvider(Commands.streamHttpRequest)),
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => diagnostics.delete(doc.uri)),
  );

  return {
    async save(panel) {
      const source = panel.source;
      if (source?.line === undefined) throw new Error('This panel was not opened from a .http file');
      const doc = await vscode.workspace.openTextDocument(source.uri);
      const text = doc.getText();
      const { blocks } = parseHttpFile(text);
      const before = base.get(panel);
      const key = before ? JSON.stringify(before) : undefined;
      // The block as it was opened, nearest its old line (lines above it may have been added or removed)…
      const same = blocks.filter((b) => JSON.stringify(b.request) === key).sort((a, b) => Math.abs(a.line - source.line!) - Math.abs(b.line - source.line!));
      // …else the block at that line, by its name, when it was edited in the editor meanwhile.
      const block = same[0] ?? blocks.find((b) => b.line === source.line && b.name === before?.name);
      if (!block?.layout || block.unsupported) {
        throw new Error(`${source.path[0]} is no longer in ${vscode.workspace.asRelativePath(source.uri)} as it was opened (it was edited or moved in the editor), so nothing was written. Open it again with ▶ Stream, then save.`);
      }
      const { spec, settings } = panel.request;
      const next = replaceBlock(text, block, fromSpec(block.name, spec, settings));
      if (next !== text) {
        const wasDirty = doc.isDirty;
        const change = lineAlignedChange(text, next);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(source.uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.text);
        if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`${vscode.workspace.asRelativePath(source.uri)} could not be edited`);
        // Unsaved edits the user made in the editor stay theirs to save.
        if (!wasDirty) await doc.save();
        log().info(`saved ${source.path[0]} into ${vscode.workspace.asRelativePath(source.uri)}`);
      }
      const after = parseHttpFile(doc.getText()).blocks.find((b) => b.startOffset === block.startOffset) ?? block;
      return associate(panel, source.uri, after);
    },

    async restore(panel, ref) {
      const uri = vscode.Uri.parse(ref.uri);
      const block = blockAt(parseHttpFile(await s.httpEnvironments.load(uri)).blocks, ref.line ?? 0);
      if (!block || block.unsupported) return;
      const source = associate(panel, uri, block);
      // Compared with the block as written: edits made before the reload stay marked.
      panel.associate(source, toSpec(await request(uri, block)));
    },
  };
}
