/** *Stream Viewer: Connect to MCP Server…*: opens an MCP panel (for a URL, or for an MCP request saved in a collection). */
import * as vscode from 'vscode';
import type { SavedMcpCall } from '../../core/collections/model';
import type { KeyValue } from '../../core/spec';
import { isJsonObject } from '../../shared/json-object';
import { Commands, MCP_PANEL_VIEW_TYPE } from '../../shared/ids';
import { isMcpForm } from '../../shared/mcp-protocol';
import type { SavedSource } from '../collections/environments';
import { readConfig } from '../config';
import { log } from '../log';
import { McpPanel, type McpPanelServices } from './mcp-panel';

/** A saved MCP request to open: its endpoint and headers as written, where it lives (for its environment), and its call. */
export interface SavedMcpTarget {
  url: string;
  headers: KeyValue[];
  source: SavedSource;
  call: SavedMcpCall;
  /** Connect and make the call at once. */
  send?: boolean;
}

/** An MCP panel's call to save into a collection: `name` is the suggested name; `target` (tests) skips the questions. */
export interface McpCallToSave {
  url: string;
  headers: KeyValue[];
  call: SavedMcpCall;
  name: string;
  target?: { uri: vscode.Uri; folder: string[]; name: string };
}

/** Whether a command argument is an MCP call to save. */
export function isMcpCallToSave(x: unknown): x is McpCallToSave {
  return isJsonObject(x) && typeof x.url === 'string' && Array.isArray(x.headers) && isJsonObject(x.call) && typeof x.call.method === 'string' && typeof x.name === 'string';
}

function isSavedTarget(x: unknown): x is SavedMcpTarget {
  return isJsonObject(x) && typeof x.url === 'string' && Array.isArray(x.headers) && isJsonObject(x.call) && isJsonObject(x.source);
}

/** Registers the command (it returns the panel it opened: tests drive it) and brings MCP panels back after a window reload. */
export function registerMcpCommand(context: vscode.ExtensionContext, resolve: McpPanelServices['resolve']): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.connectMcp, async (target?: unknown) => {
      try {
        const saved = isSavedTarget(target) ? target : undefined;
        // The demo server's MCP endpoint is where a first try should go.
        const url = saved?.url ?? (typeof target === 'string' && target !== '' ? target : `http://127.0.0.1:${readConfig().demoPort}/mcp`);
        const panel = McpPanel.create({ extensionUri: context.extensionUri, resolve }, { url, headers: saved?.headers ?? [], protocolVersion: saved?.call.protocolVersion ?? '', listen: true }, saved?.source);
        context.subscriptions.push(panel);
        if (saved?.send) {
          const init = await panel.connect();
          if (init.kind === 'result') await panel.callSaved(saved.call);
        }
        return panel;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log().error(`${Commands.connectMcp}: ${message}`);
        void vscode.window.showErrorMessage(`Stream Viewer: ${message}`);
        return undefined;
      }
    }),
    vscode.window.registerWebviewPanelSerializer(MCP_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown) {
        // The form comes back; the session does not (its server may have ended it): Connect starts a new one.
        const form = isMcpForm(state) ? state : { url: `http://127.0.0.1:${readConfig().demoPort}/mcp`, headers: [], protocolVersion: '', listen: true };
        context.subscriptions.push(new McpPanel(webviewPanel, { extensionUri: context.extensionUri, resolve }, form));
        return Promise.resolve();
      },
    }),
  );
}
