/**
 * The request editor: method, URL (with `{{variables}}` marked), Send/Stop,
 * and tabs for Params, Headers, Body and Settings. It owns the request the
 * panel shows and reports every change, so the host always holds what the
 * user sees.
 */
import type { FormatSetting } from '../../src/shared/wire';
import type { KeyValue, RequestBody, RequestSpec, StreamSettings } from '../../src/shared/wire';
import type { PanelState, VariablesInfo } from '../../src/shared/protocol';
import { h } from '../dom';
import { HEADER_NAMES } from './header-names';
import { KvTable } from './kv-table';
import { UrlField } from './url-field';
import { mergeParams, paramsFromUrl, urlWithParams } from './url-params';
import { hasVariable, replaceVariables } from '../../src/shared/variable-syntax';
import { isCredentialHeader } from '../../src/shared/credentials';

/** HTTP methods the picker offers. */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const FORMATS: { value: FormatSetting; label: string }[] = [
  { value: 'auto', label: 'Auto (from Content-Type)' },
  { value: 'sse', label: 'Server-Sent Events' },
  { value: 'ndjson', label: 'NDJSON / JSON Lines' },
  { value: 'json-seq', label: 'JSON text sequences' },
  { value: 'text', label: 'Plain text chunks' },
];
type BodyKind = RequestBody['kind'];

/** Callbacks to the panel. */
export interface EditorEvents {
  onChange(state: PanelState): void;
  onSend(): void;
  onStop(): void;
  onSelectEnvironment(name: string): void;
  onKeepAsSecret(header: string, value: string): void;
}


function option(value: string, label: string, selected: boolean): HTMLElement {
  const o = h('vscode-option', { value }, label);
  if (selected) o.setAttribute('selected', '');
  return o;
}

/** The request editor. */
export class RequestEditor {
  readonly element: HTMLElement;
  private spec: RequestSpec = { method: 'GET', url: '' };
  private settings: StreamSettings = {};
  /** Params table rows: the URL's query, then rows the user disabled. */
  private params: KeyValue[] = [];
  private bodyText: Record<'raw' | 'json', string> = { raw: '', json: '' };
  private formFields: KeyValue[] = [];
  private streaming = false;

  private readonly method = h('vscode-single-select', { class: 'method-select', 'aria-label': 'Method' });
  private readonly url: UrlField;
  private readonly sendButton = h('vscode-button', { class: 'send-button', icon: 'play' }, 'Send');
  private readonly paramsTable: KvTable;
  private readonly headersTable: KvTable;
  private readonly formTable: KvTable;
  private readonly bodyKind = h('vscode-radio-group', { class: 'body-kind' });
  private readonly bodyArea = h('textarea', { class: 'body-text', spellcheck: 'false', rows: 5, 'aria-label': 'Body' });
  private readonly bodyStatus = h('div', { class: 'body-status', role: 'status' });
  private readonly bodyPane = h('div', { class: 'body-pane' });
  private readonly tabCounts = { params: h('span', { class: 'tab-count' }), headers: h('span', { class: 'tab-count' }) };
  private readonly format = h('vscode-single-select', { class: 'format-select', 'aria-label': 'Format' });
  private readonly timeout = h('input', { class: 'text-input narrow', type: 'number', min: 0, step: 1000, placeholder: 'default', 'aria-label': 'Timeout (ms)' });
  private readonly reconnect = h('vscode-checkbox', { label: 'Reconnect like EventSource (wait retry ms, send Last-Event-ID)' });
  private readonly maxReconnects = h('input', { class: 'text-input narrow', type: 'number', min: 0, placeholder: 'unlimited', 'aria-label': 'Max reconnects' });
  private readonly followRedirects = h('vscode-checkbox', { label: 'Follow redirects' });
  private readonly environment = h('vscode-single-select', { class: 'env-select', 'aria-label': 'Environment', title: 'Environment for {{variables}}' });
  private readonly secretHint = h('div', { class: 'secret-hint', hidden: true });

