/**
 * The webview's side of the host bridge: typed `postMessage` and the state
 * VS Code keeps across reloads (`getState`/`setState`).
 */
import type { PanelState, WebviewToHost } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

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
