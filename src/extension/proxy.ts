/**
 * The `fetch` panels stream with: the engine's own (no timeout of its own),
 * through VS Code's `http.proxy` when one is set, else through the proxy
 * environment variables, as the CLI does.
 */
import * as vscode from 'vscode';
import { createStreamFetch, NO_TIMEOUTS, streamFetch } from '../core/stream-fetch';

let cached: { proxy: string; fetch: typeof fetch } | undefined;

/** The fetch for the current proxy setting (one agent per proxy, kept while the setting stays). */
export function panelFetch(): typeof fetch {
  const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy')?.trim() ?? '';
  if (proxy === '') return streamFetch;
  if (cached?.proxy !== proxy) cached = { proxy, fetch: createStreamFetch(NO_TIMEOUTS, proxy) };
  return cached.fetch;
}
