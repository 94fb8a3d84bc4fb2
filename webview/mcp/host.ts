/** The MCP webview's side of the host bridge: typed `postMessage` and the connection form kept across reloads. */
import type { McpForm, McpWebviewToHost } from '../../src/shared/mcp-protocol';
import { vscodeApi } from '../vscode-api';

/** Sends a message to the extension host. */
export function post(message: McpWebviewToHost): void {
  vscodeApi.postMessage(message);
}

/** Keeps the connection form for a window reload. */
export function saveState(form: McpForm): void {
  vscodeApi.setState(form);
}

/** The form kept before a reload (checked by the caller). */
export function savedState(): unknown {
  return vscodeApi.getState();
}
