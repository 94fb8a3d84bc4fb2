/**
 * The "Stream Viewer" output channel. Header values are never logged: they
 * may hold tokens.
 */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The extension's log, created on first use. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Stream Viewer', { log: true });
  return channel;
}

/** Closes the channel at deactivation. */
export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
