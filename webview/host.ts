/**
 * The webview's side of the host bridge: typed `postMessage`, the state
 * VS Code keeps across reloads (`getState`/`setState`), and the keys the
 * workbench must not act on a second time.
 */
import type { PanelState, WebviewToHost } from '../src/shared/protocol';
import { keepSelectAllInTextFields } from './select-all';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();
keepSelectAllInTextFields(document);

/** Sends a message to the extension host. */
export function post(message: WebviewToHost): void {
  api.postMessage(message);
}

/** Saves the editor's state so a window reload brings it back. */
export function saveState(state: PanelState): void {
  api.setState(state);
}

/** The state saved before a reload, if any (checked by the caller). */
export function savedState(): unknown {
  return api.getState();
}
