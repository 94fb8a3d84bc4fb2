/**
 * What can be done with the item picked in a list: call a tool (its form
 * from the input schema), get a prompt (a field per argument), read a
 * resource, or read a template's resource with its variables filled in.
 */
import { isJsonObject } from '../../src/shared/json-object';
import type { McpListKind, RpcObject } from '../../src/shared/mcp-protocol';
import { h, replaceChildren } from '../dom';
import { SchemaForm } from './schema-form';

/** Sends a request: method and params; `resume` tests resumption on its reply stream. */
export type SendCall = (method: string, params: RpcObject, resume?: boolean) => void;
/** Saves a request into a collection as an MCP request, under a suggested name. */
export type SaveCall = (method: string, params: RpcObject, name: string) => void;

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

/** A template's variables: `{id}`, `{+path}`, `{?q,lang}` give id, path, q, lang. */
function templateVariables(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(/\{[+#./;?&]?([^}]+)\}/g)) for (const n of m[1]!.split(',')) names.push(n.replace(/[*]|:\d+$/g, '').trim());
  return names;
}

/** Fills simple `{name}` variables (the common case); operators are filled as plain values. */
function expand(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{[+#./;?&]?([^}]+)\}/g, (_m, names: string) =>
    names
      .split(',')
      .map((n) => encodeURIComponent(String(values[n.replace(/[*]|:\d+$/g, '').trim()] ?? '')))
      .join(','),
  );
}

/** The pane. */
export class ItemPane {
  readonly element = h('div', { class: 'item-pane' }, h('div', { class: 'muted empty-note' }, 'Pick a tool, prompt or resource.'));

  constructor(
    private readonly send: SendCall,
    private readonly save: SaveCall,
  ) {}

  /** Shows an item of a list. */
  show(list: McpListKind, item: unknown): void {
    const it = isJsonObject(item) ? item : {};
    const name = str(it.name);
    const title = str(it.title) || name || str(it.uri) || str(it.uriTemplate);
    const description = str(it.description);
    const head = [h('div', { class: 'item-title' }, title), description ? h('div', { class: 'muted item-description' }, description) : null];
    const error = h('div', { class: 'form-error', role: 'alert' });
    const button = (label: string, icon: string, run: () => void, secondary = false): HTMLElement => {
      const b = h('vscode-button', { icon, class: 'item-action', ...(secondary ? { secondary: true } : {}) }, label);
      b.addEventListener('click', () => {
        error.textContent = '';
        run();
      });
      return b;
    };
    /** The params a form makes, or undefined with its error shown. */
    const fromForm = (form: SchemaForm, make: (value: Record<string, unknown>) => RpcObject) => (): RpcObject | undefined => {
      const r = form.read();
      if (r.error) error.textContent = r.error;
      return r.error ? undefined : make(r.value ?? {});
    };
    switch (list) {
      case 'tools': {
        const form = new SchemaForm(it.inputSchema);
        const resume = h('input', { type: 'checkbox', class: 'form-check', 'aria-label': 'Test resumption' });
        const params = fromForm(form, (value) => ({ name, arguments: value }));
        const call = button('Call tool', 'play', () => {
          const p = params();
          if (p) this.send('tools/call', p, resume.checked);
        });
        const save = this.saveButton(button, params, 'tools/call', name);
        const resumeLabel = h('label', { class: 'raw-toggle muted', title: 'Drop the reply stream after its first event with an id, reconnect with Last-Event-ID, and check nothing is lost or repeated' }, resume, ' Drop & resume');
        replaceChildren(this.element, ...head, form.element, h('div', { class: 'item-actions' }, call, save, resumeLabel, error));
        return;
      }
      case 'prompts': {
        const args = Array.isArray(it.arguments) ? it.arguments.filter(isJsonObject) : [];
        const schema = { type: 'object', properties: Object.fromEntries(args.map((a) => [str(a.name), { type: 'string', description: str(a.description) }])), required: args.filter((a) => a.required === true).map((a) => str(a.name)) };
        const form = new SchemaForm(schema);
        const params = fromForm(form, (value) => ({ name, arguments: value }));
        const get = button('Get prompt', 'comment-discussion', () => {
          const p = params();
          if (p) this.send('prompts/get', p);
        });
        const save = this.saveButton(button, params, 'prompts/get', name);
        replaceChildren(this.element, ...head, form.element, h('div', { class: 'item-actions' }, get, save, error));
        return;
      }
      case 'resources': {
        const uri = str(it.uri);
        const read = button('Read', 'book', () => this.send('resources/read', { uri }));
        const save = this.saveButton(button, () => ({ uri }), 'resources/read', title);
        replaceChildren(this.element, ...head, h('div', { class: 'mono' }, uri, it.mimeType ? h('span', { class: 'muted' }, `  ${str(it.mimeType)}`) : null), h('div', { class: 'item-actions' }, read, save));
        return;
      }
      case 'templates': {
        const template = str(it.uriTemplate);
        const vars = templateVariables(template);
        const form = new SchemaForm({ type: 'object', properties: Object.fromEntries(vars.map((v) => [v, { type: 'string' }])), required: vars });
        const params = fromForm(form, (value) => ({ uri: expand(template, value) }));
        const read = button('Read', 'book', () => {
          const p = params();
          if (p) this.send('resources/read', p);
        });
        const save = this.saveButton(button, params, 'resources/read', title);
        replaceChildren(this.element, ...head, h('div', { class: 'mono' }, template), form.element, h('div', { class: 'item-actions' }, read, save, error));
        return;
      }
    }
  }

  /** "Save…": the call as the form has it now, into a collection (the host asks where and under which name). */
  private saveButton(button: (label: string, icon: string, run: () => void, secondary?: boolean) => HTMLElement, params: () => RpcObject | undefined, method: string, name: string): HTMLElement {
    const b = button(
      'Save…',
      'save',
      () => {
        const p = params();
        if (p) this.save(method, p, name);
      },
      true,
    );
    b.title = 'Save this call into a collection as an MCP request';
    return b;
  }
}