  constructor(private readonly events: EditorEvents) {
    for (const m of METHODS) this.method.append(option(m, m, m === 'GET'));
    this.method.addEventListener('change', () => {
      this.spec.method = this.method.value;
      this.changed();
    });
    this.url = new UrlField((value) => {
      this.spec.url = value;
      this.params = mergeParams(value, this.params);
      this.paramsTable.set(this.params);
      this.changed();
    }, () => (this.streaming ? events.onStop() : events.onSend()));
    this.sendButton.addEventListener('click', () => (this.streaming ? events.onStop() : events.onSend()));

    this.paramsTable = new KvTable({
      namePlaceholder: 'Parameter',
      valuePlaceholder: 'Value',
      onChange: (rows) => {
        this.params = rows;
        this.spec.url = urlWithParams(this.url.value, rows);
        this.url.value = this.spec.url;
        this.changed();
      },
    });
    this.headersTable = new KvTable({
      namePlaceholder: 'Header',
      valuePlaceholder: 'Value',
      suggestions: HEADER_NAMES,
      onChange: (rows) => {
        this.spec.headers = rows;
        this.offerSecret();
        this.changed();
      },
    });
    this.formTable = new KvTable({
      namePlaceholder: 'Field',
      valuePlaceholder: 'Value',
      onChange: (rows) => {
        this.formFields = rows;
        this.changed();
      },
    });
    for (const [value, label] of [['none', 'None'], ['json', 'JSON'], ['raw', 'Raw text'], ['form', 'Form URL-encoded']] as const) {
      this.bodyKind.append(h('vscode-radio', { name: 'body-kind', value, label }));
    }
    this.bodyKind.addEventListener('change', (e) => {
      const target = e.target as HTMLElement & { value?: string; checked?: boolean };
      if (target.checked && target.value) this.setBodyKind(target.value as BodyKind);
    });
    this.bodyArea.addEventListener('input', () => {
      const kind = this.bodyKindValue();
      if (kind === 'raw' || kind === 'json') this.bodyText[kind] = this.bodyArea.value;
      this.validateBody();
      this.changed();
    });
    this.bodyArea.addEventListener('keydown', (e) => {
      // Tab indents inside the body instead of leaving the field.
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        this.bodyArea.setRangeText('  ', this.bodyArea.selectionStart, this.bodyArea.selectionEnd, 'end');
        this.bodyArea.dispatchEvent(new Event('input'));
      }
    });

    this.environment.hidden = true;
    this.environment.addEventListener('change', () => events.onSelectEnvironment(this.environment.value));
    for (const f of FORMATS) this.format.append(option(f.value, f.label, f.value === 'auto'));
    const settingsChanged = (): void => {
      this.settings = this.readSettings();
      this.maxReconnects.disabled = !this.reconnect.checked;
      this.changed();
    };
    this.format.addEventListener('change', settingsChanged);
    this.timeout.addEventListener('input', settingsChanged);
    this.reconnect.addEventListener('change', settingsChanged);
    this.maxReconnects.addEventListener('input', settingsChanged);
    this.followRedirects.addEventListener('change', settingsChanged);

