/** *Stream Viewer: Connect to MCP Server…*: opens an MCP panel. */
import * as vscode from 'vscode';
import { Commands } from '../../shared/ids';
import { readConfig } from '../config';
import { log } from '../log';
import { McpPanel, type McpPanelServices } from './mcp-panel';

/** Registers the command; it returns the panel it opened (tests drive it). */
export function registerMcpCommand(context: vscode.ExtensionContext, resolve: McpPanelServices['resolve']): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.connectMcp, (url?: unknown) => {
      try {
        // The demo server's MCP endpoint is where a first try should go.
        const target = typeof url === 'string' && url !== '' ? url : `http://127.0.0.1:${readConfig().demoPort}/mcp`;
        const panel = McpPanel.create({ extensionUri: context.extensionUri, resolve }, { url: target, headers: [], protocolVersion: '', listen: true });
        context.subscriptions.push(panel);
        return panel;
      } catch (err) {
        log().error(`${Commands.connectMcp}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    }),
  );
}
