/**
 * The filter bar: text search (plain or regular expression), a JSONPath
 * filter and the event-type chips. It owns what the user typed and says,
 * through `onChange`, which compiled filter applies; an invalid pattern is
 * named beside the chips and marks its field.
 */
import { h, icon } from '../dom';
import { compileFilter, type CompiledFilter, type FilterState } from './filter';
import { TypeChips } from './type-chips';

/** The search and JSONPath fields, the chips, and the filter they make. */
export class FilterBar {
  /** The two fields, for the toolbar. */
  readonly fields: HTMLElement[];
  /** The chips and the error, for the line under the toolbar. */
  readonly chipsLine: HTMLElement[];
  private state: FilterState = { hiddenTypes: new Set(), search: '', regex: false, jsonPath: '' };
  private compiled: CompiledFilter = compileFilter(this.state);
  private readonly chips = new TypeChips((hidden) => {
    this.state = { ...this.state, hiddenTypes: hidden };
    this.apply();
  });
  private readonly search = h('input', { class: 'text-input search-input', type: 'search', placeholder: 'Search data', spellcheck: 'false', 'aria-label': 'Search' });
  private readonly regexToggle = h('button', { class: 'icon-button toggle', title: 'Use regular expression', 'aria-pressed': 'false' }, icon('regex'));
  private readonly jsonPath = h('input', { class: 'text-input jsonpath-input', type: 'text', placeholder: 'JSONPath, e.g. $.choices[0].delta.content', spellcheck: 'false', 'aria-label': 'JSONPath filter' });
  private readonly error = h('span', { class: 'filter-error', role: 'status' });

  constructor(private readonly onChange: (filter: CompiledFilter) => void) {
    const onInput = (): void => this.apply();
    this.search.addEventListener('input', onInput);
    this.jsonPath.addEventListener('input', onInput);
    this.regexToggle.addEventListener('click', () => {
      this.state = { ...this.state, regex: !this.state.regex };
      this.regexToggle.setAttribute('aria-pressed', String(this.state.regex));
      this.regexToggle.classList.toggle('pressed', this.state.regex);
      this.apply();
    });
    this.fields = [h('div', { class: 'search-box' }, icon('search'), this.search, this.regexToggle), h('div', { class: 'search-box' }, icon('filter'), this.jsonPath)];
    this.chipsLine = [this.chips.element, this.error];
  }

  /** The filter that applies now. */
  get filter(): CompiledFilter {
    return this.compiled;
  }

  /** Counts `n` more rows of a type (`e:<event type>` or a lifecycle kind) for the chips. */
  count(type: string, n = 1): void {
    this.chips.count(type, n);
  }

  /** Forgets the counts (a new stream). */
  clearCounts(): void {
    this.chips.clear();
  }

  /** Repaints the chips with their counts. */
  render(): void {
    this.chips.render(this.state.hiddenTypes);
  }

  /** Drops every filter: search, JSONPath and hidden types. */
  reset(): void {
    this.search.value = '';
    this.jsonPath.value = '';
    this.state = { ...this.state, hiddenTypes: new Set() };
    this.apply();
  }

  private apply(): void {
    this.state = { ...this.state, search: this.search.value, jsonPath: this.jsonPath.value };
    this.compiled = compileFilter(this.state);
    const f = this.compiled;
    this.error.textContent = f.ok ? '' : f.error;
    this.search.classList.toggle('invalid', !f.ok && f.error.startsWith('Invalid regular'));
    this.jsonPath.classList.toggle('invalid', !f.ok && f.error.startsWith('Invalid JSONPath'));
    this.onChange(f);
  }
}
