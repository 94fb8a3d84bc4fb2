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

/** Until the host's settings arrive. */
const DEFAULT_BOUNDS = { maxItems: 200_000, maxBytes: 64 * 1024 * 1024 };

class App {
  private readonly editor: RequestEditor;
  private readonly timeline: TimelineView;
  private requestId: string | undefined;
  /** The saved request this panel edits, remembered across reloads. */
  private source: SourceRef | undefined;
  /** The user changed the request before the host's `panel/init` arrived: that wins. */
  private edited = false;

  constructor(root: HTMLElement) {
    this.editor = new RequestEditor({
      onChange: (state) => {
        this.edited = true;
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
    this.timeline = new TimelineView(DEFAULT_BOUNDS, {
      copy: (text) => post({ type: 'clipboard/copy', text }),
      copyRaw: () => post({ type: 'raw/copy' }),
      clear: () => post({ type: 'timeline/clear' }),
      exportTimeline: () => post({ type: 'timeline/export' }),
      requestRaw: (from, to) => {
        if (this.requestId) post({ type: 'raw/get', requestId: this.requestId, from, to });
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
        this.timeline.setBounds(message.config);
        if (this.edited) {
          // What was typed while the panel came up is kept, and the host told.
          const { spec, settings } = this.editor.state();
          post({ type: 'request/didChange', spec, settings });
          return;
        }
        this.editor.load(message.spec, message.settings);
        this.save(message);
        if (!message.spec.url) this.editor.focusUrl();
        return;
      case 'request/didLoad':
        this.editor.load(message.spec, message.settings);
        this.save(message);
        return;
      case 'stream/didStart':
        this.requestId = message.requestId;
        this.timeline.start(message.label);
        this.editor.setStreaming(true);
        return;
      case 'stream/didReceive':
        if (message.requestId !== this.requestId) return;
        this.timeline.add(message.items, message.analysis, message.raw);
        return;
      case 'raw/didGet':
        if (message.requestId === this.requestId) this.timeline.rawRows(message.from, message.rows);
        return;
      case 'webview/inspect':
        post({ type: 'webview/didInspect', token: message.token, snapshot: this.timeline.snapshot() });
        return;
      case 'stream/didEnd':
        if (message.requestId !== this.requestId) return;
        this.timeline.end(message.end);
        this.editor.setStreaming(false);
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
        this.timeline.setBounds(message.config);
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
}

const app = new App(document.getElementById('app')!);
window.addEventListener('message', (e: MessageEvent<HostToWebview>) => app.handle(e.data));
post({ type: 'webview/ready' });
