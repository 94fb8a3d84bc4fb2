/** The MCP webview's side of the host bridge: typed `postMessage` and the state kept across reloads. */
import type { McpWebviewToHost } from '../../src/shared/mcp-protocol';
import { keepSelectAllInTextFields } from '../select-all';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();
keepSelectAllInTextFields(document);

/** Sends a message to the extension host. */
export function post(message: McpWebviewToHost): void {
  api.postMessage(message);
}

/** Keeps a value across a window reload. */
export function saveState(state: unknown): void {
  api.setState(state);
}

/** The value kept before a reload (checked by the caller). */
export function savedState(): unknown {
  return api.getState();
}
