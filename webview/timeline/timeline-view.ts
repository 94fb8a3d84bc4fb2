/**
 * The timeline: response block, error banner, filter bar, the virtualized
 * list of items (or the raw text), and the detail pane. Items arrive in
 * batches; the view repaints at most once per animation frame, so a burst
 * of 100 000 events never blocks the page for long.
 */
import type { EndItem, ErrorItem, TimelineItem } from '../../src/core/items';
import { formatBytes } from '../../src/shared/format';
import { h, icon, replaceChildren } from '../dom';
import { BoundedBuffer } from './buffer';
import { DetailPane } from './detail';
import { compileFilter, typeOf, type CompiledFilter, type FilterState } from './filter';
import { RawLines } from './raw-lines';
import { ResponseHead } from './response-head';
import { rowText } from './rows';
import { VirtualList } from './virtual-list';
import { renderDispatchRow } from './dispatch-row';
import { TypeChips } from './type-chips';
import { FilteredIndex } from './filtered-index';
import { StreamAnalysis } from '../../src/core/analysis/stream-analysis';
import { DEFAULT_STALL_MS } from '../../src/core/analysis/stats';
import { EventSourceEmulator, type Dispatch } from '../../src/core/analysis/eventsource';
import { MergedView } from '../insights/merged-view';
import type { Diagnostic } from '../../src/core/analysis/diagnostics';
import type { MergedResponse } from '../../src/core/llm/types';
import { ProblemsView } from '../insights/problems-view';

const ROW_HEIGHT = 24;

type Mode = 'items' | 'raw' | 'eventsource' | 'merged' | 'problems';

/** What the timeline asks of the panel. */
export interface TimelineEvents {
  copy(text: string): void;
  onDiagnostic(d: Diagnostic): void;
  clear(): void;
  exportTimeline(): void;
}

/** The timeline view. */
export class TimelineView {
  readonly element: HTMLElement;
  private items: BoundedBuffer<TimelineItem>;
  private raw: RawLines;
  /** Absolute numbers (received order) of the items the filter keeps, when a filter is active. */
  private filterState: FilterState = { hiddenTypes: new Set(), search: '', regex: false, jsonPath: '' };
  private filter: CompiledFilter = compileFilter(this.filterState);
  private events = 0;
  private selected: number | undefined;
  private mode: Mode = 'items';
  private analysis: StreamAnalysis = this.newAnalysis();
  private readonly problems = new ProblemsView();
  private readonly merged: MergedView;
  private emulator = new EventSourceEmulator();
  private dispatches: BoundedBuffer<Dispatch>;
  private readonly esList: VirtualList;
  private frame = 0;
  private fatal: ErrorItem | undefined;
  private warnings = 0;
  /** Every item received for this request, raw text included. */
  private total = 0;

  private readonly head = new ResponseHead();
  private readonly banner = h('div', { class: 'banner', role: 'alert', hidden: true });
  /** Which rows the filter keeps (reads the buffer lazily: it is created in the constructor). */
  private readonly index: FilteredIndex = ((view: TimelineView) =>
    new FilteredIndex(
      {
        get dropped() {
          return view.items.dropped;
        },
        get length() {
          return view.items.length;
        },
        itemAt: (n) => view.itemAt(n),
      },
      () => view.schedule(),
    ))(this);
  private readonly chips = new TypeChips((hidden) => {
    this.filterState = { ...this.filterState, hiddenTypes: hidden };
    this.applyFilter();
  });
  private readonly search = h('input', { class: 'text-input search-input', type: 'search', placeholder: 'Search data', spellcheck: 'false', 'aria-label': 'Search' });
  private readonly regexToggle = h('button', { class: 'icon-button toggle', title: 'Use regular expression', 'aria-pressed': 'false' }, icon('regex'));
  private readonly jsonPath = h('input', { class: 'text-input jsonpath-input', type: 'text', placeholder: 'JSONPath, e.g. $.choices[0].delta.content', spellcheck: 'false', 'aria-label': 'JSONPath filter' });
  private readonly filterError = h('span', { class: 'filter-error', role: 'status' });
  private readonly followButton = h('button', { class: 'tool-button pressed', title: 'Keep the newest row in view', 'aria-pressed': 'true' }, icon('fold-down'), ' Follow');
  private readonly viewToggle = h('div', { class: 'segmented', role: 'tablist' });
  private readonly status = h('div', { class: 'list-status muted', role: 'status' });
  private readonly list: VirtualList;
  private readonly rawList: VirtualList;
  private readonly detail: DetailPane;
  private readonly listHeader = h('div', { class: 'vrow list-header', role: 'row' }, ...['Time', 'Δ', 'Kind', 'Type', 'ID', 'Size', 'Data'].map((c) => h('span', { role: 'columnheader' }, c)));

