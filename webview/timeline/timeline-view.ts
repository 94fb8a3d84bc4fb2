/**
 * The timeline: response block, error banner, filter bar, the virtualized
 * list of items (or the raw text, what EventSource dispatched, the merged
 * LLM response, the problems), and the detail pane. It renders what the
 * host computed (`TimelineModel`); batches arrive every few tens of ms and
 * the view repaints at most once per animation frame.
 */
import type { Bounds } from '../../src/shared/bounded-buffer';
import { formatBytes } from '../../src/shared/format';
import type { PackedBatch, PackedItems } from '../../src/shared/packed';
import type { AnalysisUpdate, EndItem, RawInfo, RawRow } from '../../src/shared/wire';
import type { WebviewSnapshot } from '../../src/shared/protocol';
import { h, icon, replaceChildren } from '../dom';
import { DetailPane } from './detail';
import { typeOf } from './filter';
import { FilterBar } from './filter-bar';
import { renderItemRow } from './item-row';
import { ResponseHead } from './response-head';
import { VirtualList } from './virtual-list';
import { renderDispatchRow } from './dispatch-row';
import { RawView } from './raw-view';
import { FilteredIndex } from './filtered-index';
import { MergedView } from '../insights/merged-view';
import { ProblemsView } from '../insights/problems-view';
import { TimelineModel } from './timeline-model';

const ROW_HEIGHT = 24;
/** A batch this big is a firehose (thousands of events a second), not something read as it arrives. */
const FIREHOSE_BATCH = 500;
/** Shortest time between two paints while a firehose's batches arrive. */
const FIREHOSE_PAINT_INTERVAL_MS = 100;

type Mode = 'items' | 'raw' | 'eventsource' | 'merged' | 'problems';

/** What the timeline asks of the panel. */
export interface TimelineEvents {
  copy(text: string): void;
  copyRaw(): void;
  clear(): void;
  exportTimeline(): void;
  /** The raw view needs rows `from`..`to` of the raw text. */
  requestRaw(from: number, to: number): void;
}

/** The timeline view. */
export class TimelineView {
  readonly element: HTMLElement;
  private readonly model: TimelineModel;
  private selected: number | undefined;
  private mode: Mode = 'items';
  private frame = 0;
  private paintTimer: ReturnType<typeof setTimeout> | undefined;
  private paintedAt = 0;
  private shownStats: unknown;
  private statsAt = 0;
  private readonly problems: ProblemsView;
  private readonly merged: MergedView;
  private readonly esList: VirtualList;
  private readonly raw: RawView;
  private readonly head = new ResponseHead();
  private readonly banner = h('div', { class: 'banner', role: 'alert', hidden: true });
  /** Which rows the filter keeps (reads the model lazily: it is created in the constructor). */
  private readonly index: FilteredIndex = ((view: TimelineView) =>
    new FilteredIndex(
      {
        get dropped() {
          return view.model.items.dropped;
        },
        get length() {
          return view.model.items.length;
        },
        itemAt: (n) => view.model.itemAt(n),
      },
      () => view.schedule(),
    ))(this);
  private readonly filters = new FilterBar((filter) => this.index.set(filter));
  private readonly followButton = h('button', { class: 'tool-button pressed', title: 'Keep the newest row in view', 'aria-pressed': 'true' }, icon('fold-down'), ' Follow');
  private readonly viewToggle = h('div', { class: 'segmented', role: 'tablist' });
  private readonly status = h('div', { class: 'list-status muted', role: 'status' });
  private readonly list: VirtualList;
  private readonly detail: DetailPane;
  private readonly listHeader = h('div', { class: 'vrow list-header', role: 'row' }, ...['Time', 'Δ', 'Kind', 'Type', 'ID', 'Size', 'Data'].map((c) => h('span', { role: 'columnheader' }, c)));

