/**
 * What a panel keeps beside its stream: its default request, the parts of
 * its state that saving compares, and its title.
 */
import { fromSpec } from '../core/collections/tree';
import type { RequestSpec } from '../core/spec';
import type { PanelState } from '../shared/protocol';
import { replaceLeadingVariable, replaceVariables } from '../shared/variable-syntax';

/** A fresh request: the seed's SSE endpoint on the demo server's default port. */
export function defaultPanelState(): PanelState {
  return {
    spec: { method: 'GET', url: 'http://127.0.0.1:3001/sse', params: [], headers: [], body: { kind: 'none' } },
    settings: { format: 'auto', timeoutMs: 0, reconnect: { enabled: false }, followRedirects: true },
  };
}

/** The parts of a panel's state that saving keeps (so toggling a value back is not a change). */
export function normalize(state: PanelState): unknown {
  const s = state.settings;
  return { spec: fromSpec('', state.spec, state.settings), settings: { format: s.format ?? 'auto', timeoutMs: s.timeoutMs, reconnect: s.reconnect?.enabled ? s.reconnect : undefined, followRedirects: s.followRedirects !== false } };
}

/** Largest stream kept in memory as a recording. */
export const MAX_RECORDING_BYTES = 64 * 1024 * 1024;

/** A panel's title: the saved request's name, or the method and the URL's path. */
export function panelTitle(spec: RequestSpec, savedPath: readonly string[] | undefined): string {
  if (savedPath && savedPath.length > 0) return savedPath[savedPath.length - 1]!;
  const { method, url } = spec;
  let where = url;
  try {
    // {{variables}} stand for a host or values: title with the path.
    const u = new URL(replaceVariables(replaceLeadingVariable(url, 'http://host'), 'x'));
    where = u.pathname === '/' ? (url.startsWith('{{') ? url.split('?')[0]! : u.host) : decodeURI(u.pathname).replace(/\bx\b/g, '…');
  } catch {
    // An unfinished URL is still a fine title.
  }
  return `${method} ${where || 'New Request'}`;
}
