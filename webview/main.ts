/**
 * The panel's webview: the request editor above the live timeline. Talks to
 * the extension host only through the typed protocol; received data is only
 * ever put into the page as text.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import './styles.css';
import { isPanelState, type HostToWebview, type PanelState, type SourceRef } from '../src/shared/protocol';
import { h } from './dom';
import { RequestEditor } from './editor/request-editor';
import { post, savedState, saveState } from './host';
import { TimelineView } from './timeline/timeline-view';

const DEFAULT_MAX_ITEMS = 200_000;

class App {
  private readonly editor: RequestEditor;
  private readonly timeline: TimelineView;
  private requestId: string | undefined;
  /** The saved request this panel edits, remembered across reloads. */
  private source: SourceRef | undefined;
  private ackTimer = 0;

  constructor(root: HTMLElement) {
    this.editor = new RequestEditor({
      onChange: (state) => {
        this.save(state);
        post({ type: 'request/didChange', spec: state.spec, settings: state.settings });
      },
      onSend: () => {
        const { spec, settings } = this.editor.state();
        post({ type: 'request/send', spec, settings });
      },
      onStop: () => post({ type: 'request/stop' }),
      onSelectEnvironment: (name) => post({ type: 'environment/select', name }),
      onKeepAsSecret: (header, value) => post({ type: 'secret/store', header, value }),
    });
    this.timeline = new TimelineView(DEFAULT_MAX_ITEMS, {
      copy: (text) => post({ type: 'clipboard/copy', text }),
      clear: () => post({ type: 'timeline/clear' }),
      exportTimeline: () => post({ type: 'timeline/export' }),
      onDiagnostic: (d) => {
        if (this.requestId) post({ type: 'analysis/didFindProblem', requestId: this.requestId, code: d.code, severity: d.severity, message: d.message, fix: d.fix });
      },
    });
    root.replaceChildren(h('main', { class: 'layout' }, this.editor.element, this.timeline.element));
    this.timeline.mount();
    const saved = savedState();
    if (isPanelState(saved)) {
      this.source = saved.source;
      this.editor.load(saved.spec, saved.settings);
    }
  }

  handle(message: HostToWebview): void {
    switch (message.type) {
      case 'panel/init':
        this.editor.load(message.spec, message.settings);
        this.timeline.setMaxItems(message.config.maxItems);
        this.save(message);
        if (!message.spec.url) this.editor.focusUrl();
        return;
      case 'request/didLoad':
        this.editor.load(message.spec, message.settings);
        this.save(message);
        return;
      case 'stream/didStart':
        this.requestId = message.requestId;
        this.timeline.start();
        this.editor.setStreaming(true);
        return;
      case 'stream/didReceive':
        if (message.requestId !== this.requestId) return;
        this.timeline.add(message.items);
        this.acknowledge();
        return;
      case 'stream/didEnd':
        if (message.requestId !== this.requestId) return;
        this.timeline.end(message.end);
        this.editor.setStreaming(false);
        {
          const merged = this.timeline.mergedResponse();
          post({ type: 'analysis/didMerge', requestId: message.requestId, provider: merged?.provider ?? null, textLength: merged?.text.length ?? 0, toolCalls: merged?.toolCalls.length ?? 0 });
        }
        this.acknowledge();
        return;
      case 'timeline/didClear':
        this.timeline.clear();
        return;
      case 'panel/didAssociate':
        this.source = message.source;
        this.save(this.editor.state());
        return;
      case 'variables/didChange':
        this.editor.setVariables(message.variables);
        return;
      case 'config/didChange':
        this.timeline.setMaxItems(message.config.maxItems);
        return;
      default: {
        const never: never = message;
        console.warn('Stream Viewer: unknown message', never);
      }
    }
  }

  /** Keeps the request (and the saved request it belongs to) for a window reload. */
  private save({ spec, settings }: Pick<PanelState, 'spec' | 'settings'>): void {
    saveState({ spec, settings, source: this.source });
  }

  /** Tells the host how far rendering got, at most every 100 ms. */
  private acknowledge(): void {
    if (this.ackTimer) return;
    this.ackTimer = window.setTimeout(() => {
      this.ackTimer = 0;
      if (this.requestId) post({ type: 'stream/didRender', requestId: this.requestId, received: this.timeline.received });
    }, 100);
  }
}

const app = new App(document.getElementById('app')!);
window.addEventListener('message', (e: MessageEvent<HostToWebview>) => app.handle(e.data));
post({ type: 'webview/ready' });