    const tabs = h(
      'vscode-tabs',
      { class: 'editor-tabs', panel: true },
      h('vscode-tab-header', { slot: 'header' }, 'Params', this.tabCounts.params),
      h('vscode-tab-panel', null, this.paramsTable.element),
      h('vscode-tab-header', { slot: 'header' }, 'Headers', this.tabCounts.headers),
      h('vscode-tab-panel', null, this.headersTable.element, this.secretHint),
      h('vscode-tab-header', { slot: 'header' }, 'Body'),
      h('vscode-tab-panel', null, h('div', { class: 'body-editor' }, this.bodyKind, this.bodyPane)),
      h('vscode-tab-header', { slot: 'header' }, 'Settings'),
      h(
        'vscode-tab-panel',
        null,
        h(
          'div',
          { class: 'settings-grid' },
          h('label', null, 'Format'),
          this.format,
          h('label', null, 'Timeout (ms without data)'),
          this.timeout,
          h('label', null, 'Reconnect'),
          h('div', { class: 'settings-row' }, this.reconnect, h('span', { class: 'muted' }, 'max'), this.maxReconnects),
          h('label', null, 'Redirects'),
          this.followRedirects,
        ),
      ),
    );
    this.element = h('section', { class: 'request-editor', 'aria-label': 'Request' }, h('div', { class: 'request-bar' }, this.method, this.url.element, this.environment, this.sendButton), tabs);
  }

  /** Shows a request (from the host, a cURL import or a restored state). */
  load(spec: RequestSpec, settings: StreamSettings): void {
    const rows = [...paramsFromUrl(spec.url), ...(spec.params ?? [])];
    this.params = rows;
    this.spec = { ...spec, url: urlWithParams(spec.url, rows), params: rows.filter((p) => p.enabled === false) };
    this.settings = { ...settings };
    this.method.value = METHODS.includes(spec.method as (typeof METHODS)[number]) ? spec.method : 'GET';
    this.url.value = this.spec.url;
    this.paramsTable.set(rows);
    this.headersTable.set(spec.headers ?? []);
    this.offerSecret();
    const body = spec.body ?? { kind: 'none' };
    if (body.kind === 'raw' || body.kind === 'json') this.bodyText[body.kind] = body.text;
    if (body.kind === 'form') this.formFields = body.fields;
    this.formTable.set(this.formFields);
    for (const radio of this.bodyKind.querySelectorAll('vscode-radio')) radio.checked = radio.value === body.kind;
    this.showBody(body.kind);
    this.format.value = settings.format ?? 'auto';
    this.timeout.value = settings.timeoutMs ? String(settings.timeoutMs) : '';
    this.reconnect.checked = settings.reconnect?.enabled ?? false;
    this.maxReconnects.value = settings.reconnect?.maxReconnects !== undefined ? String(settings.reconnect.maxReconnects) : '';
    this.maxReconnects.disabled = !this.reconnect.checked;
    this.followRedirects.checked = settings.followRedirects ?? true;
    this.updateCounts();
  }

  /** The request and settings as edited. */
  state(): PanelState {
    return { spec: { ...this.spec, url: this.url.value, params: this.params.filter((p) => p.enabled === false), body: this.body() }, settings: this.settings };
  }

  /** Switches Send to Stop while a stream runs. */
  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.sendButton.textContent = streaming ? 'Stop' : 'Send';
    this.sendButton.setAttribute('icon', streaming ? 'debug-stop' : 'play');
    this.sendButton.toggleAttribute('secondary', streaming);
    this.sendButton.title = streaming ? 'Stop the stream (Escape)' : 'Send the request (Ctrl/Cmd+Enter)';
  }

  /** Marks variables without a value and offers the environments. */
  setVariables(info: VariablesInfo): void {
    this.url.setKnown(new Set(info.names));
    this.environment.hidden = info.environments.length === 0;
    const current = [...this.environment.querySelectorAll('vscode-option')].map((o) => o.getAttribute('value')).join('\n');
    if (current !== info.environments.join('\n')) {
      this.environment.replaceChildren(...info.environments.map((e) => option(e, e, e === info.environment)));
    }
    if (info.environment) this.environment.value = info.environment;
  }

  /** Offers to move a credential typed into a header to SecretStorage. */
  private offerSecret(): void {
    const row = (this.spec.headers ?? []).find((r) => r.enabled !== false && isCredentialHeader(r.name) && r.value.length >= 8 && !hasVariable(r.value));
    this.secretHint.hidden = !row;
    if (!row) return;
    const button = h('vscode-button', { secondary: true, icon: 'key' }, 'Keep as secret');
    button.addEventListener('click', () => this.events.onKeepAsSecret(row.name, row.value));
    this.secretHint.replaceChildren(h('span', { class: 'codicon codicon-shield' }), h('span', null, ` "${row.name}" holds a credential. Saved requests are files: keep the value in the OS keychain and refer to it as {{secret:NAME}}.`), button);
  }

  /** Puts the caret in the URL field. */
  focusUrl(): void {
    this.url.input.focus();
  }

  private body(): RequestBody {
    const kind = this.bodyKindValue();
    switch (kind) {
      case 'none':
        return { kind };
      case 'raw':
      case 'json':
        return { kind, text: this.bodyText[kind] };
      case 'form':
        return { kind, fields: this.formFields };
    }
  }

  private bodyKindValue(): BodyKind {
    for (const radio of this.bodyKind.querySelectorAll('vscode-radio')) if (radio.checked) return radio.value as BodyKind;
    return 'none';
  }

  private setBodyKind(kind: BodyKind): void {
    this.showBody(kind);
    if (kind === 'json' && !this.spec.headers?.some((h) => h.name.toLowerCase() === 'content-type') && this.method.value === 'GET') {
      // A JSON body almost always goes with POST; switch as API clients do.
      this.method.value = 'POST';
      this.spec.method = 'POST';
    }
    this.changed();
  }

  private showBody(kind: BodyKind): void {
    if (kind === 'form') this.bodyPane.replaceChildren(this.formTable.element);
    else if (kind === 'none') this.bodyPane.replaceChildren(h('p', { class: 'muted empty-note' }, 'This request has no body.'));
    else {
      this.bodyArea.value = this.bodyText[kind];
      this.bodyArea.placeholder = kind === 'json' ? '{\n  "model": "demo",\n  "stream": true\n}' : 'Request body';
      this.bodyPane.replaceChildren(this.bodyArea, this.bodyStatus);
      this.validateBody();
    }
  }

  private validateBody(): void {
    const kind = this.bodyKindValue();
    this.bodyStatus.replaceChildren();
    this.bodyStatus.className = 'body-status';
    if (kind !== 'json' || this.bodyArea.value.trim() === '') return;
    // {{variables}} stand for values; check the JSON around them.
    const text = replaceVariables(this.bodyArea.value, '0');
    try {
      JSON.parse(text);
      this.bodyStatus.className = 'body-status ok';
      this.bodyStatus.textContent = 'Valid JSON';
    } catch (err) {
      this.bodyStatus.className = 'body-status invalid';
      this.bodyStatus.textContent = `Invalid JSON: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private readSettings(): StreamSettings {
    const num = (input: HTMLInputElement): number | undefined => (input.value.trim() === '' ? undefined : Math.max(0, Math.floor(Number(input.value)) || 0));
    return {
      ...this.settings,
      format: this.format.value as FormatSetting,
      timeoutMs: num(this.timeout),
      reconnect: { enabled: this.reconnect.checked, maxReconnects: num(this.maxReconnects) },
      followRedirects: this.followRedirects.checked,
    };
  }

  private updateCounts(): void {
    const count = (rows: readonly KeyValue[] | undefined): string => {
      const n = (rows ?? []).filter((r) => r.enabled !== false && r.name !== '').length;
      return n > 0 ? String(n) : '';
    };
    this.tabCounts.params.textContent = count(this.params);
    this.tabCounts.headers.textContent = count(this.spec.headers);
  }

  private changed(): void {
    this.updateCounts();
    this.events.onChange(this.state());
  }
}
