/**
 * ▶ Stream above each request of a `.http` / `.rest` file. Blocks Stream
 * Viewer cannot send faithfully get a lens that says why instead, so the
 * user never sends a request other than the one written. Registers nothing
 * itself: the caller chooses the command that opens the panel on a block.
 */
import * as vscode from 'vscode';
import { markBodyFileProblems } from '../../core/http-file/body-file';
import type { HttpBlock } from '../../core/http-file/model';
import { parseHttpFile } from '../../core/http-file/parse';

/** The files the lenses are for (REST Client's and JetBrains' language ids, and the extensions themselves). */
export const HTTP_FILE_SELECTOR: vscode.DocumentSelector = [
  { language: 'http' },
  { language: 'restclient' },
  { pattern: '**/*.{http,rest}' },
];

/** The blocks of a document, those whose `< file` body cannot be sent marked with why (a file on disk only: the path is relative to it). */
export function sendableBlocks(document: vscode.TextDocument): HttpBlock[] {
  const { blocks } = parseHttpFile(document.getText());
  if (document.uri.scheme === 'file') markBodyFileProblems(document.uri.fsPath, blocks);
  return blocks;
}

/** Lenses for `.http` blocks; ▶ Stream runs `command` with the file's URI and the block's 1-based request line. */
export class HttpCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly command: string) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const blocks = sendableBlocks(document);
    return blocks.map((b) => {
      const range = new vscode.Range(b.line - 1, 0, b.line - 1, 0);
      if (b.unsupported) {
        // The reason where the user would click; clicking shows it whole (a long lens is cut) and sends nothing.
        return new vscode.CodeLens(range, { title: `$(warning) ${b.unsupported}`, tooltip: 'Stream Viewer will not send this request', command: this.command, arguments: [document.uri, b.line] });
      }
      const tooltip = b.warnings.length > 0 ? `Stream ${b.name}. Note: ${b.warnings.join('; ')}` : `Stream ${b.name} in Stream Viewer`;
      return new vscode.CodeLens(range, { title: '▶ Stream', tooltip, command: this.command, arguments: [document.uri, b.line] });
    });
  }
}
