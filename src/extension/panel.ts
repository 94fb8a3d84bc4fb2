/**
 * One request editor + timeline panel: the request it edits (and the saved
 * request it belongs to), and at most one stream, run by the shared stream
 * run and fed to the webview. Closing the panel aborts the stream, so
 * nothing keeps running unseen.
 */
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/analysis/diagnostics';
import type { EndItem, TimelineItem } from '../core/items';
import type { MergedResponse } from '../core/llm/types';
import { RequestError } from '../core/request';
import type { Recording } from '../core/recording/format';
import { MemoryRecording } from '../core/recording/recorder';
import { curlWithSecretsMasked } from '../core/secrets/masked-curl';
import { redactUrl, secretsOfRequest } from '../core/secrets/request-secrets';
import type { RequestSpec, StreamSettings } from '../core/spec';
import { preloadStreamFetch } from '../core/stream-fetch';
import { ContextKeys, PANEL_VIEW_TYPE } from '../shared/ids';
import type { PanelState, VariablesInfo, WebviewSnapshot, WebviewToHost } from '../shared/protocol';
import type { ResolvedRequest, SavedSource } from './collections/environments';
import { readConfig } from './config';
import { log } from './log';
import { copyCurl, exportTimelineFile } from './panel/clipboard-export';
import { SavedLink } from './panel/saved-link';
import { StreamFeed, type FeedOptions } from './panel/stream-feed';
import { WebviewChannel } from './panel/webview-channel';
import { defaultPanelState, MAX_RECORDING_BYTES } from './panel-support';
import { panelFetch } from './proxy';
import type { StreamStatusBar } from './status-bar';
import { webviewHtml } from './webview-html';

export { defaultPanelState };

/** Shared services every panel uses. */
export interface PanelServices {
  extensionUri: vscode.Uri;
  statusBar: StreamStatusBar;
  onDidFocus(panel: RequestPanel): void;
  onDidDispose(panel: RequestPanel): void;
  /** Fills in variables and secrets before a request is sent. */
  resolve?(spec: RequestSpec, source: SavedSource | undefined): Promise<ResolvedRequest>;
  /** Variables and environments for the editor. */
  variables?(source: SavedSource | undefined): VariablesInfo;
  /** The panel picked an environment. */
  selectEnvironment?(panel: RequestPanel, name: string): Promise<void>;
  /** The panel asked to keep a credential as a secret; returns the `{{secret:NAME}}` reference. */
  storeSecret?(value: string, header: string): Promise<string | undefined>;
}

let nextId = 1;

