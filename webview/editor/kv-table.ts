/**
 * An editable table of name/value rows with enable toggles (Params, Headers,
 * form fields). A blank row at the end is always there to type into, as in
 * Postman; names can offer suggestions (header names).
 */
import type { KeyValue } from '../../src/shared/wire';
import { h, icon } from '../dom';

let listId = 0;

/** Options for a table. */
export interface KvTableOptions {
  namePlaceholder: string;
  valuePlaceholder: string;
  suggestions?: readonly string[];
  onChange(rows: KeyValue[]): void;
}

/** The table's element and a way to replace its rows. */
export class KvTable {
  readonly element: HTMLElement;
  private rows: KeyValue[] = [];
  private readonly body: HTMLElement;
  private readonly datalist: HTMLDataListElement | undefined;

  constructor(private readonly options: KvTableOptions) {
    this.body = h('div', { class: 'kv-body', role: 'rowgroup' });
    if (options.suggestions) {
      this.datalist = h('datalist', { id: `kv-suggest-${++listId}` }, ...options.suggestions.map((s) => h('option', { value: s })));
    }
    this.element = h(
      'div',
      { class: 'kv-table', role: 'table' },
      h('div', { class: 'kv-row kv-head', role: 'row' }, h('span', { role: 'columnheader' }), h('span', { role: 'columnheader' }, 'Name'), h('span', { role: 'columnheader' }, 'Value'), h('span', { role: 'columnheader' })),
      this.body,
      this.datalist,
    );
    this.render();
  }

  /** Replaces the rows (e.g. after the URL changed). Keeps focus if possible. */
  set(rows: readonly KeyValue[]): void {
    this.rows = rows.map((r) => ({ ...r }));
    this.render();
  }

  /** The rows with a name or value, blank ones dropped. */
  get(): KeyValue[] {
    return this.rows.filter((r) => r.name !== '' || r.value !== '');
  }

  private changed(): void {
    this.options.onChange(this.get());
  }

  private render(): void {
    const active = document.activeElement;
    const focus = active instanceof HTMLInputElement && this.body.contains(active) ? { row: Number(active.dataset.row), col: active.dataset.col } : undefined;
    this.body.replaceChildren();
    const rows = [...this.rows, { name: '', value: '', enabled: true }];
    rows.forEach((row, i) => {
      const isNew = i === this.rows.length;
      const toggle = h('input', { type: 'checkbox', class: 'kv-toggle', title: 'Send this row', 'aria-label': 'Enabled' });
      toggle.checked = row.enabled !== false;
      toggle.disabled = isNew;
      toggle.addEventListener('change', () => {
        this.rows[i]!.enabled = toggle.checked;
        this.changed();
      });
      const field = (col: 'name' | 'value', placeholder: string): HTMLInputElement => {
        const input = h('input', { class: 'kv-input', type: 'text', placeholder, spellcheck: 'false', 'data-row': i, 'data-col': col, 'aria-label': col === 'name' ? 'Name' : 'Value' });
        if (col === 'name' && this.datalist) input.setAttribute('list', this.datalist.id);
        input.value = row[col];
        input.addEventListener('input', () => {
          if (isNew) {
            this.rows.push({ name: '', value: '', enabled: true });
            this.rows[i]![col] = input.value;
            this.render();
          } else {
            this.rows[i]![col] = input.value;
          }
          this.changed();
        });
        return input;
      };
      const remove = h('button', { class: 'icon-button kv-remove', title: 'Remove row', 'aria-label': 'Remove row' }, icon('close'));
      remove.disabled = isNew;
      remove.addEventListener('click', () => {
        this.rows.splice(i, 1);
        this.render();
        this.changed();
      });
      this.body.append(h('div', { class: `kv-row${row.enabled === false ? ' kv-disabled' : ''}`, role: 'row' }, toggle, field('name', this.options.namePlaceholder), field('value', this.options.valuePlaceholder), remove));
    });
    if (focus) {
      const again = this.body.querySelector<HTMLInputElement>(`input[data-row="${focus.row}"][data-col="${focus.col}"]`);
      if (again) {
        again.focus();
        again.setSelectionRange(again.value.length, again.value.length);
      }
    }
  }
}