  constructor(bounds: Bounds, private readonly actions: TimelineEvents) {
    this.model = new TimelineModel(bounds);
    this.list = new VirtualList({ count: () => this.index.count(), render: (row, i) => this.renderRow(row, i) }, ROW_HEIGHT, (f) => this.showFollow(f), 'items-list');
    this.raw = new RawView((from, to) => actions.requestRaw(from, to), (f) => this.showFollow(f));
    this.raw.list.element.hidden = true;
    this.esList = new VirtualList({ count: () => this.model.dispatches.length, render: (row, i) => this.renderDispatch(row, i) }, ROW_HEIGHT, (f) => this.showFollow(f), 'es-list');
    this.esList.element.hidden = true;
    this.detail = new DetailPane(actions.copy, () => this.select(undefined));
    this.merged = new MergedView((seq) => this.selectSeq(seq));
    this.merged.element.hidden = true;
    this.problems = new ProblemsView((seq) => this.selectSeq(seq));
    this.problems.element.hidden = true;

    this.list.element.addEventListener('click', (e) => {
      const i = this.list.indexOf(e.target);
      if (i !== undefined) this.select(this.index.absoluteAt(i));
    });
    this.list.element.addEventListener('keydown', (e) => this.onListKey(e));
    this.followButton.addEventListener('click', () => {
      const on = !this.activeList().follow;
      this.activeList().follow = on;
      this.showFollow(on);
    });
    for (const [mode, label, iconName] of [['items', 'Timeline', 'list-flat'], ['raw', 'Raw', 'file-code'], ['eventsource', 'EventSource', 'browser'], ['merged', 'Merged', 'sparkle'], ['problems', 'Problems', 'warning']] as const) {
      const b = h('button', { class: `segment${mode === this.mode ? ' pressed' : ''}`, role: 'tab', 'aria-selected': String(mode === this.mode), 'data-mode': mode }, icon(iconName), h('span', { class: 'segment-label' }, ` ${label}`), h('span', { class: 'segment-badge' }));
      b.title = label;
      b.addEventListener('click', () => this.setMode(mode));
      this.viewToggle.append(b);
    }
    const tool = (label: string, iconName: string, onClick: () => void): HTMLElement => {
      const b = h('button', { class: 'icon-button', title: label, 'aria-label': label }, icon(iconName));
      b.addEventListener('click', onClick);
      return b;
    };
    const toolbar = h(
      'div',
      { class: 'toolbar' },
      this.viewToggle,
      ...this.filters.fields,
      this.followButton,
      tool('Copy raw text', 'copy', () => actions.copyRaw()),
      tool('Export timeline (JSON Lines)', 'export', () => actions.exportTimeline()),
      tool('Clear timeline', 'clear-all', () => actions.clear()),
    );
    this.element = h(
      'section',
      { class: 'timeline', 'aria-label': 'Timeline', 'data-mode': 'items' },
      this.head.element,
      this.banner,
      toolbar,
      h('div', { class: 'filter-line' }, ...this.filters.chipsLine, h('span', { class: 'spacer' }), this.status),
      h('div', { class: 'list-area' }, h('div', { class: 'items-area' }, this.listHeader, this.list.element), this.raw.list.element, this.esList.element, this.merged.element, this.problems.element, this.detail.element),
    );
  }

  /** Starts observing sizes; call once in the document. */
  mount(): void {
    this.list.mount();
    this.raw.list.mount();
    this.esList.mount();
  }

  /** A request started (`label` names a replay): the old stream's items go. */
  start(label?: string): void {
    this.reset();
    this.head.start(label);
  }

  /** Empties everything. */
  clear(): void {
    this.reset();
    this.head.reset();
  }

  /** Adds a batch: items, the host's analysis, where the raw text stands. */
  add(items: PackedItems, analysis: AnalysisUpdate, raw: RawInfo): void {
    const hadResponse = this.model.response;
    const errors = this.model.warnings + (this.model.fatal ? 1 : 0);
    const wasScanning = this.index.scanning;
    const { first, batch } = this.model.add(items, analysis, raw);
    this.countTypes(batch);
    if (this.model.response && this.model.response !== hadResponse) this.head.setResponse(this.model.response);
    if (this.model.warnings + (this.model.fatal ? 1 : 0) !== errors) this.renderBanner();
    this.raw.setInfo(raw);
    this.index.appended(first, batch.count, wasScanning);
    this.schedule(batch.count);
  }

  /** Counts a batch's rows by type for the chips: a run of events of one type (a burst is one long run) counts once. */
  private countTypes(batch: PackedBatch): void {
    let event: string | undefined;
    let run = 0;
    for (let i = 0; i < batch.count; i++) {
      if (batch.isMessage(i)) {
        const e = batch.eventAt(i);
        if (e === event) {
          run++;
          continue;
        }
        if (event !== undefined) this.filters.count(`e:${event}`, run);
        event = e;
        run = 1;
      } else this.filters.count(typeOf(batch.item(i)));
    }
    if (event !== undefined) this.filters.count(`e:${event}`, run);
  }

  /** Rows of the raw text arrived. */
  rawRows(from: number, rows: readonly RawRow[]): void {
    this.raw.received(from, rows);
  }