/** A request panel and its stream. */
export class RequestPanel implements vscode.Disposable {
  readonly id = `panel-${nextId++}`;
  private readonly channel: WebviewChannel;
  /** The latest stream (running or finished). */
  private feed: StreamFeed | undefined;
  private running = false;
  private loadedRecording: Recording | undefined;
  private readonly link: SavedLink;
  private state: PanelState;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  /** Opens a new panel in the active editor group, or in `column`. */
  static create(services: PanelServices, state?: PanelState, column: vscode.ViewColumn = vscode.ViewColumn.Active): RequestPanel {
    const root = vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Stream Viewer', column, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [root],
    });
    return new RequestPanel(panel, services, state ?? defaultPanelState());
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: PanelServices,
    state: PanelState,
  ) {
    this.state = state;
    const root = vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'icon.png');
    panel.webview.html = webviewHtml(panel.webview, root, 'Stream Viewer');
    this.channel = new WebviewChannel(
      panel.webview,
      () => {
        const init = { type: 'panel/init' as const, spec: this.state.spec, settings: this.state.settings, config: webviewConfig() };
        const info = this.services.variables?.(this.link.source);
        return info ? [init, { type: 'variables/didChange', variables: info }] : [init];
      },
      (m) => this.onMessage(m),
    );
    this.link = new SavedLink(panel, () => this.state);
    this.disposables.push(
      this.channel,
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) services.onDidFocus(this);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('streamViewer')) return;
        const c = readConfig();
        this.feed?.run.store?.resize({ maxItems: c.maxItems, maxBytes: c.maxBytes });
        this.feed?.run.raw?.setMaxBytes(c.maxBytes);
        this.channel.post({ type: 'config/didChange', config: webviewConfig() });
      }),
    );
    services.onDidFocus(this);
    // While the user edits the request, so that the first Send streams at once.
    void preloadStreamFetch();
  }

  /** The request as the editor currently holds it. */
  get request(): PanelState {
    return this.state;
  }

  /** Protocol problems found in the latest stream. */
  get diagnostics(): readonly Diagnostic[] {
    return this.feed?.run.problems ?? [];
  }

  /** The LLM response assembled from the latest stream, if it is one. */
  merged(): MergedResponse | undefined {
    return this.feed?.run.merged();
  }

  /** The saved request this panel edits, if any. */
  get source(): SavedSource | undefined {
    return this.link.source;
  }

  /** Ties the panel to a saved request whose current content is `state`. */
  associate(source: SavedSource | undefined, state: PanelState = this.state): void {
    this.link.associate(source, state);
    this.refreshVariables();
    this.channel.post({ type: 'panel/didAssociate', source: source ? { uri: source.uri.toString(), path: source.path, ...(source.line !== undefined ? { line: source.line } : {}) } : undefined });
  }

  /** Tells the editor which variables have values and which environments exist. */
  refreshVariables(): void {
    const info = this.services.variables?.(this.link.source);
    if (info) this.channel.post({ type: 'variables/didChange', variables: info });
  }

  /** Whether the request differs from its saved version. */
  get dirty(): boolean {
    return this.link.dirty;
  }

  /** Whether the webview has loaded and said so. */
  get isReady(): boolean {
    return this.channel.isReady;
  }

  /** What the webview shows now (tests ask). */
  inspect(): Promise<WebviewSnapshot> {
    return this.channel.inspect();
  }

  /** Whether a stream is running. */
  get streaming(): boolean {
    return this.running;
  }

  /** Items of the latest stream kept for export, oldest first (masked; raw text apart). */
  timeline(): TimelineItem[] {
    return this.feed?.run.storedItems() ?? [];
  }

  /** Resolves when the running stream (if any) ends. */
  async whenIdle(): Promise<void> {
    await this.feed?.done;
  }

  /** Replaces the request in the editor. */
  load(spec: RequestSpec, settings?: StreamSettings): void {
    this.state = { spec, settings: settings ?? this.state.settings };
    this.link.show();
    this.channel.post({ type: 'request/didLoad', spec: this.state.spec, settings: this.state.settings });
  }

  /** Sends the request; a running stream is stopped first. */
  async send(spec?: RequestSpec, settings?: StreamSettings): Promise<EndItem> {
    if (spec) this.state = { spec, settings: settings ?? this.state.settings };
    this.link.show();
    await this.stop();
    const config = readConfig();
    const settingsNow: StreamSettings = {
      ...this.state.settings,
      timeoutMs: this.state.settings.timeoutMs || config.defaultTimeoutMs,
      maxRecordBytes: this.state.settings.maxRecordBytes ?? config.maxRecordBytes,
    };
    log().info(`${this.state.spec.method} ${redactUrl(this.state.spec.url)}`);
    let resolved: ResolvedRequest;
    try {
      resolved = await this.resolved();
    } catch (err) {
      // A variable that expands beyond its bounds (or nests too deep) is refused with its name, like a missing one.
      return this.refuse([], err instanceof Error ? err.message : String(err));
    }
    if (resolved.missing.length > 0) return this.refuse(resolved.missing);
    this.loadedRecording = undefined;
    return this.start({
      request: this.state.spec,
      resolved: resolved.spec,
      settings: settingsNow,
      // URL and Basic passwords are secrets too, typed in or not.
      secrets: [...resolved.secrets, ...secretsOfRequest(resolved.spec)],
      record: new MemoryRecording(MAX_RECORDING_BYTES),
      fetch: panelFetch(),
    });
  }

  /** Replays a recording into this panel (speed 0: at once; 1: original timing). */
  async replay(rec: Recording, speed: number, name?: string): Promise<EndItem> {
    await this.stop();
    this.state = { spec: rec.request, settings: rec.settings };
    const label = `Replay: ${name ?? `${rec.request.method} ${redactUrl(rec.request.url)}`}`;
    this.link.show(label);
    this.channel.post({ type: 'request/didLoad', spec: this.state.spec, settings: this.state.settings });
    this.loadedRecording = rec;
    log().info(`replaying a recording of ${rec.request.method} ${redactUrl(rec.request.url)} at ${speed === 0 ? 'full' : `${speed}x`} speed`);
    return this.start({ request: rec.request, settings: rec.settings, replay: { recording: rec, speed } }, label);
  }

  /** The latest stream as a recording: the one received here, or the one replayed. */
  recording(): Recording | undefined {
    return this.loadedRecording ?? this.feed?.run.recording();
  }

  /** Runs a stream (live or replayed) and feeds the webview and the status bar. */
  private start(options: Omit<FeedOptions, 'store' | 'rawBytes'>, label?: string): Promise<EndItem> {
    const config = readConfig();
    const requestId = `${this.id}-${Date.now().toString(36)}`;
    this.channel.post({ type: 'stream/didStart', requestId, ...(label ? { label } : {}) });
    this.services.statusBar.update(this.id, 0);
    this.running = true;
    void vscode.commands.executeCommand('setContext', ContextKeys.streaming, true);
    const feed = new StreamFeed(
      requestId,
      { ...options, store: { maxItems: config.maxItems, maxBytes: config.maxBytes }, rawBytes: config.maxBytes },
      { post: (m) => this.channel.post(m), batchIntervalMs: config.batchIntervalMs, onProgress: (n) => this.services.statusBar.update(this.id, n) },
    );
    this.feed = feed;
    return feed.done.then((end) => {
      for (const p of feed.run.problems) this.logProblem(p);
      const merged = feed.run.merged();
      if (merged) log().info(`merged ${merged.provider} response: ${merged.text.length} characters, ${merged.toolCalls.length} tool calls`);
      log().info(`ended: ${end.reason}, ${end.events} events, ${end.bytes} bytes in ${end.ms} ms`);
      this.services.statusBar.end(this.id);
      if (this.feed === feed) {
        this.running = false;
        void vscode.commands.executeCommand('setContext', ContextKeys.streaming, false);
      }
      return end;
    });
  }

  private logProblem(d: Diagnostic): void {
    log().info(`[${d.severity}] ${d.code}: ${d.message} Fix: ${d.fix}`);
  }

  /** Shows why a request is not sent (variables without a value, or `why`), as a timeline error. */
  private refuse(missing: string[], why?: string): Promise<EndItem> {
    const list = missing.map((m) => `{{${m}}}`).join(', ');
    const message = why !== undefined ? `Not sent: ${why}` : `Not sent: no value for ${list}. Define ${missing.length === 1 ? 'it' : 'them'} in the environment, or use Stream Viewer: Set Secret… for secrets.`;
    void vscode.window.showErrorMessage(message);
    return this.start({ request: this.state.spec, settings: {}, refused: { code: 'invalid-request', message }, analysis: false });
  }

  /** Stops the running stream, if any, and waits for its end. */
  async stop(): Promise<void> {
    if (!this.running || !this.feed) return;
    this.feed.run.stop();
    await this.feed.done;
  }

  /** Empties the timeline here and in the webview. */
  clear(): void {
    this.feed?.run.clearStore();
    this.channel.post({ type: 'timeline/didClear' });
  }

  /** The request as a `curl` command, environment values filled in and secrets masked. */
  async curl(): Promise<string> {
    const resolved = await this.resolved();
    if (resolved.missing.length > 0) throw new RequestError('invalid-request', `no value for ${resolved.missing.map((m) => `{{${m}}}`).join(', ')}`);
    return curlWithSecretsMasked(resolved.spec, resolved.secrets);
  }

  /** Copies the request as cURL to the clipboard, with a clear message when it cannot be built. */
  copyAsCurl(): Promise<void> {
    return copyCurl(() => this.curl());
  }

  /** Asks where to save the timeline and writes it as JSON Lines. */
  exportTimeline(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    return exportTimelineFile(() => this.timeline(), target);
  }

  /** Shows the panel. */
  reveal(): void {
    this.panel.reveal();
  }

  /** The request with its variables and secrets filled in (as is when nothing resolves them). */
  private resolved(): Promise<ResolvedRequest> {
    return this.services.resolve ? this.services.resolve(this.state.spec, this.link.source) : Promise.resolve({ spec: this.state.spec, missing: [], secrets: [] });
  }

  /** Replaces a pasted credential with a `{{secret:NAME}}` reference kept in SecretStorage. */
  private async moveToSecret(header: string, value: string): Promise<void> {
    const scheme = /^(Bearer|Basic|Token|Bot)\s+/i.exec(value)?.[0] ?? '';
    const ref = await this.services.storeSecret?.(value.slice(scheme.length), header);
    if (!ref) return;
    const headers = (this.state.spec.headers ?? []).map((h) => (h.name === header && h.value === value ? { ...h, value: `${scheme}${ref}` } : h));
    this.load({ ...this.state.spec, headers }, this.state.settings);
    this.refreshVariables();
  }

  private onMessage(message: WebviewToHost): void {
    switch (message.type) {
      case 'request/send':
        void this.send(message.spec, message.settings);
        return;
      case 'request/stop':
        void this.stop();
        return;
      case 'request/didChange':
        this.state = { spec: message.spec, settings: message.settings };
        this.link.update();
        return;
      case 'timeline/export':
        void this.exportTimeline();
        return;
      case 'timeline/clear':
        this.clear();
        return;
      case 'clipboard/copy':
        void vscode.env.clipboard.writeText(message.text);
        return;
      case 'raw/copy':
        void vscode.env.clipboard.writeText(this.feed?.run.raw?.text() ?? '');
        return;
      case 'raw/get':
        if (message.requestId === this.feed?.requestId) this.feed.rawRows(message.from, message.to);
        return;
      case 'curl/copy':
        void this.copyAsCurl();
        return;
      case 'environment/select':
        void this.services.selectEnvironment?.(this, message.name);
        return;
      case 'secret/store':
        void this.moveToSecret(message.header, message.value);
        return;
      case 'webview/ready':
      case 'webview/didInspect':
        // The channel handles these.
        return;
      default: {
        const never: never = message;
        log().warn(`unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.feed?.run.stop();
    this.services.statusBar.end(this.id);
    this.services.onDidDispose(this);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** Settings the webview needs. */
function webviewConfig(): { maxItems: number; maxBytes: number } {
  const c = readConfig();
  return { maxItems: c.maxItems, maxBytes: c.maxBytes };
}
