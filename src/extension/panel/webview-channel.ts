/**
 * The host's end of one panel's webview: messages posted before the webview
 * says it is ready wait in an outbox,
 * messages from the webview are checked before anything trusts them, and
 * tests can ask what the webview shows.
 */
import * as vscode from 'vscode';
import { isWebviewMessage, type HostToWebview, type WebviewSnapshot, type WebviewToHost } from '../../shared/protocol';
import { log } from '../log';

/** A webview's message channel. */
export class WebviewChannel implements vscode.Disposable {
  private ready = false;
  private readonly outbox: HostToWebview[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly inspections = new Map<number, (s: WebviewSnapshot) => void>();
  private nextToken = 1;
  private disposed = false;

  /**
   * @param onReady the messages to send first once the webview is ready (its initial state)
   * @param onMessage every other checked message from the webview
   */
  constructor(
    private readonly webview: vscode.Webview,
    private readonly onReady: () => HostToWebview[],
    private readonly onMessage: (m: WebviewToHost) => void,
  ) {
    this.disposables.push(webview.onDidReceiveMessage((m: unknown) => this.receive(m)));
  }

  /** Whether the webview has loaded and said so. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Sends a message, or queues it until the webview is ready. */
  post(message: HostToWebview): void {
    if (this.disposed) return;
    if (this.ready) {
      void this.webview.postMessage(message);
      return;
    }
    this.outbox.push(message);
  }

  /** What the webview shows now (for tests). */
  inspect(): Promise<WebviewSnapshot> {
    const token = this.nextToken++;
    return new Promise((resolve) => {
      this.inspections.set(token, resolve);
      this.post({ type: 'webview/inspect', token });
    });
  }

  private receive(raw: unknown): void {
    if (!isWebviewMessage(raw)) {
      log().warn('ignored a malformed message from the webview');
      return;
    }
    if (raw.type === 'webview/ready') {
      this.ready = true;
      for (const m of [...this.onReady(), ...this.outbox.splice(0)]) void this.webview.postMessage(m);
      return;
    }
    if (raw.type === 'webview/didInspect') {
      this.inspections.get(raw.token)?.(raw.snapshot);
      this.inspections.delete(raw.token);
      return;
    }
    this.onMessage(raw);
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