  /** The stream ended. */
  end(end: EndItem): void {
    this.head.finish(end);
    this.schedule();
  }

  /** Changes the bounds (a setting changed). */
  setBounds(bounds: Bounds): void {
    this.model.resize(bounds);
    this.schedule();
  }

  /** What the view shows, for tests. */
  snapshot(): Omit<WebviewSnapshot, never> {
    const m = this.model.merged;
    const rows = [...this.activeList().renderedRows().entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row.textContent ?? '');
    return {
      received: this.model.received,
      kept: this.model.items.length,
      problems: this.model.problems.map((d) => d.code),
      merged: m ? { provider: m.provider, textLength: m.text.length, toolCalls: m.toolCalls.length } : null,
      visibleRows: this.mode === 'merged' || this.mode === 'problems' ? [this.activeElement().textContent ?? ''] : rows,
      mode: this.mode,
    };
  }

  private reset(): void {
    this.model.reset();
    this.raw.reset();
    this.esList.follow = true;
    this.index.reset();
    this.filters.clearCounts();
    this.selected = undefined;
    this.shownStats = undefined;
    this.detail.show(undefined);
    this.banner.hidden = true;
    this.list.follow = true;
    this.raw.list.follow = true;
    this.showFollow(true);
    this.schedule();
  }

  private renderBanner(): void {
    const shown = this.model.fatal ?? this.model.lastWarning;
    if (!shown) return;
    const warnings = this.model.warnings;
    const body = shown.body ? h('pre', { class: 'banner-body' }, shown.body.length > 2000 ? `${shown.body.slice(0, 2000)}…` : shown.body) : null;
    const more = warnings > 0 && this.model.fatal ? h('span', { class: 'muted' }, ` (+${warnings} warnings)`) : warnings > 1 ? h('span', { class: 'muted' }, ` (${warnings} warnings)`) : null;
    this.banner.className = `banner ${this.model.fatal ? 'banner-error' : 'banner-warning'}`;
    replaceChildren(this.banner, h('div', { class: 'banner-line' }, icon(this.model.fatal ? 'error' : 'warning'), h('strong', null, ` ${shown.code}`), ` ${shown.message}`, more), body);
    this.banner.hidden = false;
  }

