/**
 * The JSON-RPC log: a row per request, paired with its response, with the
 * notifications and server requests that came while it ran, its duration
 * and the HTTP exchange that carried it (a click shows that exchange's
 * bytes in the timeline); notifications that belong to no request get rows
 * of their own. Bounded: the oldest rows go.
 */
import { formatMs, previewText } from '../../src/shared/format';
import type { ExchangeInfo, McpCallSummary, McpLogEntry, RpcId, RpcMessage, RpcRecord } from '../../src/shared/mcp-protocol';
import { h, icon, replaceChildren } from '../dom';
import { jsonTree } from '../timeline/json-tree';

const MAX_ROWS = 2000;

interface Row {
  element: HTMLElement;
  request: RpcRecord;
  response?: RpcRecord;
  between: RpcRecord[];
  summary?: McpCallSummary;
  open: boolean;
}

/** What the log asks of the panel. */
export interface RpcLogEvents {
  showExchange(n: number): void;
  cancel(id: RpcId): void;
}

function key(dir: string, id: RpcId | null | undefined): string {
  return `${dir}:${typeof id}:${String(id)}`;
}

function token(m: RpcMessage): unknown {
  if (!('params' in m) || m.params === undefined) return undefined;
  if ('id' in m) {
    const meta = m.params._meta;
    return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).progressToken : undefined;
  }
  return m.params.progressToken;
}

function label(m: RpcMessage): string {
  if ('method' in m) return 'id' in m ? `${m.method} #${String(m.id)}` : m.method;
  return 'error' in m ? `error ${m.error.code}` : 'result';
}

function body(m: RpcMessage): unknown {
  if ('params' in m) return m.params;
  if ('result' in m) return m.result;
  if ('error' in m) return m.error;
  return undefined;
}

/** The log view. */
export class RpcLogView {
  readonly element = h('div', { class: 'rpc-log', role: 'list', 'aria-label': 'JSON-RPC log' });
  private rows: Row[] = [];
  private readonly byId = new Map<string, Row>();
  private readonly exchanges = new Map<number, { info: ExchangeInfo; status?: number; reason?: string }>();
  private readonly httpRows = new Map<number, HTMLElement>();

  constructor(private readonly events: RpcLogEvents) {}

  /** Empties the log (a new connection). */
  clear(): void {
    this.rows = [];
    this.byId.clear();
    this.exchanges.clear();
    this.httpRows.clear();
    replaceChildren(this.element);
  }

  /** Adds what the host reported. */
  append(entries: readonly McpLogEntry[]): void {
    const dirty = new Set<Row>();
    for (const e of entries) {
      switch (e.kind) {
        case 'exchange':
          this.exchanges.set(e.exchange.n, { info: e.exchange });
          // A GET (listener, resumption), DELETE or preflight carries no request of ours: it gets a row of its own.
          if (e.exchange.method !== 'POST') this.httpRow(e.exchange);
          break;
        case 'exchange-end': {
          const x = this.exchanges.get(e.exchange);
          if (x) Object.assign(x, { status: e.status, reason: e.reason });
          const http = this.httpRows.get(e.exchange);
          if (http && x) this.renderHttp(http, x.info, `${e.status === undefined ? 'no response' : `HTTP ${e.status}`} · ${e.reason} · ${e.bytes} B in ${formatMs(e.ms)}`);
          for (const r of this.rows) if (r.request.exchange === e.exchange) dirty.add(r);
          break;
        }
        case 'rpc':
          this.onRpc(e.record, dirty);
          break;
        case 'call': {
          const r = this.byId.get(key('out', e.call.id));
          if (r) {
            r.summary = e.call;
            dirty.add(r);
          }
          break;
        }
        case 'diagnostic':
          break;
      }
    }
    for (const r of dirty) this.render(r);
    while (this.rows.length > MAX_ROWS) this.rows.shift()!.element.remove();
  }

  private httpRow(info: ExchangeInfo): void {
    const element = h('div', { class: 'rpc-row', role: 'listitem' });
    this.httpRows.set(info.n, element);
    if (this.httpRows.size > MAX_ROWS) {
      const first = this.httpRows.keys().next().value as number;
      this.httpRows.get(first)?.remove();
      this.httpRows.delete(first);
    }
    this.renderHttp(element, info, 'open');
    this.element.append(element);
  }

  private renderHttp(element: HTMLElement, info: ExchangeInfo, state: string): void {
    const line = h(
      'div',
      { class: 'rpc-line rpc-http', tabindex: 0, title: 'Show this HTTP exchange in the timeline' },
      h('span', { class: 'muted rpc-time' }, `+${formatMs(info.t)}`),
      icon(info.method === 'GET' ? 'radio-tower' : info.method === 'DELETE' ? 'close' : 'shield'),
      h('span', { class: 'rpc-label' }, `${info.method} ${info.purpose}`),
      h('span', { class: 'muted' }, state),
      h('span', { class: 'spacer' }),
      h('span', { class: 'link-button rpc-exchange' }, `HTTP #${info.n}`),
    );
    line.addEventListener('click', () => this.events.showExchange(info.n));
    replaceChildren(element, line);
  }

