/**
 * What a panel keeps beside its stream: its default request, the parts of
 * its state that saving compares, secret masking of items, and the small
 * records the webview reports back.
 */
import { maskSecrets } from '../core/collections/resolver';
import { fromSpec } from '../core/collections/tree';
import type { TimelineItem } from '../core/items';
import type { PanelState } from '../shared/protocol';

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

/** An item with every secret value replaced by a mask. */
export function maskItem(item: TimelineItem, secrets: readonly string[]): TimelineItem {
  const m = (t: string): string => maskSecrets(t, secrets);
  switch (item.kind) {
    case 'request':
      return { ...item, url: m(item.url), headers: Object.fromEntries(Object.entries(item.headers).map(([k, v]) => [k, m(v)])) };
    case 'message':
      return { ...item, data: m(item.data), ...(item.json !== undefined ? { json: JSON.parse(m(JSON.stringify(item.json))) as unknown } : {}) };
    case 'chunk':
    case 'comment':
      return { ...item, data: m(item.data) };
    case 'raw':
      return { ...item, text: m(item.text) };
    case 'error':
      return { ...item, message: m(item.message), ...(item.body !== undefined ? { body: m(item.body) } : {}) };
    default:
      return item;
  }
}

/** Largest stream kept in memory as a recording. */
export const MAX_RECORDING_BYTES = 64 * 1024 * 1024;

/** A protocol problem reported by the webview. */
export interface PanelProblem {
  code: string;
  severity: string;
  message: string;
  fix: string;
}

/** The merged view's result for a finished stream. */
export interface MergeSummary {
  provider: string | null;
  textLength: number;
  toolCalls: number;
}

/** Hides credentials and query values in logged URLs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) u.username = u.password = '***';
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, '…');
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