  /** Paints at the next frame; `batchSize`: the items of a batch that just arrived (a big one may wait a little). */
  private schedule(batchSize = 0): void {
    if (this.frame) return;
    // A firehose repainted at every frame costs the page its style, layout and raster work 60 times a second, on
    // the cores the extension host streams on: while big batches keep coming, the view catches up a few times a
    // second. A stream a person can read (an LLM's tokens) and anything the user does paint at the next frame.
    const wait = this.paintedAt + FIREHOSE_PAINT_INTERVAL_MS - performance.now();
    if (batchSize >= FIREHOSE_BATCH && wait > 0) {
      this.paintTimer ??= setTimeout(() => {
        this.paintTimer = undefined;
        this.schedule();
      }, wait);
      return;
    }
    clearTimeout(this.paintTimer);
    this.paintTimer = undefined;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paintedAt = performance.now();
      this.paint();
    });
  }

  private paint(): void {
    const model = this.model;
    // Matches that point at dropped items go.
    this.index.prune();
    if (this.mode === 'items' || this.mode === 'eventsource') this.activeList().update();
    if (this.mode === 'raw') this.raw.update();
    if (this.mode === 'merged') this.merged.update(model.merged);
    this.problems.set(model.problems);
    this.head.count(model.events, model.raw.bytes + model.raw.droppedBytes);
    // The stats line (with its sparkline) is rebuilt a few times a second while streaming, and at the end.
    const now = performance.now();
    if (model.stats && model.stats !== this.shownStats && (model.end || now - this.statsAt >= 250)) {
      this.shownStats = model.stats;
      this.statsAt = now;
      this.head.setStats(model.stats);
    }
    this.paintBadges();
    this.filters.render();
    const items = model.items;
    const parts = [this.index.active ? `${this.index.count()} of ${items.length} rows` : `${items.length} rows`];
    if (this.index.scanning) parts.unshift(`Filtering… ${this.index.progress}%`);
    if (items.dropped > 0) parts.push(`${items.dropped} oldest dropped (${formatBytes(items.droppedBytes)}; limits ${items.length} rows / ${formatBytes(items.bytes)} kept)`);
    if (this.mode === 'raw') {
      const r = this.raw.state;
      parts.splice(0, parts.length, `${r.endRow - r.firstRow} rows · ${formatBytes(r.bytes)}`, ...(r.droppedBytes > 0 ? [`${formatBytes(r.droppedBytes)} oldest dropped (${r.firstRow} rows)`] : []));
    }
    this.status.textContent = parts.join(' · ');
    this.status.classList.toggle('dropping', items.dropped > 0 || (this.mode === 'raw' && this.raw.state.droppedBytes > 0));
  }

  private activeList(): VirtualList {
    return this.mode === 'raw' ? this.raw.list : this.mode === 'eventsource' ? this.esList : this.list;
  }

  private activeElement(): HTMLElement {
    return this.mode === 'merged' ? this.merged.element : this.mode === 'problems' ? this.problems.element : this.activeList().element;
  }

  private renderRow(row: HTMLElement, i: number): void {
    const n = this.index.absoluteAt(i);
    const item = this.model.itemAt(n);
    if (!item) return row.replaceChildren();
    // With a JSONPath filter, the matched value is what the row is about.
    const filter = this.filters.filter;
    const matched = filter.ok && filter.preview ? filter.preview(item) : undefined;
    renderItemRow(row, item, { prev: this.model.itemAt(n - 1), selected: n === this.selected, matched });
  }

  private renderDispatch(row: HTMLElement, i: number): void {
    const d = this.model.dispatchAt(i);
    if (d) renderDispatchRow(row, d);
    else row.replaceChildren();
  }

  private select(absolute: number | undefined): void {
    this.selected = absolute;
    this.detail.show(absolute === undefined ? undefined : this.model.itemAt(absolute));
    this.list.refresh();
  }

  private onListKey(e: KeyboardEvent): void {
    const count = this.index.count();
    if (count === 0) return;
    const current = this.selected === undefined ? -1 : this.index.visibleIndexOf(this.selected);
    let next: number | undefined;
    if (e.key === 'ArrowDown') next = Math.min(count - 1, current + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    else if (e.key === 'Escape' && this.selected !== undefined) {
      e.stopPropagation();
      this.select(undefined);
      return;
    }
    if (next === undefined) return;
    e.preventDefault();
    this.list.follow = false;
    this.showFollow(false);
    this.select(this.index.absoluteAt(next));
    this.list.reveal(next);
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    for (const b of this.viewToggle.querySelectorAll<HTMLElement>('.segment')) {
      const on = b.dataset.mode === mode;
      b.classList.toggle('pressed', on);
      b.setAttribute('aria-selected', String(on));
    }
    (this.list.element.parentElement as HTMLElement).hidden = mode !== 'items';
    this.raw.list.element.hidden = mode !== 'raw';
    this.esList.element.hidden = mode !== 'eventsource';
    this.merged.element.hidden = mode !== 'merged';
    this.problems.element.hidden = mode !== 'problems';
    if (mode !== 'items') this.detail.show(undefined);
    this.element.dataset.mode = mode;
    this.showFollow(this.activeList().follow);
    this.schedule();
  }

  /** Counts on the Merged and Problems segments. */
  private paintBadges(): void {
    const merged = this.model.merged;
    const { errors, warnings, infos } = this.model.counts();
    for (const b of this.viewToggle.querySelectorAll<HTMLElement>('.segment')) {
      const badge = b.querySelector('.segment-badge')!;
      if (b.dataset.mode === 'merged') {
        badge.textContent = merged ? '●' : '';
        badge.className = 'segment-badge dot';
        b.title = merged ? `Assembled ${merged.provider} response` : 'No LLM stream recognised';
      } else if (b.dataset.mode === 'problems') {
        const n = errors + warnings;
        badge.textContent = n > 0 ? String(n) : infos > 0 ? String(infos) : '';
        badge.className = `segment-badge ${errors > 0 ? 'sev-error' : warnings > 0 ? 'sev-warning' : 'sev-info'}`;
      }
    }
  }

  /** Selects the message with this sequence number in the timeline (from the merged text or a problem). */
  private selectSeq(seq: number): void {
    const n = this.model.absoluteOfSeq(seq);
    if (n === undefined) return;
    if (this.index.active) this.filters.reset();
    this.setMode('items');
    this.list.follow = false;
    this.showFollow(false);
    this.select(n);
    this.list.reveal(n - this.model.items.dropped);
  }

  private showFollow(on: boolean): void {
    this.followButton.classList.toggle('pressed', on);
    this.followButton.setAttribute('aria-pressed', String(on));
  }
}