  constructor(maxItems: number, private readonly actions: TimelineEvents) {
    this.items = new BoundedBuffer(maxItems);
    this.raw = new RawLines(maxItems);
    this.list = new VirtualList({ count: () => this.visibleCount(), render: (row, i) => this.renderRow(row, i) }, ROW_HEIGHT, (f) => this.showFollow(f), 'items-list');
    this.rawList = new VirtualList({ count: () => this.raw.length, render: (row, i) => this.renderRawLine(row, i) }, 20, (f) => this.showFollow(f), 'raw-list');
    this.rawList.element.hidden = true;
    this.dispatches = new BoundedBuffer(maxItems);
    this.esList = new VirtualList({ count: () => this.dispatches.length, render: (row, i) => this.renderDispatch(row, i) }, ROW_HEIGHT, (f) => this.showFollow(f), 'es-list');
    this.esList.element.hidden = true;
    this.detail = new DetailPane(actions.copy, () => this.select(undefined));
    this.merged = new MergedView((seq) => this.selectSeq(seq));
    this.merged.element.hidden = true;
    this.problems.element.hidden = true;

    this.list.element.addEventListener('click', (e) => {
      const i = this.list.indexOf(e.target);
      if (i !== undefined) this.select(this.absoluteAt(i));
    });
    this.list.element.addEventListener('keydown', (e) => this.onListKey(e));
    const onFilter = (): void => this.applyFilter();
    this.search.addEventListener('input', onFilter);
    this.jsonPath.addEventListener('input', onFilter);
    this.regexToggle.addEventListener('click', () => {
      this.filterState = { ...this.filterState, regex: !this.filterState.regex };
      this.regexToggle.setAttribute('aria-pressed', String(this.filterState.regex));
      this.regexToggle.classList.toggle('pressed', this.filterState.regex);
      this.applyFilter();
    });
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
      h('div', { class: 'search-box' }, icon('search'), this.search, this.regexToggle),
      h('div', { class: 'search-box' }, icon('filter'), this.jsonPath),
      this.followButton,
      tool('Copy raw text', 'copy', () => actions.copy(this.raw.text())),
      tool('Export timeline (JSON Lines)', 'export', () => actions.exportTimeline()),
      tool('Clear timeline', 'clear-all', () => actions.clear()),
    );
    this.element = h(
      'section',
      { class: 'timeline', 'aria-label': 'Timeline', 'data-mode': 'items' },
      this.head.element,
      this.banner,
      toolbar,
      h('div', { class: 'filter-line' }, this.chips.element, this.filterError, h('span', { class: 'spacer' }), this.status),
      h('div', { class: 'list-area' }, h('div', { class: 'items-area' }, this.listHeader, this.list.element), this.rawList.element, this.esList.element, this.merged.element, this.problems.element, this.detail.element),
    );
  }

  /** Starts observing sizes; call once in the document. */
  mount(): void {
    this.list.mount();
    this.rawList.mount();
    this.esList.mount();
  }

  /** A request started: the old stream's items go. */
  start(): void {
    this.reset();
    this.head.start();
  }

  /** Empties everything. */
  clear(): void {
    this.reset();
    this.head.reset();
  }

  /** Adds a batch of items. */
  add(batch: readonly TimelineItem[]): void {
    this.total += batch.length;
    const kept: TimelineItem[] = [];
    const dispatched: Dispatch[] = [];
    for (const item of batch) {
      this.analysis.add(item);
      for (const d of this.emulator.add(item)) dispatched.push(d);
      if (item.kind === 'raw') {
        this.raw.add(item.text, item.size);
        continue;
      }
      kept.push(item);
      if (item.kind === 'message' || item.kind === 'chunk') this.events++;
      if (item.kind === 'response') this.head.setResponse(item);
      if (item.kind === 'error') this.onError(item);
      const type = typeOf(item);
      this.chips.count(type);
    }
    if (dispatched.length > 0) this.dispatches.push(dispatched);
    const firstNew = this.items.dropped + this.items.length;
    const wasScanning = this.index.scanning;
    this.items.push(kept);
    this.index.appended(firstNew, kept, wasScanning);
    this.schedule();
  }

  /** The stream ended. */
  end(end: EndItem): void {
    this.head.finish(end);
    this.schedule();
  }

  /** Items received for the current request, kept or dropped, raw text included. */
  get received(): number {
    return this.total;
  }

  /** Changes the bound (setting changed). */
  setMaxItems(n: number): void {
    this.items.resize(n);
    this.dispatches.resize(n);
    this.schedule();
  }

  private reset(): void {
    this.items.clear();
    this.raw.clear();
    this.total = 0;
    this.analysis = this.newAnalysis();
    this.emulator = new EventSourceEmulator();
    this.dispatches.clear();
    this.esList.follow = true;
    this.problems.clear();
    this.index.reset();
    this.chips.clear();
    this.events = 0;
    this.fatal = undefined;
    this.warnings = 0;
    this.selected = undefined;
    this.detail.show(undefined);
    this.banner.hidden = true;
    this.list.follow = true;
    this.rawList.follow = true;
    this.showFollow(true);
    this.schedule();
  }

  private onError(item: ErrorItem): void {
    if (item.fatal) this.fatal = item;
    else this.warnings++;
    const shown = this.fatal ?? item;
    const body = shown.body ? h('pre', { class: 'banner-body' }, shown.body.length > 2000 ? `${shown.body.slice(0, 2000)}…` : shown.body) : null;
    const more = this.warnings > 0 && this.fatal ? h('span', { class: 'muted' }, ` (+${this.warnings} warnings)`) : this.warnings > 1 ? h('span', { class: 'muted' }, ` (${this.warnings} warnings)`) : null;
    this.banner.className = `banner ${this.fatal ? 'banner-error' : 'banner-warning'}`;
    replaceChildren(this.banner, h('div', { class: 'banner-line' }, icon(this.fatal ? 'error' : 'warning'), h('strong', null, ` ${shown.code}`), ` ${shown.message}`, more), body);
    this.banner.hidden = false;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private paint(): void {
    // Matches that point at dropped items go.
    this.index.prune();
    if (this.mode === 'items' || this.mode === 'raw' || this.mode === 'eventsource') this.activeList().update();
    if (this.mode === 'merged') this.merged.update(this.analysis.merged());
    this.head.count(this.events, this.raw.bytes);
    this.head.setStats(this.analysis.timing());
    this.paintBadges();
    this.chips.render(this.filterState.hiddenTypes);
    const shown = this.visibleCount();
    const parts = [this.index.active ? `${shown} of ${this.items.length} rows` : `${this.items.length} rows`];
    if (this.index.scanning) parts.unshift(`Filtering… ${this.index.progress}%`);
    if (this.items.dropped > 0) parts.push(`${this.items.dropped} oldest dropped (limit ${this.items.length})`);
    if (this.mode === 'raw') parts.splice(0, parts.length, `${this.raw.length} lines · ${formatBytes(this.raw.bytes)}`, ...(this.raw.dropped > 0 ? [`${this.raw.dropped} oldest lines dropped`] : []));
    this.status.textContent = parts.join(' · ');
    this.status.classList.toggle('dropping', this.items.dropped > 0);
  }

  private activeList(): VirtualList {
    return this.mode === 'raw' ? this.rawList : this.mode === 'eventsource' ? this.esList : this.list;
  }

  private visibleCount(): number {
    return this.index.count();
  }

  /** Absolute number of the item at visible row `i`. */
  private absoluteAt(i: number): number {
    return this.index.absoluteAt(i);
  }

  private itemAt(absolute: number): TimelineItem | undefined {
    return this.items.at(absolute - this.items.dropped);
  }

  private renderRow(row: HTMLElement, i: number): void {
    const n = this.absoluteAt(i);
    const item = this.itemAt(n);
    if (!item) return row.replaceChildren();
    const prev = this.itemAt(n - 1);
    const text = rowText(item);
    const gap = prev ? item.t - prev.t : 0;
    const stall = (item.kind === 'message' || item.kind === 'chunk') && gap >= DEFAULT_STALL_MS;
    row.className = `vrow item-row tone-${text.tone}${n === this.selected ? ' selected' : ''}${stall ? ' stall' : ''}`;
    row.title = stall ? `Stall: ${(gap / 1000).toFixed(1)} s without data before this row` : '';
    row.setAttribute('aria-selected', String(n === this.selected));
    row.replaceChildren(
      h('span', { class: 'cell-time' }, `${item.t.toFixed(1)}`),
      h('span', { class: 'cell-delta muted' }, prev ? `+${(item.t - prev.t).toFixed(1)}` : ''),
      h('span', { class: 'cell-kind' }, h('span', { class: `kind-badge tone-${text.tone}` }, text.kind)),
      h('span', { class: 'cell-type', title: text.type }, text.type),
      h('span', { class: 'cell-id', title: text.id }, text.id),
      h('span', { class: 'cell-size muted' }, text.size),
      h('span', { class: 'cell-data', title: '' }, text.preview),
    );
  }

  private renderDispatch(row: HTMLElement, i: number): void {
    const d = this.dispatches.at(i);
    if (d) renderDispatchRow(row, d);
    else row.replaceChildren();
  }

  private renderRawLine(row: HTMLElement, i: number): void {
    row.className = 'vrow raw-line';
    row.replaceChildren(h('span', { class: 'raw-number muted' }, String(this.raw.dropped + i + 1)), h('span', { class: 'raw-text' }, this.raw.at(i)));
  }

  private select(absolute: number | undefined): void {
    this.selected = absolute;
    this.detail.show(absolute === undefined ? undefined : this.itemAt(absolute));
    this.list.refresh();
  }

  private onListKey(e: KeyboardEvent): void {
    const count = this.visibleCount();
    if (count === 0) return;
    const current = this.selected === undefined ? -1 : this.visibleIndexOf(this.selected);
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
    this.select(this.absoluteAt(next));
    this.list.reveal(next);
  }

  private visibleIndexOf(absolute: number): number {
    return this.index.visibleIndexOf(absolute);
  }

  private applyFilter(): void {
    this.filterState = { ...this.filterState, search: this.search.value, jsonPath: this.jsonPath.value };
    this.filter = compileFilter(this.filterState);
    this.filterError.textContent = this.filter.ok ? '' : this.filter.error;
    this.search.classList.toggle('invalid', !this.filter.ok && this.filter.error.startsWith('Invalid regular'));
    this.jsonPath.classList.toggle('invalid', !this.filter.ok && this.filter.error.startsWith('Invalid JSONPath'));
    this.index.set(this.filter);
  }


  private setMode(mode: Mode): void {
    this.mode = mode;
    for (const b of this.viewToggle.querySelectorAll<HTMLElement>('.segment')) {
      const on = b.dataset.mode === mode;
      b.classList.toggle('pressed', on);
      b.setAttribute('aria-selected', String(on));
    }
    (this.list.element.parentElement as HTMLElement).hidden = mode !== 'items';
    this.rawList.element.hidden = mode !== 'raw';
    this.esList.element.hidden = mode !== 'eventsource';
    this.merged.element.hidden = mode !== 'merged';
    this.problems.element.hidden = mode !== 'problems';
    if (mode !== 'items') this.detail.show(undefined);
    this.element.dataset.mode = mode;
    this.showFollow(this.activeList().follow);
    this.schedule();
  }

  private newAnalysis(): StreamAnalysis {
    return new StreamAnalysis({
      onDiagnostic: (d) => {
        this.problems.add(d);
        this.actions.onDiagnostic(d);
      },
    });
  }

  /** The merged LLM response of the current stream, if it is one. */
  mergedResponse(): MergedResponse | undefined {
    return this.analysis.merged();
  }

  /** Counts on the Merged and Problems segments. */
  private paintBadges(): void {
    const merged = this.analysis.merged();
    const { errors, warnings, infos } = this.problems.counts();
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

  /** Selects the message with this sequence number in the timeline (from the merged text). */
  private selectSeq(seq: number): void {
    for (let n = this.items.dropped; n < this.items.dropped + this.items.length; n++) {
      const item = this.itemAt(n);
      if (item?.kind === 'message' && item.seq === seq) {
        if (this.index.active) {
          this.search.value = '';
          this.jsonPath.value = '';
          this.filterState = { ...this.filterState, hiddenTypes: new Set() };
          this.applyFilter();
        }
        this.setMode('items');
        this.list.follow = false;
        this.showFollow(false);
        this.select(n);
        this.list.reveal(n - this.items.dropped);
        return;
      }
    }
  }

  private showFollow(on: boolean): void {
    this.followButton.classList.toggle('pressed', on);
    this.followButton.setAttribute('aria-pressed', String(on));
  }
}
