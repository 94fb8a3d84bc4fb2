/**
 * One timeline row written into a recycled row element: time, gap, kind,
 * type, id, size and the data (or the LLM text the event carries, or what a
 * JSONPath filter matched). Cells are made once and then only written:
 * during a burst every row in view is redrawn at each paint.
 */
import { STALL_MS, type WireItem } from '../../src/shared/wire';
import { h } from '../dom';
import { rowText } from './rows';

/** What a row shows besides its item. */
export interface RowContext {
  /** The item before it (for the gap), if kept. */
  prev: WireItem | undefined;
  selected: boolean;
  /** The value a JSONPath filter matched, when one applies. */
  matched: string | undefined;
}

/** Writes `item` into `row`. */
export function renderItemRow(row: HTMLElement, item: WireItem, { prev, selected, matched }: RowContext): void {
  const text = rowText(item);
  const gap = prev ? item.t - prev.t : 0;
  const stall = (item.kind === 'message' || item.kind === 'chunk') && gap >= STALL_MS;
  const className = `vrow item-row tone-${text.tone}${selected ? ' selected' : ''}${stall ? ' stall' : ''}`;
  if (row.className !== className) row.className = className;
  const title = stall ? `Stall: ${(gap / 1000).toFixed(1)} s without data before this row` : '';
  if (row.title !== title) row.title = title;
  row.setAttribute('aria-selected', String(selected));
  const [data, dataClass, dataTitle] =
    matched !== undefined
      ? [matched, 'cell-data cell-piece', 'The value the JSONPath matched']
      : text.piece !== undefined
        ? [text.piece, 'cell-data cell-piece', 'The text this event carries']
        : [text.preview, 'cell-data', ''];
  if (row.childElementCount !== 7 || !row.firstElementChild?.classList.contains('cell-time')) {
    row.replaceChildren(
      h('span', { class: 'cell-time' }),
      h('span', { class: 'cell-delta muted' }),
      h('span', { class: 'cell-kind' }, h('span', { class: 'kind-badge' })),
      h('span', { class: 'cell-type' }),
      h('span', { class: 'cell-id' }),
      h('span', { class: 'cell-size muted' }),
      h('span', { class: 'cell-data' }),
    );
  }
  const cells = row.children as HTMLCollectionOf<HTMLElement>;
  setText(cells[0]!, item.t.toFixed(1));
  setText(cells[1]!, prev ? `+${gap.toFixed(1)}` : '');
  const badge = cells[2]!.firstElementChild as HTMLElement;
  const badgeClass = `kind-badge tone-${text.tone}`;
  if (badge.className !== badgeClass) badge.className = badgeClass;
  setText(badge, text.kind);
  setText(cells[3]!, text.type, text.type);
  setText(cells[4]!, text.id, text.id);
  setText(cells[5]!, text.size);
  if (cells[6]!.className !== dataClass) cells[6]!.className = dataClass;
  setText(cells[6]!, data, dataTitle);
}

/** Writes a cell's text (and title) only when it changed: an unchanged node costs no style or layout work. */
function setText(el: HTMLElement, text: string, title?: string): void {
  if (el.textContent !== text) el.textContent = text;
  if (title !== undefined && el.title !== title) el.title = title;
}
