/**
 * The event-type chips: one per type with its count; a click hides or shows
 * the type, Alt+click shows only that type.
 */
import { h } from '../dom';

/** The chips bar. */
export class TypeChips {
  readonly element = h('div', { class: 'chips', role: 'group', 'aria-label': 'Event types' });
  private readonly counts = new Map<string, number>();
  private hidden: ReadonlySet<string> = new Set();

  /** `onChange` gets the set of hidden type keys. */
  constructor(private readonly onChange: (hidden: ReadonlySet<string>) => void) {
    this.render();
  }

  /** Counts `n` more rows of `type`. */
  count(type: string, n = 1): void {
    this.counts.set(type, (this.counts.get(type) ?? 0) + n);
  }

  clear(): void {
    this.counts.clear();
  }

  /** Repaints with the current counts and hidden set. */
  render(hidden: ReadonlySet<string> = this.hidden): void {
    this.hidden = hidden;
    // Event types first (most frequent first), lifecycle rows after them.
    const types = [...this.counts.entries()].sort((a, b) => (a[0][0] === b[0][0] ? b[1] - a[1] : a[0] < b[0] ? -1 : 1));
    if (types.length === 0) {
      this.element.replaceChildren(h('span', { class: 'muted' }, 'Event types appear here as they arrive.'));
      return;
    }
    const existing = new Map([...this.element.querySelectorAll<HTMLButtonElement>('button.chip')].map((b) => [b.dataset.type!, b]));
    const chips = types.map(([type, count]) => {
      const off = hidden.has(type);
      let chip = existing.get(type);
      const label = type.slice(2);
      if (!chip) {
        chip = h('button', { class: `chip ${type.startsWith('k:') ? 'chip-lifecycle' : 'chip-event'}`, 'data-type': type }, h('span', { class: 'chip-label' }), h('span', { class: 'chip-count' }));
        chip.addEventListener('click', (e) => this.toggle(type, e.altKey));
      }
      // Only what changed is written: during a burst this runs every frame.
      if (chip.classList.contains('off') !== off) {
        chip.classList.toggle('off', off);
        chip.setAttribute('aria-pressed', String(!off));
      }
      const title = off ? `Show ${label}` : `Hide ${label} (Alt+click: show only ${label})`;
      if (chip.title !== title) chip.title = title;
      const labelEl = chip.querySelector('.chip-label')!;
      if (labelEl.textContent !== label) labelEl.textContent = label;
      const countEl = chip.querySelector('.chip-count')!;
      const text = String(count);
      if (countEl.textContent !== text) countEl.textContent = text;
      return chip;
    });
    const children = this.element.children;
    const same = children.length === chips.length && chips.every((c, i) => children[i] === c);
    if (!same) this.element.replaceChildren(...chips);
  }

  private toggle(type: string, only: boolean): void {
    const hidden = new Set(this.hidden);
    if (only) {
      hidden.clear();
      for (const t of this.counts.keys()) if (t !== type) hidden.add(t);
    } else if (hidden.has(type)) hidden.delete(type);
    else hidden.add(type);
    this.hidden = hidden;
    this.onChange(hidden);
  }
}
