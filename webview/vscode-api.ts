/**
 * The one handle on VS Code a webview page gets (`acquireVsCodeApi` may be
 * called once per page), and the keys the workbench must not act on a
 * second time. Each panel's bridge (`host.ts`, `mcp/host.ts`) types it for
 * its own protocol.
 */
import { keepSelectAllInTextFields } from './select-all';

/** What VS Code gives a webview. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The page's handle. */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();
keepSelectAllInTextFields(document);