  /** `method #id state` of each call, for tests. */
  calls(): string[] {
    return this.rows.filter((r) => 'id' in r.request.message).map((r) => `${label(r.request.message)} ${r.summary?.state ?? 'pending'}`);
  }

  private onRpc(record: RpcRecord, dirty: Set<Row>): void {
    const m = record.message;
    if ('method' in m && (record.dir === 'out' || !this.owner(record))) {
      const row: Row = { element: h('div', { class: 'rpc-row', role: 'listitem' }), request: record, between: [], open: false };
      this.rows.push(row);
      if ('id' in m) this.byId.set(key(record.dir, m.id), row);
      this.element.append(row.element);
      dirty.add(row);
      return;
    }
    if (!('method' in m)) {
      const row = this.byId.get(key(record.dir === 'in' ? 'out' : 'in', m.id)) ?? this.rows.findLast((r) => r.request.exchange === record.exchange && !r.response && 'id' in r.request.message);
      if (row) {
        row.response = record;
        dirty.add(row);
        return;
      }
      const orphan: Row = { element: h('div', { class: 'rpc-row', role: 'listitem' }), request: record, between: [], open: false };
      this.rows.push(orphan);
      this.element.append(orphan.element);
      dirty.add(orphan);
      return;
    }
    const owner = this.owner(record)!;
    owner.between.push(record);
    dirty.add(owner);
  }

  /** The request in flight a notification belongs to: by progress token, else the stream it came on. */
  private owner(record: RpcRecord): Row | undefined {
    const t = token(record.message);
    const pending = this.rows.filter((r) => r.request.dir === 'out' && 'id' in r.request.message && !r.response);
    return (t !== undefined ? pending.find((r) => token(r.request.message) === t) : undefined) ?? pending.findLast((r) => r.request.exchange === record.exchange);
  }

  private render(row: Row): void {
    const m = row.request.message;
    const isCall = 'id' in m && 'method' in m;
    const state = row.summary?.state ?? (row.response ? ('error' in row.response.message ? 'error' : 'result') : isCall ? 'pending' : undefined);
    const x = this.exchanges.get(row.request.exchange);
    const arrow = row.request.dir === 'out' ? icon('arrow-right', 'sent') : icon('arrow-left', 'received');
    const stateEl = state === undefined ? null : h('span', { class: `rpc-state rpc-${state}` }, state === 'pending' ? h('span', { class: 'pulse' }) : null, ` ${state}`);
    const took = row.summary?.durationMs ?? (row.response ? Math.round((row.response.t - row.request.t) * 10) / 10 : undefined);
    const link = h('button', { class: 'link-button rpc-exchange', title: 'Show this HTTP exchange in the timeline' }, `HTTP #${row.request.exchange}${x?.status !== undefined ? ` ${x.status}` : ''}`);
    link.addEventListener('click', (e) => {
      e.stopPropagation();
      this.events.showExchange(row.request.exchange);
    });
    const cancel = state === 'pending' && row.request.dir === 'out' ? h('vscode-button', { secondary: true, class: 'tool-button', icon: 'debug-stop' }, 'Cancel') : null;
    cancel?.addEventListener('click', (e) => {
      e.stopPropagation();
      if ('id' in m && m.id !== null) this.events.cancel(m.id);
    });
    const line = h(
      'div',
      { class: 'rpc-line', tabindex: 0, 'aria-expanded': row.open ? 'true' : 'false' },
      h('span', { class: 'muted rpc-time' }, `+${formatMs(row.request.t)}`),
      arrow,
      h('span', { class: `rpc-label ${'error' in m ? 'rpc-error' : ''}` }, label(m)),
      stateEl,
      took === undefined ? null : h('span', { class: 'muted' }, formatMs(took)),
      row.between.length > 0 ? h('span', { class: 'muted' }, `${row.between.length} in between`) : null,
      h('span', { class: 'muted rpc-preview' }, previewText(JSON.stringify(body(m) ?? {}), 120)),
      h('span', { class: 'spacer' }),
      cancel,
      link,
    );
    const toggle = (): void => {
      row.open = !row.open;
      this.render(row);
      this.events.showExchange(row.request.exchange);
    };
    line.addEventListener('click', toggle);
    line.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        toggle();
      }
    });
    const detail = row.open
      ? h(
          'div',
          { class: 'rpc-detail' },
          h('div', { class: 'rpc-part' }, h('div', { class: 'muted' }, row.request.dir === 'out' ? 'request' : 'received'), jsonTree(m)),
          ...row.between.map((b) => h('div', { class: 'rpc-between' }, h('span', { class: 'muted' }, `+${formatMs(b.t)} `), label(b.message), h('span', { class: 'muted' }, ` ${previewText(JSON.stringify(body(b.message) ?? {}), 160)}`))),
          row.response ? h('div', { class: 'rpc-part' }, h('div', { class: 'muted' }, `response (+${formatMs(row.response.t)}, HTTP #${row.response.exchange})`), jsonTree(row.response.message)) : null,
        )
      : null;
    replaceChildren(row.element, line, detail);
  }
}
