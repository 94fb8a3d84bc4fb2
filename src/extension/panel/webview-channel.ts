/**
 * The host's end of one panel's webview: messages posted before the webview
 * says it is ready wait in an outbox,
 * messages from the webview are checked before anything trusts them, and
 * tests can ask what the webview shows.
 */
import * as vscode from 'vscode';
import { isWebviewMessage, type HostToWebview, type WebviewSnapshot, type WebviewToHost } from '../../shared/protocol';
import { log } from '../log';

/** The part of a protocol every channel handles itself: the ready handshake and test inspection. */
interface ChannelMessage {
  type: string;
}

/** A webview's message channel; the type parameters fit it to a panel's protocol (the request panel's by default). */
export class WebviewChannel<Out extends ChannelMessage = HostToWebview, In extends ChannelMessage = WebviewToHost, Snapshot = WebviewSnapshot> implements vscode.Disposable {
  private ready = false;
  private readonly outbox: Out[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly inspections = new Map<number, (s: Snapshot) => void>();
  private nextToken = 1;
  private disposed = false;

  /**
   * @param onReady the messages to send first once the webview is ready (its initial state)
   * @param onMessage every other checked message from the webview
   * @param isMessage checks a message from the webview before anything trusts it
   */
  constructor(
    private readonly webview: vscode.Webview,
    private readonly onReady: () => Out[],
    private readonly onMessage: (m: In) => void,
    private readonly isMessage: (x: unknown) => x is In = isWebviewMessage as unknown as (x: unknown) => x is In,
  ) {
    this.disposables.push(webview.onDidReceiveMessage((m: unknown) => this.receive(m)));
  }

  /** Whether the webview has loaded and said so. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Sends a message, or queues it until the webview is ready. */
  post(message: Out): void {
    if (this.disposed) return;
    if (this.ready) {
      void this.webview.postMessage(message);
      return;
    }
    this.outbox.push(message);
  }

  /** What the webview shows now (for tests). */
  inspect(): Promise<Snapshot> {
    const token = this.nextToken++;
    return new Promise((resolve) => {
      this.inspections.set(token, resolve);
      // Every protocol of a panel with a channel has this message.
      this.post({ type: 'webview/inspect', token } as unknown as Out);
    });
  }

  private receive(raw: unknown): void {
    if (!this.isMessage(raw)) {
      log().warn('ignored a malformed message from the webview');
      return;
    }
    if (raw.type === 'webview/ready') {
      this.ready = true;
      for (const m of [...this.onReady(), ...this.outbox.splice(0)]) void this.webview.postMessage(m);
      return;
    }
    if (raw.type === 'webview/didInspect') {
      const { token, snapshot } = raw as unknown as { token: number; snapshot: Snapshot };
      this.inspections.get(token)?.(snapshot);
      this.inspections.delete(token);
      return;
    }
    this.onMessage(raw);
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
