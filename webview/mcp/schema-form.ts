/**
 * A form generated from a tool's input JSON Schema: a field per property
 * (text, number, checkbox, a choice for an enum, JSON for objects and
 * arrays), required ones marked, and a raw JSON escape hatch for what the
 * form cannot say. Values are read back as the arguments object.
 */
import { isJsonObject } from '../../src/shared/json-object';
import { h } from '../dom';

type Schema = Record<string, unknown>;

interface Field {
  name: string;
  read(): { value?: unknown; error?: string };
}

function typeOf(s: Schema): string {
  const t = s.type;
  if (Array.isArray(t)) return String(t.find((x) => x !== 'null') ?? 'string');
  return typeof t === 'string' ? t : Array.isArray(s.enum) ? 'enum' : 'json';
}

function fieldFor(name: string, s: Schema, required: boolean): { field: Field; element: HTMLElement } {
  const description = typeof s.description === 'string' ? s.description : '';
  const type = Array.isArray(s.enum) ? 'enum' : typeOf(s);
  const label = h('label', { class: 'form-label', title: description }, name, required ? h('span', { class: 'required', title: 'required' }, ' *') : null, h('span', { class: 'muted form-type' }, ` ${type}`));
  const fallback = s.default;
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  let read: Field['read'];
  if (type === 'boolean') {
    const box = h('input', { type: 'checkbox', class: 'form-check', 'aria-label': name });
    box.checked = fallback === true;
    input = box;
    read = () => ({ value: box.checked });
  } else if (type === 'enum') {
    const select = h('select', { class: 'form-input', 'aria-label': name }, required ? null : h('option', { value: '' }, '—'), ...(s.enum as unknown[]).map((v) => h('option', { value: JSON.stringify(v) }, String(v))));
    if (fallback !== undefined) select.value = JSON.stringify(fallback);
    input = select;
    read = () => (select.value === '' ? {} : { value: JSON.parse(select.value) as unknown });
  } else if (type === 'number' || type === 'integer') {
    const num = h('input', { type: 'number', class: 'form-input', 'aria-label': name, step: type === 'integer' ? '1' : 'any', placeholder: fallback === undefined ? '' : String(fallback) });
    input = num;
    read = () => {
      if (num.value.trim() === '') return {};
      const n = Number(num.value);
      if (!Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n))) return { error: `${name}: not ${type === 'integer' ? 'a whole number' : 'a number'}` };
      return { value: n };
    };
  } else if (type === 'string') {
    const text = h('input', { type: 'text', class: 'form-input', 'aria-label': name, spellcheck: 'false', placeholder: fallback === undefined ? description : String(fallback) });
    input = text;
    read = () => (text.value === '' ? {} : { value: text.value });
  } else {
    const area = h('textarea', { class: 'form-input form-json', 'aria-label': name, rows: 2, spellcheck: 'false', placeholder: type === 'array' ? '[ … ] (JSON)' : '{ … } (JSON)' });
    input = area;
    read = () => {
      if (area.value.trim() === '') return {};
      try {
        return { value: JSON.parse(area.value) as unknown };
      } catch {
        return { error: `${name}: not valid JSON` };
      }
    };
  }
  const element = h('div', { class: 'form-row' }, label, input, description ? h('div', { class: 'muted form-help' }, description) : null);
  return {
    element,
    field: {
      name,
      read: () => {
        const r = read();
        if (r.error === undefined && r.value === undefined && required) return { error: `${name} is required` };
        return r;
      },
    },
  };
}

/** The form for one schema. */
export class SchemaForm {
  readonly element: HTMLElement;
  private readonly fields: Field[] = [];
  private readonly raw: HTMLTextAreaElement;
  private readonly rawToggle: HTMLInputElement;
  private readonly formBody: HTMLElement;

  constructor(schema: unknown) {
    const s: Schema = isJsonObject(schema) ? schema : {};
    const props = isJsonObject(s.properties) ? s.properties : {};
    const required = new Set(Array.isArray(s.required) ? s.required.filter((x): x is string => typeof x === 'string') : []);
    const rows: HTMLElement[] = [];
    for (const [name, p] of Object.entries(props)) {
      const { field, element } = fieldFor(name, isJsonObject(p) ? p : {}, required.has(name));
      this.fields.push(field);
      rows.push(element);
    }
    this.formBody = h('div', { class: 'form-fields' }, ...(rows.length > 0 ? rows : [h('div', { class: 'muted' }, 'No arguments.')]));
    this.raw = h('textarea', { class: 'form-input form-raw', rows: 6, spellcheck: 'false', 'aria-label': 'Arguments as JSON', hidden: true });
    this.rawToggle = h('input', { type: 'checkbox', class: 'form-check', 'aria-label': 'Edit as raw JSON' });
    this.rawToggle.addEventListener('change', () => {
      if (this.rawToggle.checked) {
        const r = this.readForm();
        this.raw.value = JSON.stringify(r.value ?? {}, null, 2);
      }
      this.raw.hidden = !this.rawToggle.checked;
      this.formBody.hidden = this.rawToggle.checked;
    });
    this.element = h('div', { class: 'schema-form' }, this.formBody, this.raw, h('label', { class: 'raw-toggle muted' }, this.rawToggle, ' Raw JSON'));
  }

  /** The arguments, or why they cannot be sent. */
  read(): { value?: Record<string, unknown>; error?: string } {
    if (!this.rawToggle.checked) return this.readForm();
    try {
      const v: unknown = JSON.parse(this.raw.value || '{}');
      return isJsonObject(v) ? { value: v } : { error: 'The arguments must be a JSON object' };
    } catch (err) {
      return { error: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  private readForm(): { value?: Record<string, unknown>; error?: string } {
    const value: Record<string, unknown> = {};
    for (const f of this.fields) {
      const r = f.read();
      if (r.error) return { error: r.error };
      if (r.value !== undefined) value[f.name] = r.value;
    }
    return { value };
  }
}
