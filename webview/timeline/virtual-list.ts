/**
 * A virtualized list of fixed-height rows on `@tanstack/virtual-core`: only
 * the rows in view (plus overscan) exist in the DOM, so 200 000 rows cost
 * the same to show as 50. Rows are recycled between renders.
 */
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer } from '@tanstack/virtual-core';
import { h } from '../dom';

/** What the list asks of its owner. */
export interface VirtualListSource {
  count(): number;
  /** Fills `row` for index `i` (the element is reused between indices). */
  render(row: HTMLElement, i: number): void;
}

/** The list. */
export class VirtualList {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly virtualizer: Virtualizer<HTMLElement, HTMLElement>;
  private rows = new Map<number, HTMLElement>();
  private following = true;
  private programmaticScroll = false;
  private lastScrollTarget = -1;
  private cleanup: () => void = () => undefined;

  constructor(
    private readonly source: VirtualListSource,
    private readonly rowHeight: number,
    private readonly onFollowChange: (following: boolean) => void,
    className: string,
  ) {
    this.spacer = h('div', { class: 'vlist-spacer' });
    this.element = h('div', { class: `vlist ${className}`, tabindex: 0 }, this.spacer);
    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      getScrollElement: () => this.element,
      estimateSize: () => rowHeight,
      overscan: 12,
      observeElementRect,
      observeElementOffset,
      scrollToFn: elementScroll,
      onChange: () => this.paint(),
    });
    this.element.addEventListener('scroll', () => {
      if (this.programmaticScroll) {
        this.programmaticScroll = false;
        return;
      }
      // Scrolling up pauses following the tail; scrolling back to the end resumes it.
      const atEnd = this.element.scrollTop + this.element.clientHeight >= this.element.scrollHeight - this.rowHeight;
      if (atEnd !== this.following) {
        this.following = atEnd;
        this.onFollowChange(atEnd);
      }
    });
  }

  /** Starts observing size and scroll; call once the element is in the document. */
  mount(): void {
    this.cleanup = this.virtualizer._didMount();
    this.virtualizer._willUpdate();
  }

  /** Whether new rows scroll into view. */
  get follow(): boolean {
    return this.following;
  }

  set follow(on: boolean) {
    this.following = on;
    if (on) {
      // The view may have been scrolled away since the last scroll to the end.
      this.lastScrollTarget = -1;
      this.scrollToEnd();
    }
  }

  /** Re-reads the count and repaints; follows the tail when on. */
  update(): void {
    const count = this.source.count();
    this.virtualizer.setOptions({ ...this.virtualizer.options, count });
    this.spacer.style.height = `${this.virtualizer.getTotalSize()}px`;
    if (this.following && count > 0) this.scrollToEnd();
    // Indices move when old rows are dropped or the filter changes: every row in view is drawn again, once.
    this.paint(true);
  }

  /** Repaints every visible row (e.g. after the selection changed). */
  refresh(): void {
    for (const [i, row] of this.rows) this.source.render(row, i);
  }

  /** Scrolls row `i` into view. */
  reveal(i: number): void {
    this.virtualizer.scrollToIndex(i, { align: 'auto' });
  }

  /** Indexes of the rows in the DOM now (in view, plus overscan), lowest first. */
  renderedRange(): { from: number; to: number } {
    const items = this.virtualizer.getVirtualItems();
    return items.length === 0 ? { from: 0, to: 0 } : { from: items[0]!.index, to: items[items.length - 1]!.index + 1 };
  }

  /** The rows in the DOM now, by index. */
  renderedRows(): ReadonlyMap<number, HTMLElement> {
    return this.rows;
  }

  /** Index of the row an element belongs to. */
  indexOf(el: EventTarget | null): number | undefined {
    const row = el instanceof Element ? el.closest<HTMLElement>('[data-index]') : null;
    return row ? Number(row.dataset.index) : undefined;
  }

  dispose(): void {
    this.cleanup();
  }

  private scrollToEnd(): void {
    // From the virtualizer's own numbers (total size, observed viewport): reading the element's
    // scrollHeight right after the spacer grew would force a layout in every frame of a burst.
    const viewport = this.virtualizer.scrollRect?.height ?? this.element.clientHeight;
    const target = Math.max(0, this.virtualizer.getTotalSize() - viewport);
    if (Math.abs(this.lastScrollTarget - target) > 1) {
      this.programmaticScroll = true;
      this.lastScrollTarget = target;
      this.element.scrollTop = target;
    }
  }

  private paint(all = false): void {
    const items = this.virtualizer.getVirtualItems();
    const keep = new Map<number, HTMLElement>();
    const free: HTMLElement[] = [];
    for (const [i, row] of this.rows) (items.some((v) => v.index === i) ? keep : { set: () => free.push(row) }).set(i, row);
    for (const v of items) {
      let row = keep.get(v.index);
      if (!row) {
        row = free.pop() ?? this.spacer.appendChild(h('div', { class: 'vrow', role: 'row' }));
        row.dataset.index = String(v.index);
        this.source.render(row, v.index);
        keep.set(v.index, row);
      } else if (all) this.source.render(row, v.index);
      row.style.transform = `translateY(${v.start}px)`;
    }
    for (const row of free) row.remove();
    this.rows = keep;
  }
}
