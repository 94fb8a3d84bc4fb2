/**
 * A collapsible JSON tree, built from DOM nodes with `textContent` only.
 * Large arrays and objects show their first children and a "show more"
 * control rather than building thousands of nodes at once.
 */
import { h } from '../dom';

const PAGE = 200;

function scalar(value: unknown): HTMLElement {
  if (value === null) return h('span', { class: 'json-null' }, 'null');
  switch (typeof value) {
    case 'string':
      return h('span', { class: 'json-string' }, JSON.stringify(value));
    case 'number':
      return h('span', { class: 'json-number' }, String(value));
    case 'boolean':
      return h('span', { class: 'json-boolean' }, String(value));
    default:
      return h('span', null, String(value));
  }
}

function entriesOf(value: object): [string, unknown][] {
  return Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
}

function node(key: string | undefined, value: unknown, depth: number): HTMLElement {
  const label = key === undefined ? null : h('span', { class: 'json-key' }, `${key}: `);
  if (value === null || typeof value !== 'object') return h('div', { class: 'json-leaf' }, label, scalar(value));
  const isArray = Array.isArray(value);
  const entries = entriesOf(value);
  const summary = isArray ? `Array(${entries.length})` : `{${entries.length === 0 ? '' : '…'}} ${entries.length} ${entries.length === 1 ? 'key' : 'keys'}`;
  const details = h('details', { class: 'json-node' }, h('summary', null, label, h('span', { class: 'json-summary' }, entries.length === 0 ? (isArray ? '[]' : '{}') : summary)));
  // Open the first levels, as DevTools does; deeper ones build on demand.
  let built = 0;
  const body = h('div', { class: 'json-children' });
  const more = (): void => {
    const next = entries.slice(built, built + PAGE);
    built += next.length;
    body.querySelector('.json-more')?.remove();
    for (const [k, v] of next) body.append(node(k, v, depth + 1));
    if (built < entries.length) {
      const button = h('button', { class: 'link-button json-more' }, `Show ${Math.min(PAGE, entries.length - built)} more of ${entries.length - built}…`);
      button.addEventListener('click', more);
      body.append(button);
    }
  };
  details.addEventListener('toggle', () => {
    if (details.open && built === 0) more();
  });
  details.append(body);
  if (depth < 2 && entries.length > 0) {
    details.open = true;
    more();
  }
  return details;
}

/** Renders a JSON value as a tree. */
export function jsonTree(value: unknown): HTMLElement {
  return h('div', { class: 'json-tree' }, node(undefined, value, 0));
}
