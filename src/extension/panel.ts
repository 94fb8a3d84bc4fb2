/**
 * One request editor + timeline panel. It owns at most one running stream;
 * closing the panel aborts it, so nothing keeps running unseen.
 */
import * as vscode from 'vscode';
import type { EndItem, TimelineItem } from '../core/items';
import { RequestError } from '../core/request';
import { runStream, type SessionHooks } from '../core/session';
import type { Recording } from '../core/recording/format';
import { Recorder } from '../core/recording/recorder';
import { replayRecording } from '../core/recording/replay';
import { curlWithSecretsMasked } from '../core/secrets/masked-curl';
import { maskItem } from '../core/secrets/mask-item';
import { redactUrl } from '../core/secrets/request-secrets';
import type { ResolvedRequest, SavedSource } from './collections/environments';
import type { VariablesInfo } from '../shared/protocol';
import { defaultPanelState, MAX_RECORDING_BYTES, normalize, type MergeSummary, type PanelProblem } from './panel-support';

export { defaultPanelState, maskItem, type MergeSummary, type PanelProblem };
import type { RequestSpec, StreamSettings } from '../core/spec';
import { PANEL_VIEW_TYPE } from '../shared/ids';
import { isWebviewMessage, type HostToWebview, type PanelState, type WebviewToHost } from '../shared/protocol';
import { Batcher } from './batcher';
import { readConfig } from './config';
import { log } from './log';
import type { StreamStatusBar } from './status-bar';
import { TimelineStore, timelineToJsonLines } from './timeline-store';
import { webviewHtml } from './webview-html';

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
  private ready = false;
  /** Request whose items the webview acknowledges, and how many it has. */
  private lastRequestId = '';
  private rendered = 0;
  private problems: PanelProblem[] = [];
  private recorder: Recorder | undefined;
  private loadedRecording: Recording | undefined;
  private merge: MergeSummary | undefined;
  private readonly outbox: HostToWebview[] = [];
  /** The saved request this panel edits, if any. */
  private savedSource: SavedSource | undefined;
  /** The request as last saved, to show unsaved changes. */
  private savedJson: string | undefined;
  private state: PanelState;
  private run: { controller: AbortController; requestId: string; done: Promise<EndItem> } | undefined;
  private readonly store: TimelineStore;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  /** Opens a new panel beside the active editor. */
  static create(services: PanelServices, state?: PanelState): RequestPanel {
    const root = vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Stream Viewer', vscode.ViewColumn.Active, {
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
    const config = readConfig();
    this.store = new TimelineStore(config.maxItems);
    const root = vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'icon.png');
    panel.webview.html = webviewHtml(panel.webview, root, 'Stream Viewer');
    this.updateTitle();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) services.onDidFocus(this);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('streamViewer')) return;
        const c = readConfig();
        this.store.setMax(c.maxItems);
        this.post({ type: 'config/didChange', config: { maxItems: c.maxItems } });
      }),
    );
    services.onDidFocus(this);
  }

  /** The request as the editor currently holds it. */
  get request(): PanelState {
    return this.state;
  }

  /** Protocol problems the webview found in the latest stream. */
  get diagnostics(): readonly PanelProblem[] {
    return this.problems;
  }

  /** What the webview's merged view assembled at the end of the latest stream. */
  get mergeSummary(): MergeSummary | undefined {
    return this.merge;
  }

  /** The saved request this panel edits, if any. */
  get source(): SavedSource | undefined {
    return this.savedSource;
  }

  /** Ties the panel to a saved request whose current content is `state`. */
  associate(source: SavedSource | undefined, state: PanelState = this.state): void {
    this.savedSource = source;
    this.savedJson = source ? JSON.stringify(normalize(state)) : undefined;
    this.updateTitle();
    this.refreshVariables();
    this.post({ type: 'panel/didAssociate', source: source ? { uri: source.uri.toString(), path: source.path } : undefined });
  }

  /** Tells the editor which variables have values and which environments exist. */
  refreshVariables(): void {
    const info = this.services.variables?.(this.savedSource);
    if (info) this.post({ type: 'variables/didChange', variables: info });
  }

  /** Whether the request differs from its saved version. */
  get dirty(): boolean {
    return this.savedJson !== undefined && JSON.stringify(normalize(this.state)) !== this.savedJson;
  }

  /** Whether the webview has loaded and said so. */
  get isReady(): boolean {
    return this.ready;
  }

  /** How many items of the latest request the webview reports having received. */
  get webviewItemCount(): number {
    return this.rendered;
  }

  /** Whether a stream is running. */
  get streaming(): boolean {
    return this.run !== undefined;
  }

  /** Items kept for export, oldest first. */
  timeline(): TimelineItem[] {
    return this.store.all();
  }

  /** Resolves when the running stream (if any) ends. */
  async whenIdle(): Promise<void> {
    await this.run?.done;
  }

  /** Replaces the request in the editor (e.g. after a cURL import). */
  load(spec: RequestSpec, settings?: StreamSettings): void {
    this.state = { spec, settings: settings ?? this.state.settings };
    this.updateTitle();
    this.post({ type: 'request/didLoad', spec: this.state.spec, settings: this.state.settings });
  }

  /** Sends the request; a running stream is stopped first. */
  async send(spec?: RequestSpec, settings?: StreamSettings): Promise<EndItem> {
    if (spec) this.state = { spec, settings: settings ?? this.state.settings };
    this.updateTitle();
    await this.stop();
    const config = readConfig();
    const effective: StreamSettings = {
      ...this.state.settings,
      timeoutMs: this.state.settings.timeoutMs || config.defaultTimeoutMs,
      maxRecordBytes: this.state.settings.maxRecordBytes ?? config.maxRecordBytes,
      raw: true,
    };
    log().info(`${this.state.spec.method} ${redactUrl(this.state.spec.url)}`);
    const resolved = await this.resolved();
    if (resolved.missing.length > 0) return this.refuse(resolved.missing);
    const secrets = resolved.secrets;
    const recorder = new Recorder(this.state.spec, this.state.settings);
    this.recorder = recorder;
    let recorded = 0;
    return this.start((hooks) =>
      runStream(resolved.spec, effective, {
        ...hooks,
        onChunk: (bytes, t) => {
          recorded += bytes.length;
          // A recording is kept in memory: past the limit it is dropped rather than exhaust the host.
          if (recorded > MAX_RECORDING_BYTES) {
            if (this.recorder === recorder) {
              this.recorder = undefined;
              log().warn(`the stream passed ${MAX_RECORDING_BYTES} bytes: it is no longer recorded`);
            }
            return;
          }
          recorder.onChunk(bytes, t);
        },
        onItem: (item) => {
          recorder.onItem(item);
          // Secret values never reach the timeline, exports or logs.
          hooks.onItem(secrets.length > 0 ? maskItem(item, secrets) : item);
        },
      }),
    );
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

  /** The request with its variables and secrets filled in (as is when nothing resolves them). */
  private resolved(): Promise<ResolvedRequest> {
    return this.services.resolve ? this.services.resolve(this.state.spec, this.savedSource) : Promise.resolve({ spec: this.state.spec, missing: [], secrets: [] });
  }

  /** Shows why a request with unresolved variables is not sent, as a timeline error. */
  private refuse(missing: string[]): Promise<EndItem> {
    const list = missing.map((m) => `{{${m}}}`).join(', ');
    const message = `Not sent: no value for ${list}. Define ${missing.length === 1 ? 'it' : 'them'} in the environment, or use Stream Viewer: Set Secret… for secrets.`;
    void vscode.window.showErrorMessage(message);
    return this.start(async (hooks) => {
      hooks.onItem({ kind: 'error', t: 0, offset: 0, code: 'invalid-request', fatal: true, message });
      const end: EndItem = { kind: 'end', t: 0, offset: 0, reason: 'error', events: 0, bytes: 0, ms: 0 };
      hooks.onItem(end);
      return end;
    });
  }

  /** Replays a recording into this panel (speed 0: at once; 1: original timing). */
  async replay(rec: Recording, speed: number): Promise<EndItem> {
    await this.stop();
    this.state = { spec: rec.request, settings: rec.settings };
    this.updateTitle();
    this.post({ type: 'request/didLoad', spec: this.state.spec, settings: this.state.settings });
    this.recorder = undefined;
    this.loadedRecording = rec;
    log().info(`replaying a recording of ${rec.request.method} ${redactUrl(rec.request.url)} at ${speed === 0 ? 'full' : `${speed}x`} speed`);
    return this.start((hooks) => replayRecording(rec, hooks, { speed }));
  }

  /** The latest stream as a recording: the one received here, or the one replayed. */
  recording(): Recording | undefined {
    return this.recorder?.recording() ?? this.loadedRecording;
  }

  /** Runs a stream (live or replayed) into the store, the webview and the status bar. */
  private start(runner: (hooks: SessionHooks) => Promise<EndItem>): Promise<EndItem> {
    const config = readConfig();
    const requestId = `${this.id}-${Date.now().toString(36)}`;
    this.lastRequestId = requestId;
    this.rendered = 0;
    this.problems = [];
    this.merge = undefined;
    if (this.recorder) this.loadedRecording = undefined;
    const controller = new AbortController();
    this.store.clear();
    let events = 0;
    const batcher = new Batcher<TimelineItem>(config.batchIntervalMs, (items) => {
      this.store.add(items);
      this.post({ type: 'stream/didReceive', requestId, items });
      this.services.statusBar.update(this.id, events);
    });
    this.post({ type: 'stream/didStart', requestId });
    this.services.statusBar.update(this.id, 0);
    void vscode.commands.executeCommand('setContext', 'streamViewer.streaming', true);
    const done = runner({
      signal: controller.signal,
      onItem(item) {
        if (item.kind === 'message' || item.kind === 'chunk') events++;
        batcher.add(item);
      },
    }).then((end) => {
      batcher.flush();
      batcher.dispose();
      log().info(`ended: ${end.reason}, ${end.events} events, ${end.bytes} bytes in ${end.ms} ms`);
      this.post({ type: 'stream/didEnd', requestId, end });
      this.services.statusBar.end(this.id);
      if (this.run?.requestId === requestId) this.run = undefined;
      void vscode.commands.executeCommand('setContext', 'streamViewer.streaming', false);
      return end;
    });
    this.run = { controller, requestId, done };
    return done;
  }

  /** Stops the running stream, if any, and waits for its end. */
  async stop(): Promise<void> {
    const run = this.run;
    if (!run) return;
    run.controller.abort();
    await run.done;
  }

  /** Empties the timeline here and in the webview. */
  clear(): void {
    this.store.clear();
    this.rendered = 0;
    this.post({ type: 'timeline/didClear' });
  }

  /** The request as a `curl` command. */
  async curl(): Promise<string> {
    const resolved = await this.resolved();
    if (resolved.missing.length > 0) throw new RequestError('invalid-request', `no value for ${resolved.missing.map((m) => `{{${m}}}`).join(', ')}`);
    // Environment values are filled in; secret values (and URL and Basic passwords) are masked.
    return curlWithSecretsMasked(resolved.spec, resolved.secrets);
  }

  /** Copies the request as cURL to the clipboard, with a clear message when it cannot be built. */
  async copyAsCurl(): Promise<void> {
    try {
      await vscode.env.clipboard.writeText(await this.curl());
      void vscode.window.setStatusBarMessage('Stream Viewer: copied as cURL', 3000);
    } catch (err) {
      const message = err instanceof RequestError ? err.message : String(err);
      void vscode.window.showErrorMessage(`Cannot copy as cURL: ${message}`);
    }
  }

  /** Asks where to save the timeline and writes it as JSON Lines. */
  async exportTimeline(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        filters: { 'JSON Lines': ['jsonl', 'ndjson'] },
        defaultUri: vscode.workspace.workspaceFolders?.[0]
          ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'timeline.jsonl')
          : undefined,
        saveLabel: 'Export Timeline',
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(timelineToJsonLines(this.store.all()), 'utf8'));
    log().info(`exported ${this.store.size} items to ${uri.toString()}`);
    return uri;
  }

  /** Shows the panel. */
  reveal(): void {
    this.panel.reveal();
  }

  private post(message: HostToWebview): void {
    if (this.disposed) return;
    if (!this.ready) {
      // Until the webview says it is ready, posted messages would be lost.
      if (message.type === 'stream/didReceive') {
        const last = this.outbox[this.outbox.length - 1];
        if (last?.type === 'stream/didReceive' && last.requestId === message.requestId) {
          last.items.push(...message.items);
          return;
        }
      }
      this.outbox.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    if (!isWebviewMessage(raw)) {
      log().warn('ignored a malformed message from the webview');
      return;
    }
    const message: WebviewToHost = raw;
    switch (message.type) {
      case 'webview/ready': {
        this.ready = true;
        void this.panel.webview.postMessage({
          type: 'panel/init',
          spec: this.state.spec,
          settings: this.state.settings,
          config: { maxItems: readConfig().maxItems },
        } satisfies HostToWebview);
        for (const m of this.outbox.splice(0)) void this.panel.webview.postMessage(m);
        this.refreshVariables();
        return;
      }
      case 'request/send':
        void this.send(message.spec, message.settings);
        return;
      case 'request/stop':
        void this.stop();
        return;
      case 'request/didChange':
        this.state = { spec: message.spec, settings: message.settings };
        this.updateTitle();
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
      case 'curl/copy':
        void this.copyAsCurl();
        return;
      case 'analysis/didFindProblem':
        if (message.requestId !== this.lastRequestId) return;
        this.problems.push({ code: message.code, severity: message.severity, message: message.message, fix: message.fix });
        log().info(`[${message.severity}] ${message.code}: ${message.message} Fix: ${message.fix}`);
        return;
      case 'analysis/didMerge':
        if (message.requestId !== this.lastRequestId) return;
        this.merge = { provider: message.provider, textLength: message.textLength, toolCalls: message.toolCalls };
        if (message.provider) log().info(`merged ${message.provider} response: ${message.textLength} characters, ${message.toolCalls} tool calls`);
        return;
      case 'environment/select':
        void this.services.selectEnvironment?.(this, message.name);
        return;
      case 'secret/store':
        void this.moveToSecret(message.header, message.value);
        return;
      case 'stream/didRender':
        if (message.requestId === this.run?.requestId || message.requestId === this.lastRequestId) this.rendered = message.received;
        return;
      default: {
        const never: never = message;
        log().warn(`unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  private updateTitle(): void {
    const { method, url } = this.state.spec;
    let where = url;
    try {
      // {{variables}} stand for a host or values: title with the path.
      const u = new URL(url.replace(/^\{\{[^{}]*\}\}/, 'http://host').replace(/\{\{[^{}]*\}\}/g, 'x'));
      where = u.pathname === '/' ? (url.startsWith('{{') ? url.split('?')[0]! : u.host) : decodeURI(u.pathname).replace(/\bx\b/g, '…');
    } catch {
      // An unfinished URL is still a fine title.
    }
    const name = this.savedSource ? this.savedSource.path[this.savedSource.path.length - 1]! : `${method} ${where || 'New Request'}`;
    // A dot marks unsaved changes, as editors do.
    this.panel.title = this.dirty ? `● ${name}` : name;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.run?.controller.abort();
    this.services.statusBar.end(this.id);
    this.services.onDidDispose(this);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

