/**
 * The raw view: every received character, by rows (lines, long lines in
 * pieces), with each line break shown. The text stays on the host; the view
 * asks for the rows in sight and keeps a small cache, so a 500 MB stream
 * costs the webview a screenful.
 */
import type { RawInfo, RawRow } from '../../src/shared/wire';
import { h } from '../dom';
import { VirtualList } from './virtual-list';

const ROW_HEIGHT = 20;
/** Rows kept in the cache; beyond it the cache starts again with what is in view. */
const CACHE_ROWS = 4000;
/** Each line break as it was received, in escape notation (fonts lack the control-picture glyphs). */
const EOL_MARKS: Record<RawRow['eol'], string> = { '': '', '\n': '\\n', '\r\n': '\\r\\n', '\r': '\\r' };

/** The raw view. */
export class RawView {
  readonly list: VirtualList;
  private info: RawInfo = { firstRow: 0, endRow: 0, bytes: 0, droppedBytes: 0 };
  private cache = new Map<number, RawRow>();
  /** Rows asked for and not yet answered. */
  private pending: { from: number; to: number } | undefined;
  private fetchFrame = 0;

  constructor(
    private readonly request: (from: number, to: number) => void,
    onFollowChange: (following: boolean) => void,
  ) {
    this.list = new VirtualList({ count: () => this.info.endRow - this.info.firstRow, render: (row, i) => this.render(row, i) }, ROW_HEIGHT, onFollowChange, 'raw-list');
  }

  /** Where the raw text stands now; rows that may have grown are asked for again. */
  setInfo(info: RawInfo): void {
    const prev = this.info;
    if (info.endRow !== prev.endRow || info.bytes !== prev.bytes) {
      // The last row may have grown since it was fetched.
      for (let r = Math.max(prev.endRow - 1, 0); r < info.endRow; r++) this.cache.delete(r);
    }
    this.info = info;
  }

  /** Rows arrived from the host. */
  received(from: number, rows: readonly RawRow[]): void {
    if (this.cache.size + rows.length > CACHE_ROWS) this.cache.clear();
    rows.forEach((r, k) => this.cache.set(from + k, r));
    this.pending = undefined;
    this.list.refresh();
  }

  /** Repaints, and asks for rows in sight that are not here yet. */
  update(): void {
    this.list.update();
    this.fetchMissing();
  }

  /** Asks the host for the rows in the DOM that are not here yet (once per frame at most). */
  private fetchSoon(): void {
    if (this.fetchFrame) return;
    this.fetchFrame = requestAnimationFrame(() => {
      this.fetchFrame = 0;
      this.fetchMissing();
    });
  }

  private fetchMissing(): void {
    const { from, to } = this.list.renderedRange();
    const a = this.info.firstRow + from;
    const b = this.info.firstRow + to;
    let missingFrom = -1;
    let missingTo = -1;
    for (let r = a; r < b; r++) {
      if (this.cache.has(r)) continue;
      if (missingFrom < 0) missingFrom = r;
      missingTo = r + 1;
    }
    if (missingFrom < 0) return;
    if (this.pending && this.pending.from <= missingFrom && this.pending.to >= missingTo) return;
    this.pending = { from: missingFrom, to: missingTo };
    this.request(missingFrom, missingTo);
  }

  /** Forgets everything (a new stream). */
  reset(): void {
    this.info = { firstRow: 0, endRow: 0, bytes: 0, droppedBytes: 0 };
    this.cache.clear();
    this.pending = undefined;
  }

  /** Rows, bytes and what was dropped, for the status line. */
  get state(): RawInfo {
    return this.info;
  }

  private render(row: HTMLElement, i: number): void {
    const r = this.cache.get(this.info.firstRow + i);
    row.className = `vrow raw-line${r?.continued ? ' continued' : ''}`;
    if (!r) {
      // Scrolling (or a list that just became visible) shows rows the host has not sent yet.
      row.replaceChildren(h('span', { class: 'raw-number muted' }, ''), h('span', { class: 'raw-text muted' }, '…'));
      this.fetchSoon();
      return;
    }
    row.replaceChildren(
      h('span', { class: 'raw-number muted', title: r.continued ? `Line ${r.line}, continued` : `Line ${r.line}` }, r.continued ? '…' : String(r.line)),
      h('span', { class: 'raw-text' }, r.text, h('span', { class: 'raw-eol' }, EOL_MARKS[r.eol])),
    );
  }
}
