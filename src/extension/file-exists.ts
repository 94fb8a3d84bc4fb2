/** Whether a file or folder is there, through VS Code's file system (local or remote alike). */
import * as vscode from 'vscode';

/** True when `uri` exists; false when it does not (or cannot be read, in which case the write that follows says why). */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
