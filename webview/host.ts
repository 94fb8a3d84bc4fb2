/**
 * The webview's side of the host bridge: typed `postMessage`, the state
 * VS Code keeps across reloads (`getState`/`setState`), and the keys the
 * workbench must not act on a second time.
 */
import type { PanelState, WebviewToHost } from '../src/shared/protocol';
import { vscodeApi } from './vscode-api';

/** Sends a message to the extension host. */
export function post(message: WebviewToHost): void {
  vscodeApi.postMessage(message);
}

/** Saves the editor's state so a window reload brings it back. */
export function saveState(state: PanelState): void {
  vscodeApi.setState(state);
}

/** The state saved before a reload, if any (checked by the caller). */
export function savedState(): unknown {
  return vscodeApi.getState();
}
