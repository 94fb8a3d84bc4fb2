/**
 * Where Save Recording writes: a name asked in an input box with only its
 * stem selected, so typing keeps `.streamrec.jsonl` (a save dialog selects
 * up to the last dot only and cannot be told otherwise), and a notification
 * that says where the file went.
 */
import * as vscode from 'vscode';
import { withRecordingExtension } from '../core/recording/file-name';
import { RECORDING_EXTENSION } from '../core/recording/format';
import { fileExists } from './file-exists';


/** `stem`, or `stem-2`, `stem-3`… : the first whose file does not exist in `folder`. */
async function freeStem(folder: vscode.Uri, stem: string): Promise<string> {
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? stem : `${stem}-${n}`;
    if (!(await fileExists(vscode.Uri.joinPath(folder, `${candidate}${RECORDING_EXTENSION}`)))) return candidate;
  }
  return stem;
}

/** Checks a typed name: a relative path inside the folder. */
function nameProblem(value: string): string | undefined {
  const name = value.trim();
  if (name === '') return 'Enter a file name';
  if (/^([\\/]|[A-Za-z]:)/.test(name) || name.split(/[\\/]/).includes('..')) return 'A name inside the workspace folder (sub-folders are fine)';
  return undefined;
}

/**
 * Asks for the recording's file: in the workspace folder, by name (stem
 * selected); with no folder open, through the save dialog.
 */
export async function askRecordingUri(stem: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    const picked = await vscode.window.showSaveDialog({ title: 'Save Recording', filters: { 'Stream Viewer recordings': ['jsonl'] }, saveLabel: 'Save Recording' });
    return picked ? picked.with({ path: withRecordingExtension(picked.path) }) : undefined;
  }
  const free = await freeStem(folder, stem);
  const name = await vscode.window.showInputBox({
    title: 'Save Recording',
    prompt: `File name in ${vscode.workspace.asRelativePath(folder)}; "${RECORDING_EXTENSION}" is added when missing`,
    value: `${free}${RECORDING_EXTENSION}`,
    valueSelection: [0, free.length],
    // Run from the palette over a panel, the workbench may hand the focus back to the panel as the box opens: keep the box.
    ignoreFocusOut: true,
    validateInput: async (value) => {
      const problem = nameProblem(value);
      if (problem) return problem;
      const file = withRecordingExtension(value.trim());
      if (await fileExists(vscode.Uri.joinPath(folder, file))) return { message: `Replaces the existing ${file}`, severity: vscode.InputBoxValidationSeverity.Warning };
      return file === value.trim() ? undefined : { message: `Saved as ${file}`, severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
  return name === undefined ? undefined : vscode.Uri.joinPath(folder, withRecordingExtension(name.trim()));
}

/** Says where the recording went, with a way to open it or find it in the Explorer. */
export function confirmSaved(uri: vscode.Uri): void {
  void vscode.window.showInformationMessage(`Saved the recording as ${vscode.workspace.asRelativePath(uri)}`, 'Open', 'Reveal in Explorer').then((choice) => {
    if (choice === 'Open') void vscode.window.showTextDocument(uri);
    if (choice === 'Reveal in Explorer') void vscode.commands.executeCommand('revealInExplorer', uri);
  });
}
