/**
 * The MCP panel: a connection form, the server's lists, forms to call
 * tools, get prompts and read resources, the JSON-RPC log (requests paired
 * with responses, what came in between, the spec checks) and, under it, the
 * HTTP exchange of any message in the request panel's timeline with its raw
 * bytes. The host runs the MCP client; the webview renders. Closing the
 * panel ends the session.
 */
import * as vscode from 'vscode';
import { McpClient, type CallOptions, type CallOutcome, type McpEvent } from '../../core/mcp/client';
import type { RpcId, RpcObject } from '../../core/mcp/jsonrpc';
import type { RpcCall } from '../../core/mcp/rpc-log';
import { MCP_PROTOCOL_VERSIONS } from '../../core/mcp/versions';
import type { TimelineItem } from '../../core/items';
import type { RequestSpec } from '../../core/spec';
import { Commands, MCP_PANEL_VIEW_TYPE } from '../../shared/ids';
import { isMcpWebviewMessage, type McpForm, type McpHostToWebview, type McpListKind, type McpCallSummary, type McpLogEntry, type McpSnapshot, type McpWebviewToHost } from '../../shared/mcp-protocol';
import { packItems } from '../../shared/packed';
import { Batcher } from '../batcher';
import type { ResolvedRequest, SavedSource } from '../collections/environments';
import type { SavedMcpCall } from '../../core/collections/model';
import { readConfig } from '../config';
import { log } from '../log';
import { WebviewChannel } from '../panel/webview-channel';
import { panelFetch } from '../proxy';
import { webviewHtml } from '../webview-html';
import type { McpCallToSave } from './commands';
import { ExchangeStore } from './exchange-store';
import { recordingStem } from '../../core/recording/file-name';
import { stringifyRecording } from '../../core/recording/format';
import { askRecordingUri, confirmSaved } from '../recording-save';

/** What the panel needs from the extension. */
export interface McpPanelServices {
  extensionUri: vscode.Uri;
  /** Fills in `{{variables}}` and `{{secret:NAME}}` of the URL and headers (from the environment of the collection `source` is in). */
  resolve?(spec: RequestSpec, source?: SavedSource): Promise<ResolvedRequest>;
}

/** The list methods and the key of their items. */
const LISTS: Record<McpListKind, { method: string; key: string; capability: string }> = {
  tools: { method: 'tools/list', key: 'tools', capability: 'tools' },
  prompts: { method: 'prompts/list', key: 'prompts', capability: 'prompts' },
  resources: { method: 'resources/list', key: 'resources', capability: 'resources' },
  templates: { method: 'resources/templates/list', key: 'resourceTemplates', capability: 'resources' },
};

let progressTokens = 0;

/** The origin of a browser-based inspector page, for the preflight; and one no server serves. */
const INSPECTOR_ORIGIN = 'http://localhost:6274';
const FOREIGN_ORIGIN = 'http://attacker.example';

