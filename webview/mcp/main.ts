/**
 * The MCP panel's webview: connection form, session, the server's lists
 * with a form for the picked item, the spec checks, the JSON-RPC log, and
 * the request panel's timeline for the HTTP exchange of any message. It
 * renders what the host sends and posts the user's intents; received data
 * only ever goes into the page as text.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../styles.css';
import './mcp.css';
import { isJsonObject } from '../../src/shared/json-object';
import { isMcpForm, type McpDiagnostic, type McpForm, type McpHostToWebview, type McpListKind, type McpSessionState, type RpcObject } from '../../src/shared/mcp-protocol';
import type { AnalysisUpdate } from '../../src/shared/wire';
import { h, icon, replaceChildren } from '../dom';
import { KvTable } from '../editor/kv-table';
import { TimelineView } from '../timeline/timeline-view';
import { post, savedState, saveState } from './host';
import { ItemPane } from './item-pane';
import { RpcLogView } from './rpc-log-view';

const LISTS: { kind: McpListKind; label: string }[] = [
  { kind: 'tools', label: 'Tools' },
  { kind: 'prompts', label: 'Prompts' },
  { kind: 'resources', label: 'Resources' },
  { kind: 'templates', label: 'Templates' },
];

/** Nothing to analyse in one exchange: the spec checks come as MCP diagnostics. */
function noAnalysis(): AnalysisUpdate {
  return {
    problems: [],
    dispatches: { count: 0, events: new Float64Array(0), others: [] },
    stats: { ttfbMs: null, firstEventMs: null, durationMs: 0, events: 0, bytes: 0, eventsPerSec: 0, gapMs: { p50: 0, p95: 0, max: 0 }, stalls: { thresholdMs: 0, count: 0, longestMs: 0 }, perSecond: [] },
  };
}

function itemName(kind: McpListKind, item: unknown): string {
  const it = isJsonObject(item) ? item : {};
  const pick = kind === 'resources' ? it.uri : kind === 'templates' ? it.uriTemplate : it.name;
  return typeof pick === 'string' ? pick : '?';
}

class App {
  private form: McpForm = { url: '', headers: [], protocolVersion: '', listen: true };
  private readonly url = h('input', { class: 'url-input mcp-url', type: 'text', spellcheck: 'false', placeholder: 'MCP endpoint, e.g. http://127.0.0.1:3001/mcp  ·  {{variables}} allowed', 'aria-label': 'MCP server URL' });
  private readonly version = h('select', { class: 'mcp-select', 'aria-label': 'Protocol version', title: 'Protocol version: negotiate from the newest, or force one' });
  private readonly listen = h('input', { type: 'checkbox', class: 'form-check', 'aria-label': 'Open the GET stream' });
  private readonly connectButton = h('vscode-button', { icon: 'plug', class: 'mcp-connect-button' }, 'Connect');
  private readonly disconnectButton = h('vscode-button', { icon: 'debug-disconnect', secondary: true, disabled: true }, 'Disconnect');
  private readonly pingButton = h('vscode-button', { icon: 'pulse', secondary: true, disabled: true }, 'Ping');
  private readonly probeButton = h('vscode-button', { icon: 'shield', secondary: true, disabled: true, title: 'Check what a browser client would meet: the CORS preflight, and whether a page on a foreign origin is refused' }, 'Check browser access');
  private readonly headers: KvTable;
  private readonly session = h('div', { class: 'mcp-session muted' }, 'Not connected.');
  private readonly tabs = h('div', { class: 'segmented mcp-tabs', role: 'tablist' });
  private readonly list = h('div', { class: 'mcp-list', role: 'listbox', 'aria-label': 'Items' });
  private readonly problems = h('div', { class: 'mcp-problems', hidden: true });
  private readonly timelineText = h('span', null, 'The HTTP exchange of a message shows here.');
  private readonly saveRecordingButton = h('button', { class: 'icon-button', title: 'Save this exchange as a recording', 'aria-label': 'Save this exchange as a recording', hidden: true }, icon('save'));
  private readonly timelineLabel = h('div', { class: 'mcp-timeline-label muted' }, this.timelineText, this.saveRecordingButton);
  private readonly items: ItemPane;
  private readonly log: RpcLogView;
  private readonly timeline: TimelineView;
  private readonly lists = new Map<McpListKind, { items: unknown[]; pages: number; error?: string }>();
  private current: McpListKind = 'tools';
  private state: McpSessionState = { connected: false };
  private requestId: string | undefined;
  private shownExchange: number | null = null;
  private diagnostics: McpDiagnostic[] = [];

