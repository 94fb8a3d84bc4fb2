/**
 * Commands that take a text (a URL, a cURL command, a name) get it as an
 * argument when run from a test, a keybinding or another extension, and
 * ask for it otherwise: one way to do that for every such command.
 */
import * as vscode from 'vscode';

/** The command's string argument when it was given one, else what the user types (undefined when they cancel). */
export async function argumentOrInput(arg: unknown, ask: vscode.InputBoxOptions): Promise<string | undefined> {
  return typeof arg === 'string' ? arg : vscode.window.showInputBox(ask);
}
