/** Shared set-up for extension-host tests. */
import * as vscode from 'vscode';
import type { StreamViewerApi } from '../../src/extension/extension';

/** The extension's ID (publisher.name). */
export const EXTENSION_ID = 'stream-viewer.stream-viewer';

/** Activates the extension and returns its API. */
export async function activate(): Promise<StreamViewerApi> {
  const ext = vscode.extensions.getExtension<StreamViewerApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

/** Waits until `check` returns a truthy value, or fails after `ms`. */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Closes every editor and panel. */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
