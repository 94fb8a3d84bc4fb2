/**
 * Compare Recordings in VS Code's diff editor: each recording as comparable
 * text (see core/recording/comparable) in a read-only virtual document,
 * the two side by side.
 */
import * as vscode from 'vscode';
import { comparableText, type CompareOptions } from '../core/recording/comparable';
import { recordingName } from '../core/recording/file-name';
import type { Recording } from '../core/recording/format';

/** The URI scheme of the compared documents. */
export const COMPARE_SCHEME = 'stream-viewer-compare';

/** One side of a comparison: the file and what it holds. */
export interface ComparedRecording {
  uri: vscode.Uri;
  recording: Recording;
}

/** Serves the text of compared recordings until their documents close. */
export class ComparedDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private next = 1;
  private readonly disposables = [
    vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === COMPARE_SCHEME) this.texts.delete(doc.uri.toString());
    }),
  ];

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Holds `text` under a new URI whose path (no extension: plain text) shows `name`. */
  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${name}`, query: String(this.next++) });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.texts.clear();
  }
}

/** Asks whether to leave out what differs in every run; undefined when dismissed. */
export async function askCompareOptions(): Promise<CompareOptions | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: '$(filter) Ignore what always differs', detail: 'Timing, the recording date, Date and request-id headers, generated ids (chatcmpl-…, msg_…) and created timestamps', ignoreVolatile: true },
      { label: '$(diff) Exact', detail: 'Every byte of the bodies, every header and timing figure', ignoreVolatile: false },
    ],
    { title: 'Compare Recordings', placeHolder: 'How to compare' },
  );
  return picked ? { ignoreVolatile: picked.ignoreVolatile } : undefined;
}

/** Opens the diff editor on the two recordings. */
export async function showComparison(docs: ComparedDocuments, before: ComparedRecording, after: ComparedRecording, options: CompareOptions): Promise<void> {
  const [a, b] = [recordingName(before.uri.path), recordingName(after.uri.path)];
  const left = docs.add(a, comparableText(before.recording, options));
  const right = docs.add(b, comparableText(after.recording, options));
  const how = options.ignoreVolatile ? 'ignoring timing, dates and ids' : 'exact';
  await vscode.commands.executeCommand('vscode.diff', left, right, `${a} ↔ ${b} (${how})`, { preview: true });
}
