/**
 * The URL input with `{{variables}}` highlighted: a mirror behind a
 * transparent input draws the same text with the variables marked.
 */
import { variableRuns } from '../../src/shared/variable-syntax';
import { h } from '../dom';

/** The URL field. */
export class UrlField {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly mirror: HTMLElement;
  /** Variable names with a value; undefined when not known (nothing is marked missing). */
  private known: ReadonlySet<string> | undefined;

  constructor(onInput: (value: string) => void, onEnter: () => void) {
    this.input = h('input', { class: 'url-input', type: 'text', spellcheck: 'false', placeholder: 'Enter a URL, e.g. http://127.0.0.1:3001/sse  ·  {{variables}} allowed', 'aria-label': 'URL' });
    this.mirror = h('div', { class: 'url-mirror', 'aria-hidden': 'true' });
    this.element = h('div', { class: 'url-field' }, this.mirror, this.input);
    this.input.addEventListener('input', () => {
      this.paint();
      onInput(this.input.value);
    });
    this.input.addEventListener('scroll', () => (this.mirror.scrollLeft = this.input.scrollLeft));
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.isComposing) {
        e.preventDefault();
        onEnter();
      }
    });
  }

  /** The URL typed. */
  get value(): string {
    return this.input.value;
  }

  /** Sets the URL (keeps the caret when the text is unchanged). */
  set value(v: string) {
    if (this.input.value === v) return;
    this.input.value = v;
    this.paint();
  }

  /** Sets the names that have values; others are marked before sending. */
  setKnown(names: ReadonlySet<string>): void {
    this.known = names;
    this.paint();
  }

  private paint(): void {
    const missing = (text: string): boolean => {
      const name = text.slice(2, -2).trim();
      return this.known !== undefined && !name.startsWith('$') && !this.known.has(name);
    };
    this.mirror.replaceChildren(
      ...variableRuns(this.input.value).map((r) => {
        if (!r.variable) return document.createTextNode(r.text);
        const off = missing(r.text);
        return h('span', { class: `url-variable${off ? ' missing' : ''}`, title: off ? 'No value in the current environment' : '' }, r.text);
      }),
    );
    this.mirror.scrollLeft = this.input.scrollLeft;
  }
}