  constructor(root: HTMLElement) {
    this.headers = new KvTable({ namePlaceholder: 'Header', valuePlaceholder: 'Value', suggestions: ['Authorization', 'X-API-Key', 'Origin'], onChange: (rows) => this.update({ headers: rows }) });
    this.items = new ItemPane(
      (method, params, resume) => this.send(method, params, resume),
      (method, params, name) => post({ type: 'mcp/save', method, params, name }),
    );
    this.log = new RpcLogView({ showExchange: (n) => post({ type: 'exchange/show', exchange: n }), cancel: (id) => post({ type: 'mcp/cancel', id }) });
    this.saveRecordingButton.addEventListener('click', () => {
      if (this.shownExchange !== null) post({ type: 'exchange/saveRecording', exchange: this.shownExchange });
    });
    this.timeline = new TimelineView({ maxItems: 50_000, maxBytes: 64 * 1024 * 1024 }, {
      copy: (text) => post({ type: 'clipboard/copy', text }),
      copyRaw: () => undefined,
      clear: () => this.timeline.clear(),
      exportTimeline: () => undefined,
      requestRaw: (from, to) => {
        if (this.requestId) post({ type: 'raw/get', requestId: this.requestId, from, to });
      },
    });
    this.url.addEventListener('input', () => this.update({ url: this.url.value }));
    this.url.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.isComposing) this.connect();
    });
    this.version.addEventListener('change', () => this.update({ protocolVersion: this.version.value }));
    this.listen.addEventListener('change', () => this.update({ listen: this.listen.checked }));
    this.connectButton.addEventListener('click', () => this.connect());
    this.disconnectButton.addEventListener('click', () => post({ type: 'mcp/disconnect' }));
    this.pingButton.addEventListener('click', () => this.send('ping', undefined));
    this.probeButton.addEventListener('click', () => post({ type: 'mcp/probe' }));
    for (const { kind, label } of LISTS) {
      const b = h('button', { class: 'segment', role: 'tab', 'data-kind': kind }, label);
      b.addEventListener('click', () => {
        this.current = kind;
        this.renderList();
      });
      this.tabs.append(b);
    }
    const refresh = h('button', { class: 'icon-button', title: 'Load the list again (every page)', 'aria-label': 'Refresh list' }, icon('refresh'));
    refresh.addEventListener('click', () => post({ type: 'mcp/list', list: this.current }));
    root.replaceChildren(
      h(
        'main',
        { class: 'layout mcp-layout' },
        h(
          'section',
          { class: 'mcp-connect' },
          h('div', { class: 'request-bar' }, h('div', { class: 'url-field' }, this.url), this.version, h('label', { class: 'mcp-listen', title: 'Open the GET stream for messages the server sends on its own' }, this.listen, ' Listen'), this.connectButton, this.disconnectButton, this.pingButton, this.probeButton),
          h('details', { class: 'mcp-headers' }, h('summary', { class: 'muted' }, 'Headers'), this.headers.element),
          this.session,
        ),
        h(
          'div',
          { class: 'mcp-body' },
          h('section', { class: 'mcp-side' }, h('div', { class: 'mcp-side-bar' }, this.tabs, refresh), this.list, this.items.element),
          h('section', { class: 'mcp-main' }, this.problems, h('div', { class: 'mcp-log-head muted' }, 'JSON-RPC log'), this.log.element),
        ),
        h('section', { class: 'mcp-timeline' }, this.timelineLabel, this.timeline.element),
      ),
    );
    this.timeline.mount();
    const saved = savedState();
    if (isMcpForm(saved)) this.load(saved);
    this.renderList();
  }

  handle(m: McpHostToWebview): void {
    switch (m.type) {
      case 'mcp/init':
        replaceChildren(this.version, h('option', { value: '' }, 'Negotiate (newest first)'), ...m.versions.map((v) => h('option', { value: v }, v)));
        if (!isMcpForm(savedState())) this.load(m.form);
        else this.version.value = this.form.protocolVersion;
        return;
      case 'session/didChange':
        this.state = m.state;
        this.renderSession();
        return;
      case 'list/didLoad':
        this.lists.set(m.list, { items: m.items, pages: m.pages, error: m.error });
        this.renderList();
        return;
      case 'log/didAppend':
        this.log.append(m.entries);
        for (const e of m.entries) if (e.kind === 'diagnostic') this.diagnostics.push(e.diagnostic);
        this.renderProblems();
        return;
      case 'log/didClear':
        this.log.clear();
        this.lists.clear();
        this.diagnostics = [];
        this.renderProblems();
        this.renderList();
        return;
      case 'exchange/didShow':
        this.requestId = m.requestId;
        this.shownExchange = m.exchange.n;
        this.timelineText.textContent = `HTTP #${m.exchange.n} · ${m.exchange.method} ${m.exchange.purpose} · started +${m.exchange.t.toFixed(1)} ms`;
        this.saveRecordingButton.hidden = false;
        this.timeline.start();
        this.timeline.add(m.items, noAnalysis(), m.raw);
        if (m.end) this.timeline.end(m.end);
        return;
      case 'exchange/didReceive':
        if (m.requestId === this.requestId) this.timeline.add(m.items, noAnalysis(), m.raw);
        return;
      case 'exchange/didEnd':
        if (m.requestId === this.requestId) this.timeline.end(m.end);
        return;
      case 'raw/didGet':
        if (m.requestId === this.requestId) this.timeline.rawRows(m.from, m.rows);
        return;
      case 'webview/inspect': {
        const t = this.timeline.snapshot();
        post({
          type: 'webview/didInspect',
          token: m.token,
          snapshot: { connected: this.state.connected, sessionId: this.state.sessionId ?? null, listed: (this.lists.get(this.current)?.items ?? []).map((i) => itemName(this.current, i)), calls: this.log.calls(), diagnostics: this.diagnostics.map((d) => d.code), exchange: this.shownExchange, timelineRows: t.visibleRows },
        });
        return;
      }
      default: {
        const never: never = m;
        console.warn('Stream Viewer: unknown message', never);
      }
    }
  }

  private load(form: McpForm): void {
    this.form = form;
    this.url.value = form.url;
    this.version.value = form.protocolVersion;
    this.listen.checked = form.listen;
    this.headers.set(form.headers);
  }

  private update(change: Partial<McpForm>): void {
    this.form = { ...this.form, ...change };
    saveState(this.form);
  }

  private connect(): void {
    post({ type: 'mcp/connect', form: this.form });
  }

  private send(method: string, params: RpcObject | undefined, resume = false): void {
    post({ type: 'mcp/call', method, ...(params === undefined ? {} : { params }), ...(resume ? { resume } : {}) });
  }

  private renderSession(): void {
    const s = this.state;
    this.disconnectButton.toggleAttribute('disabled', !s.connected);
    this.pingButton.toggleAttribute('disabled', !s.connected);
    this.probeButton.toggleAttribute('disabled', !s.connected);
    if (!s.connected) {
      replaceChildren(this.session, h('span', { class: 'mcp-dot' }), s.sessionId ? `Session ${s.sessionId} ended.` : 'Not connected.');
      return;
    }
    const server = isJsonObject(s.serverInfo) ? `${String(s.serverInfo.name ?? '?')} ${String(s.serverInfo.version ?? '')}` : '?';
    replaceChildren(
      this.session,
      h('span', { class: 'mcp-dot mcp-dot-on' }),
      h('span', { class: 'fact' }, h('span', { class: 'muted' }, 'server '), server),
      h('span', { class: 'fact' }, h('span', { class: 'muted' }, 'protocol '), s.protocolVersion ?? '?'),
      h('span', { class: 'fact mono' }, h('span', { class: 'muted' }, 'Mcp-Session-Id '), s.sessionId ?? '(none)'),
      ...Object.keys(s.capabilities ?? {}).map((c) => h('span', { class: 'chip mcp-cap' }, c)),
    );
    if (s.instructions) this.session.append(h('div', { class: 'muted mcp-instructions' }, s.instructions));
  }

  private renderList(): void {
    for (const b of this.tabs.querySelectorAll<HTMLElement>('.segment')) {
      const kind = b.dataset.kind as McpListKind;
      const n = this.lists.get(kind)?.items.length;
      b.classList.toggle('active', kind === this.current);
      b.setAttribute('aria-selected', String(kind === this.current));
      b.textContent = `${LISTS.find((l) => l.kind === kind)!.label}${n === undefined ? '' : ` ${n}`}`;
    }
    const l = this.lists.get(this.current);
    if (!l) {
      replaceChildren(this.list, h('div', { class: 'muted empty-note' }, this.state.connected ? 'Not offered by this server (or not loaded yet).' : 'Connect to list what the server offers.'));
      return;
    }
    const rows = l.items.map((item) => {
      const it = isJsonObject(item) ? item : {};
      const row = h('button', { class: 'mcp-item', role: 'option' }, h('span', { class: 'mcp-item-name' }, itemName(this.current, item)), typeof it.description === 'string' ? h('span', { class: 'muted mcp-item-desc' }, it.description) : null);
      row.addEventListener('click', () => {
        for (const r of this.list.querySelectorAll('.mcp-item')) r.classList.toggle('selected', r === row);
        this.items.show(this.current, item);
      });
      return row;
    });
    const note = h('div', { class: 'muted mcp-list-note' }, `${l.items.length} in ${l.pages} page${l.pages === 1 ? '' : 's'}`, l.error ? h('span', { class: 'form-error' }, ` · ${l.error}`) : null);
    replaceChildren(this.list, ...rows, note);
  }

  private renderProblems(): void {
    this.problems.hidden = this.diagnostics.length === 0;
    replaceChildren(
      this.problems,
      ...this.diagnostics.map((d) =>
        h(
          'div',
          { class: `mcp-problem mcp-${d.severity}` },
          icon(d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info'),
          h('span', { class: 'mcp-problem-code' }, ` ${d.code} `),
          d.message,
          h('div', { class: 'muted mcp-fix' }, `Fix: ${d.fix}`),
        ),
      ),
    );
  }
}

const app = new App(document.getElementById('app')!);
window.addEventListener('message', (e: MessageEvent<McpHostToWebview>) => app.handle(e.data));
post({ type: 'webview/ready' });
