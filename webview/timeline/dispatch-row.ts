/** A row of the EventSource view: what the page's script would see. */
import type { DispatchRow } from './timeline-model';
import { h } from '../dom';
import { DEFAULT_RETRY_MS } from '../../src/shared/stream-formats';

/** Fills `row` for one dispatch. */
export function renderDispatchRow(row: HTMLElement, d: DispatchRow): void {
  row.className = `vrow item-row es-row es-${d.kind}`;
  const badge = (text: string, tone: string): HTMLElement => h('span', { class: 'cell-kind' }, h('span', { class: `kind-badge tone-${tone}` }, text));
  if (d.kind === 'open') {
    row.replaceChildren(h('span', { class: 'cell-time' }, d.t.toFixed(1)), h('span'), badge('open', 'end'), h('span', { class: 'cell-type' }, 'onopen'), h('span'), h('span'), h('span', { class: 'cell-data muted' }, 'readyState OPEN'));
  } else if (d.kind === 'event') {
    const m = d.message;
    const type = m?.event ?? 'message';
    const handler = type === 'message' ? 'onmessage' : 'addEventListener';
    const data = m ? (m.data.length > 300 ? `${m.data.slice(0, 300)}…` : m.data) : `(event #${d.seq} is no longer kept)`;
    row.replaceChildren(
      h('span', { class: 'cell-time' }, d.t === undefined ? '—' : d.t.toFixed(1)),
      h('span'),
      badge('event', 'message'),
      h('span', { class: 'cell-type', title: handler === 'onmessage' ? 'Reaches onmessage' : `Only reaches addEventListener('${type}', …); onmessage never sees it` }, type),
      h('span', { class: 'cell-id' }, m?.id ?? ''),
      h('span', { class: 'cell-size muted' }, handler === 'onmessage' ? 'onmessage' : 'listener'),
      h('span', { class: 'cell-data' }, data),
    );
  } else {
    const what = d.readyState === 'CLOSED' ? 'closed for good' : `reconnects in ${d.retryMs ?? DEFAULT_RETRY_MS} ms`;
    row.replaceChildren(h('span', { class: 'cell-time' }, d.t.toFixed(1)), h('span'), badge('error', d.readyState === 'CLOSED' ? 'error' : 'warn'), h('span', { class: 'cell-type' }, 'onerror'), h('span'), h('span', { class: 'cell-size muted' }, d.readyState), h('span', { class: 'cell-data', title: d.why }, `${d.why} (${what})`));
  }
}
