/**
 * One status bar item while any stream runs: how many, how many events,
 * and a click that stops the active one.
 */
import * as vscode from 'vscode';
import { Commands } from '../shared/ids';

/** Shows running streams in the status bar. */
export class StreamStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('streamViewer.status', vscode.StatusBarAlignment.Left, 50);
  private readonly running = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.item.name = 'Stream Viewer';
    this.item.command = Commands.stop;
  }

  /** A stream started or received events. */
  update(id: string, events: number): void {
    const started = !this.running.has(id);
    this.running.set(id, events);
    // Every change re-lays out the workbench: a count that changes 30 times a second is shown twice a second.
    if (started) this.render();
    else this.timer ??= setTimeout(() => this.render(), 500);
  }

  /** A stream ended. */
  end(id: string): void {
    this.running.delete(id);
    this.render();
  }

  private render(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running.size === 0) {
      this.item.hide();
      return;
    }
    const events = [...this.running.values()].reduce((a, b) => a + b, 0);
    const streams = this.running.size === 1 ? '' : ` (${this.running.size} streams)`;
    this.item.text = `$(pulse) ${events.toLocaleString('en-US')} events${streams}`;
    this.item.tooltip = 'Stream Viewer: streaming — click to stop';
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.item.dispose();
  }
}