/** One MCP panel and its session. */
export class McpPanel implements vscode.Disposable {
  private readonly channel: WebviewChannel<McpHostToWebview, McpWebviewToHost, McpSnapshot>;
  private readonly store = new ExchangeStore();
  /** Log entries to send, and `null`s that only pace the live timeline. */
  private readonly batcher: Batcher<McpLogEntry | null>;
  private client: McpClient | undefined;
  /** The exchange the timeline shows, and items of it not sent yet. */
  private shown: number | undefined;
  private shownItems: TimelineItem[] = [];
  private form: McpForm;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens a panel; `form` fills the connection form. */
  static create(services: McpPanelServices, form: McpForm, source?: SavedSource): McpPanel {
    const root = vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview');
    const title = source ? `MCP: ${source.path.at(-1) ?? ''}` : 'MCP';
    const panel = vscode.window.createWebviewPanel(MCP_PANEL_VIEW_TYPE, title, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [root] });
    return new McpPanel(panel, services, form, source);
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: McpPanelServices,
    form: McpForm,
    /** The saved request the panel was opened for: its collection's environment fills the variables. */
    private readonly source?: SavedSource,
  ) {
    this.form = form;
    const root = vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'icon.png');
    panel.webview.html = webviewHtml(panel.webview, root, 'MCP', 'mcp');
    this.batcher = new Batcher<McpLogEntry | null>(readConfig().batchIntervalMs, (entries) => this.flush(entries));
    this.channel = new WebviewChannel<McpHostToWebview, McpWebviewToHost, McpSnapshot>(
      panel.webview,
      () => [{ type: 'mcp/init', form: this.form, versions: MCP_PROTOCOL_VERSIONS }],
      (m) => void this.onMessage(m),
      isMcpWebviewMessage,
    );
    this.disposables.push(this.channel, panel.onDidDispose(() => this.dispose()));
  }

  /** What the webview shows now (tests). */
  inspect(): Promise<McpSnapshot> {
    return this.channel.inspect();
  }

  /** Connects with the form (as typed in the panel, or given by a test). */
  async connect(form: McpForm = this.form): Promise<CallOutcome> {
    await this.disconnect();
    this.form = form;
    this.store.clear();
    this.shown = undefined;
    this.channel.post({ type: 'log/didClear' });
    const spec: RequestSpec = { method: 'POST', url: form.url, headers: form.headers };
    const resolved = this.services.resolve ? await this.services.resolve(spec, this.source) : { spec, missing: [], secrets: [] };
    if (resolved.missing.length > 0) {
      const message = `No value for ${resolved.missing.map((m) => `{{${m}}}`).join(', ')}: set it in an environment or with Stream Viewer: Set Secret…`;
      void vscode.window.showErrorMessage(`Stream Viewer: ${message}`);
      return { kind: 'no-response', reason: message };
    }
    const client = new McpClient({
      url: resolved.spec.url,
      headers: resolved.spec.headers,
      protocolVersion: form.protocolVersion || undefined,
      secrets: resolved.secrets,
      fetch: panelFetch(),
      // Every exchange is recorded as it streams (the latest ones kept), so any can be saved and replayed.
      record: (info) => this.store.recordingFor(info),
      onEvent: (e) => {
        if (this.client === client) this.onEvent(e);
      },
    });
    this.client = client;
    const outcome = await client.connect();
    if (outcome.kind !== 'result' || this.client !== client) return outcome;
    if (form.listen) client.listen();
    const capabilities = client.session.capabilities ?? {};
    for (const kind of Object.keys(LISTS) as McpListKind[]) if (capabilities[LISTS[kind].capability] !== undefined) await this.list(kind);
    return outcome;
  }

  /**
   * Saves a call into a collection as an MCP request: the endpoint and
   * headers as the connection form has them (variables and secret
   * references unresolved), the call, and a forced protocol version if any.
   * `target` (tests) names the collection and the request instead of asking.
   */
  async save(method: string, params: RpcObject | undefined, name: string, target?: McpCallToSave['target']): Promise<SavedSource | undefined> {
    const form = this.form;
    const call: SavedMcpCall = { method, ...(params === undefined ? {} : { params }), ...(form.protocolVersion ? { protocolVersion: form.protocolVersion } : {}) };
    const toSave: McpCallToSave = { url: form.url, headers: form.headers, call, name, ...(target ? { target } : {}) };
    const saved = await vscode.commands.executeCommand<SavedSource | undefined>(Commands.saveMcpCall, toSave);
    if (saved) void vscode.window.showInformationMessage(`Stream Viewer: saved "${saved.path.join('/')}" in ${vscode.workspace.asRelativePath(saved.uri)}`);
    return saved;
  }

  /**
   * Saves the recording of HTTP exchange `n` as a file (asked for like Save
   * Recording, unless `target` names it): replayed, compared and exported
   * like any stream's. Secrets are masked in it, as in every recording.
   */
  async saveRecording(n: number, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const rec = this.store.recording(n)?.recording();
    if (!rec) {
      void vscode.window.showWarningMessage(`Stream Viewer: the recording of HTTP #${n} is no longer kept (the latest exchanges are).`);
      return undefined;
    }
    const purpose = this.store.get(n)?.info.purpose ?? 'exchange';
    const uri = target ?? (await askRecordingUri(recordingStem('', `mcp-${n}-${purpose}`)));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(stringifyRecording(rec), 'utf8'));
    log().info(`saved the recording of MCP exchange #${n} to ${uri.toString()}`);
    if (!target) confirmSaved(uri);
    return uri;
  }

  /** Ends the session (DELETE). */
  async disconnect(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.close();
    client.stop();
    this.batcher.flush();
  }

  /** Loads every page of a list. */
  async list(kind: McpListKind): Promise<void> {
    const client = this.client;
    if (!client) return;
    const { method, key } = LISTS[kind];
    const r = await client.listAll(method, key);
    const error = r.failed === undefined ? undefined : r.failed.kind === 'error' ? r.failed.error.message : r.failed.kind === 'result' ? undefined : r.failed.reason;
    this.channel.post({ type: 'list/didLoad', list: kind, items: r.items, pages: r.pages, error });
  }

  /** Sends a request; a tool call asks for progress unless its params already do. */
  call(method: string, params?: RpcObject, options: CallOptions = {}): { id: RpcId; outcome: Promise<CallOutcome> } | undefined {
    const client = this.client;
    if (!client) return undefined;
    let p = params;
    if (method === 'tools/call' && p && !(typeof p._meta === 'object' && p._meta !== null && 'progressToken' in p._meta)) {
      p = { ...p, _meta: { ...(typeof p._meta === 'object' && p._meta !== null ? (p._meta as RpcObject) : {}), progressToken: `progress-${++progressTokens}` } };
    }
    return client.call(method, p, options);
  }

  /** Makes a saved request's call, its params' variables filled in from the same environment. */
  async callSaved(saved: SavedMcpCall): Promise<CallOutcome | undefined> {
    let params = saved.params;
    if (params !== undefined && this.services.resolve) {
      // Each string is filled on its own through a one-value request: quotes in a value cannot break the JSON.
      const strings: string[] = [];
      JSON.stringify(params, (_k, v: unknown) => (typeof v === 'string' ? (strings.push(v), v) : v));
      const r = await this.services.resolve({ method: 'POST', url: 'http://params.invalid/', headers: strings.map((value, i) => ({ name: `p${i}`, value })) }, this.source);
      const filled = new Map(strings.map((v, i) => [v, r.spec.headers?.[i]?.value ?? v]));
      params = JSON.parse(JSON.stringify(params, (_k, v: unknown) => (typeof v === 'string' ? (filled.get(v) ?? v) : v))) as RpcObject;
    }
    return this.call(saved.method, params)?.outcome;
  }

  /** Checks what a browser client would meet: the CORS preflight and whether a foreign Origin is refused. */
  async probe(): Promise<void> {
    await this.client?.probeCors(INSPECTOR_ORIGIN);
    await this.client?.probeOrigin(FOREIGN_ORIGIN);
  }

  /** Cancels a call in flight. */
  async cancel(id: RpcId): Promise<void> {
    await this.client?.cancel(id);
  }

  /** Shows an exchange in the timeline. */
  showExchange(n: number): void {
    const x = this.store.get(n);
    if (!x) return;
    this.shown = n;
    this.shownItems = [];
    this.channel.post({ type: 'exchange/didShow', exchange: x.info, requestId: `x${n}`, items: packItems(x.items), raw: x.raw.info(), end: x.end });
  }

  private async onMessage(m: McpWebviewToHost): Promise<void> {
    try {
      switch (m.type) {
        case 'mcp/connect':
          await this.connect(m.form);
          return;
        case 'mcp/disconnect':
          await this.disconnect();
          return;
        case 'mcp/list':
          await this.list(m.list);
          return;
        case 'mcp/call':
          this.call(m.method, m.params, { resume: m.resume === true });
          return;
        case 'mcp/probe':
          await this.probe();
          return;
        case 'mcp/cancel':
          await this.cancel(m.id);
          return;
        case 'mcp/save':
          await this.save(m.method, m.params, m.name);
          return;
        case 'exchange/show':
          this.showExchange(m.exchange);
          return;
        case 'exchange/saveRecording':
          await this.saveRecording(m.exchange);
          return;
        case 'raw/get': {
          const x = this.store.get(Number(m.requestId.slice(1)));
          if (x) this.channel.post({ type: 'raw/didGet', requestId: m.requestId, from: Math.max(m.from, x.raw.info().firstRow), rows: x.raw.rows(m.from, Math.min(m.to, m.from + 500)) });
          return;
        }
        case 'clipboard/copy':
          await vscode.env.clipboard.writeText(m.text);
          return;
        case 'webview/ready':
        case 'webview/didInspect':
          return;
      }
    } catch (err) {
      log().error(`MCP panel: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private onEvent(e: McpEvent): void {
    switch (e.type) {
      case 'exchange':
        this.store.start(e.exchange);
        // The timeline follows what the user asked for: each request's exchange as it starts.
        if (e.exchange.method === 'POST' && e.exchange.purpose.includes('/') && !e.exchange.purpose.startsWith('notifications/')) this.showExchange(e.exchange.n);
        this.batcher.add({ kind: 'exchange', exchange: e.exchange });
        return;
      case 'item':
        if (this.store.add(e.exchange, e.item) && e.exchange === this.shown) {
          this.shownItems.push(e.item);
          this.batcher.add(null);
          if (e.item.kind === 'end') this.batcher.flush();
        }
        return;
      case 'exchange-end':
        this.batcher.add({ kind: 'exchange-end', exchange: e.exchange, status: e.outcome.status, reason: e.outcome.end.reason, bytes: e.outcome.bodyBytes, ms: e.outcome.end.ms });
        return;
      case 'rpc':
        this.batcher.add({ kind: 'rpc', record: e.record });
        return;
      case 'call':
        this.batcher.add({ kind: 'call', call: summary(e.call) });
        return;
      case 'diagnostic':
        this.batcher.add({ kind: 'diagnostic', diagnostic: e.diagnostic });
        return;
      case 'session':
        this.batcher.flush();
        this.channel.post({ type: 'session/didChange', state: e.state });
        return;
    }
  }

  private flush(entries: (McpLogEntry | null)[]): void {
    const real = entries.filter((x): x is McpLogEntry => x !== null);
    if (this.shown !== undefined && this.shownItems.length > 0) {
      const x = this.store.get(this.shown);
      const items = this.shownItems;
      this.shownItems = [];
      const end = items.find((i) => i.kind === 'end');
      this.channel.post({ type: 'exchange/didReceive', requestId: `x${this.shown}`, items: packItems(items.filter((i) => i.kind !== 'end')), raw: x ? x.raw.info() : { firstRow: 0, endRow: 0, bytes: 0, droppedBytes: 0 } });
      if (end?.kind === 'end') this.channel.post({ type: 'exchange/didEnd', requestId: `x${this.shown}`, end });
    }
    if (real.length > 0) this.channel.post({ type: 'log/didAppend', entries: real });
  }

  /** Reveals the panel. */
  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    const client = this.client;
    this.client = undefined;
    // Closing the panel ends the session on the server too.
    if (client) void client.close().finally(() => client.stop());
    this.batcher.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function summary(c: RpcCall): McpCallSummary {
  return { id: c.id, method: c.method, state: c.state, durationMs: c.durationMs, between: c.between.length, exchange: c.request.exchange };
}
