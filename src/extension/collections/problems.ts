/**
 * The collection parser's problems as editor diagnostics on open
 * `*.streams.json` files: the schema underlines what a schema can say, and
 * this adds what only the parser knows (a JSONPath or regular expression
 * that does not compile, an `events.min` above its `max`), so the editor
 * lists every problem `stream-viewer test` reports.
 */
import * as vscode from 'vscode';
import { COLLECTION_SUFFIX } from '../../core/collections/model';
import { parseCollection } from '../../core/collections/parse';
import { locateProblems } from '../../core/collections/problem-locations';

/** Where the diagnostics come from, as the Problems view shows it. */
const SOURCE = 'Stream Viewer';

/** Keeps the diagnostics of open collection files up to date as they are edited. */
export function registerCollectionProblems(subscriptions: vscode.Disposable[]): vscode.DiagnosticCollection {
  const diagnostics = vscode.languages.createDiagnosticCollection('streamViewer.collections');
  const update = (doc: vscode.TextDocument): void => {
    if (!doc.uri.path.endsWith(COLLECTION_SUFFIX)) return;
    const text = doc.getText();
    const parsed = parseCollection(text);
    // Text that is not JSON is left to the JSON language service, which places each syntax error better.
    if (parsed.ok || parsed.problems === undefined) return void diagnostics.delete(doc.uri);
    diagnostics.set(
      doc.uri,
      locateProblems(text, parsed.problems).map((p) => {
        const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length)), p.message, vscode.DiagnosticSeverity.Error);
        d.source = SOURCE;
        return d;
      }),
    );
  };
  vscode.workspace.textDocuments.forEach(update);
  subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => update(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => diagnostics.delete(doc.uri)),
  );
  return diagnostics;
}
