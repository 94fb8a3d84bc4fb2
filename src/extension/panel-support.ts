/**
 * What a panel keeps beside its stream: its default request, the parts of
 * its state that saving compares, and the small records the webview
 * reports back.
 */
import { fromSpec } from '../core/collections/tree';
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
