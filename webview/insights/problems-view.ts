/** The Problems list: each protocol diagnostic with what it means and what to fix. */
import type { Diagnostic } from '../../src/core/analysis/diagnostics';
import { h, icon, replaceChildren } from '../dom';

const ICONS = { error: 'error', warning: 'warning', info: 'info' } as const;

/** The list. */
export class ProblemsView {
  readonly element = h('section', { class: 'problems-view', 'aria-label': 'Problems' });
  private items: Diagnostic[] = [];

  constructor() {
    this.render();
  }

  add(d: Diagnostic): void {
    this.items.push(d);
    // Errors first, then warnings, then information.
    const rank = { error: 0, warning: 1, info: 2 };
    this.items.sort((a, b) => rank[a.severity] - rank[b.severity]);
    this.render();
  }

  clear(): void {
    this.items = [];
    this.render();
  }

  /** Counts by severity, for the tab badge. */
  counts(): { errors: number; warnings: number; infos: number } {
    return {
      errors: this.items.filter((d) => d.severity === 'error').length,
      warnings: this.items.filter((d) => d.severity === 'warning').length,
      infos: this.items.filter((d) => d.severity === 'info').length,
    };
  }

  private render(): void {
    if (this.items.length === 0) {
      replaceChildren(this.element, h('div', { class: 'empty-note muted' }, icon('pass'), ' No problems found in this stream.'));
      return;
    }
    replaceChildren(
      this.element,
      ...this.items.map((d) =>
        h(
          'div',
          { class: `problem problem-${d.severity}`, 'data-code': d.code },
          h('div', { class: 'problem-line' }, h('span', { class: `problem-icon sev-${d.severity}` }, icon(ICONS[d.severity])), h('span', { class: 'problem-message' }, d.message), h('code', { class: 'problem-code muted' }, d.code), h('span', { class: 'muted' }, ` +${d.t.toFixed(0)} ms`)),
          h('div', { class: 'problem-fix' }, icon('lightbulb'), ` ${d.fix}`),
        ),
      ),
    );
  }
}
