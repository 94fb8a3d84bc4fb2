/**
 * What a request panel hands out: its timeline as a JSON Lines file, and its
 * request as a cURL command on the clipboard (secrets masked). The panel
 * says what to hand out; the file and clipboard side of it lives here.
 */
import * as vscode from 'vscode';
import type { TimelineItem } from '../../core/items';
import { timelineToJsonLines } from '../../core/json-lines';
import { RequestError } from '../../core/request';
import { log } from '../log';

/** Writes `items` as JSON Lines to `target`, or where the user chooses; the file written, if any. */
export async function exportTimelineFile(items: () => TimelineItem[], target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      filters: { 'JSON Lines': ['jsonl', 'ndjson'] },
      defaultUri: folder ? vscode.Uri.joinPath(folder.uri, 'timeline.jsonl') : undefined,
      saveLabel: 'Export Timeline',
    }));
  if (!uri) return undefined;
  // Read once the file is chosen: a stream still running has kept on adding items.
  const kept = items();
  await vscode.workspace.fs.writeFile(uri, Buffer.from(timelineToJsonLines(kept), 'utf8'));
  log().info(`exported ${kept.length} items to ${uri.toString()}`);
  return uri;
}

/** Copies the command `curl` builds to the clipboard, with a clear message when it cannot be built. */
export async function copyCurl(curl: () => Promise<string>): Promise<void> {
  try {
    await vscode.env.clipboard.writeText(await curl());
    void vscode.window.setStatusBarMessage('Stream Viewer: copied as cURL', 3000);
  } catch (err) {
    const message = err instanceof RequestError ? err.message : String(err);
    void vscode.window.showErrorMessage(`Cannot copy as cURL: ${message}`);
  }
}
