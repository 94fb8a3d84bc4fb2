/**
 * The Problems list: each protocol diagnostic with what it means and what
 * to fix. A problem an event showed names it; clicking selects that event.
 */
import type { Diagnostic } from '../../src/shared/wire';
import { h, icon, replaceChildren } from '../dom';

const ICONS = { error: 'error', warning: 'warning', info: 'info' } as const;

/** The list. */
export class ProblemsView {
  readonly element = h('section', { class: 'problems-view', 'aria-label': 'Problems' });
  private shown: readonly Diagnostic[] | undefined;

  constructor(private readonly selectSeq: (seq: number) => void) {
    this.set([]);
  }

  /** Shows these problems (sorted by the caller); does nothing when they are the ones shown. */
  set(problems: readonly Diagnostic[]): void {
    if (problems === this.shown) return;
    this.shown = problems;
    if (problems.length === 0) {
      replaceChildren(this.element, h('div', { class: 'empty-note muted' }, icon('pass'), ' No problems found in this stream.'));
      return;
    }
    replaceChildren(this.element, ...problems.map((d) => this.row(d)));
  }

  private row(d: Diagnostic): HTMLElement {
    const seq = d.seq;
    const event = seq !== undefined ? h('button', { class: 'link-button problem-event', title: 'Select this event in the timeline' }, icon('go-to-file'), ` event #${seq}`) : null;
    event?.addEventListener('click', () => this.selectSeq(seq!));
    return h(
      'div',
      { class: `problem problem-${d.severity}`, 'data-code': d.code },
      h('div', { class: 'problem-line' }, h('span', { class: `problem-icon sev-${d.severity}` }, icon(ICONS[d.severity])), h('span', { class: 'problem-message' }, d.message), h('code', { class: 'problem-code muted' }, d.code), h('span', { class: 'muted' }, ` +${d.t.toFixed(0)} ms`), event),
      h('div', { class: 'problem-fix' }, icon('lightbulb'), ` ${d.fix}`),
    );
  }
}
