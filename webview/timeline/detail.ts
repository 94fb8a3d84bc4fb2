/**
 * The detail pane for the selected row: what the item is, its data as a
 * JSON tree when it parses and as exact text always, with copy buttons.
 */
import type { WireItem } from '../../src/shared/wire';
import { formatBytes } from '../../src/shared/format';
import { h, icon, replaceChildren } from '../dom';
import { jsonOf } from './filter';
import { jsonTree } from './json-tree';
import { rowText } from './rows';

/** The text a row's "Copy" copies. */
function dataOf(item: WireItem): string {
  switch (item.kind) {
    case 'message':
    case 'chunk':
    case 'comment':
      return item.data;
    case 'error':
      return item.body ?? item.message;
    default:
      return JSON.stringify(item, null, 2);
  }
}

/** The pane. */
export class DetailPane {
  readonly element = h('section', { class: 'detail-pane', 'aria-label': 'Selected item' });
  private view: 'tree' | 'text' = 'tree';
  private item: WireItem | undefined;

  constructor(private readonly copy: (text: string) => void, private readonly close: () => void) {
    this.show(undefined);
  }

  /** Shows an item, or nothing. */
  show(item: WireItem | undefined): void {
    this.item = item;
    this.element.hidden = !item;
    if (!item) return this.element.replaceChildren();
    const row = rowText(item);
    const json = jsonOf(item);
    const text = dataOf(item);
    const meta = [
      h('span', { class: `kind-badge tone-${row.tone}` }, row.kind),
      row.type && h('span', { class: 'fact' }, row.type),
      item.kind === 'message' && item.id ? h('span', { class: 'fact muted' }, `id ${item.id}`) : null,
      h('span', { class: 'fact muted' }, `+${item.t.toFixed(1)} ms`),
      h('span', { class: 'fact muted', title: 'Byte offset in the response body' }, `@${item.offset}`),
      'size' in item ? h('span', { class: 'fact muted' }, formatBytes(item.size)) : null,
    ];
    const button = (label: string, iconName: string, onClick: () => void, pressed?: boolean): HTMLElement => {
      const b = h('button', { class: `tool-button${pressed ? ' pressed' : ''}`, title: label, 'aria-pressed': pressed === undefined ? undefined : String(pressed) }, icon(iconName), ` ${label}`);
      b.addEventListener('click', onClick);
      return b;
    };
    const tools = [
      json !== undefined && button('Tree', 'list-tree', () => this.setView('tree'), this.view === 'tree'),
      json !== undefined && button('Text', 'whole-word', () => this.setView('text'), this.view === 'text'),
      button('Copy', 'copy', () => this.copy(text)),
      json !== undefined && button('Copy JSON', 'json', () => this.copy(JSON.stringify(json, null, 2))),
      button('Close', 'close', this.close),
    ];
    const error = item.kind === 'message' && item.error !== undefined ? h('div', { class: 'detail-error' }, icon('warning'), ` ${item.error}`) : null;
    const body =
      json !== undefined && this.view === 'tree'
        ? jsonTree(json)
        : h('pre', { class: 'detail-text' }, text);
    replaceChildren(this.element, h('header', { class: 'detail-head' }, ...meta, h('span', { class: 'spacer' }), ...tools), error, h('div', { class: 'detail-body' }, body));
  }

  private setView(view: 'tree' | 'text'): void {
    this.view = view;
    this.show(this.item);
  }
}
