/**
 * The LLM merged view: the assembled answer rendered as markdown (or as
 * sources, where clicking a run selects the event it came from), reasoning
 * apart, tool calls with their parsed arguments, finish reason and usage.
 */
import type { MergedResponse } from '../../src/shared/wire';
import { h, icon, replaceChildren } from '../dom';
import { jsonTree } from '../timeline/json-tree';
import { renderMarkdown } from './markdown';

const PROVIDER_NAMES: Record<string, string> = {
  'openai-chat': 'OpenAI Chat Completions',
  'openai-responses': 'OpenAI Responses',
  anthropic: 'Anthropic Messages',
  gemini: 'Google Gemini',
  ollama: 'Ollama',
};

/** The merged view. */
export class MergedView {
  readonly element = h('section', { class: 'merged-view', 'aria-label': 'Merged response' });
  private mode: 'markdown' | 'sources' = 'markdown';
  private last: MergedResponse | undefined;
  private lastKey = '';

  constructor(private readonly selectSeq: (seq: number) => void) {
    this.render(undefined);
  }

  /** Shows the response so far (re-renders only when it changed). */
  update(merged: MergedResponse | undefined): void {
    const key = merged ? `${merged.text.length}:${merged.reasoning.length}:${merged.toolCalls.map((c) => c.argumentsText.length).join(',')}:${merged.finishReason}:${merged.complete}:${merged.errors.length}` : '';
    if (key === this.lastKey && (merged === undefined) === (this.last === undefined)) return;
    this.lastKey = key;
    this.last = merged;
    this.render(merged);
  }

  private render(m: MergedResponse | undefined): void {
    if (!m) {
      replaceChildren(this.element, h('div', { class: 'empty-note muted' }, icon('sparkle'), ' No LLM stream recognised yet. OpenAI (Chat and Responses), Anthropic, Gemini and Ollama streams are assembled here as they arrive.'));
      return;
    }
    const modeButton = (mode: 'markdown' | 'sources', label: string, iconName: string): HTMLElement => {
      const b = h('button', { class: `tool-button${this.mode === mode ? ' pressed' : ''}`, 'aria-pressed': String(this.mode === mode), title: mode === 'sources' ? 'Plain text; click a piece to select the event it came from' : 'Rendered markdown' }, icon(iconName), ` ${label}`);
      b.addEventListener('click', () => {
        this.mode = mode;
        this.render(this.last);
      });
      return b;
    };
    const usage = m.usage ? Object.entries(m.usage).filter(([, v]) => typeof v === 'number' || typeof v === 'string') : [];
    const head = h(
      'header',
      { class: 'merged-head' },
      h('span', { class: 'provider-badge' }, PROVIDER_NAMES[m.provider] ?? m.provider),
      h('span', { class: 'fact' }, m.complete ? icon('pass') : h('span', { class: 'pulse' }), m.complete ? ' complete' : ' streaming'),
      m.finishReason ? h('span', { class: 'fact' }, 'finish: ', h('strong', null, m.finishReason)) : null,
      ...usage.map(([k, v]) => h('span', { class: 'fact muted' }, `${k} ${String(v)}`)),
      h('span', { class: 'spacer' }),
      modeButton('markdown', 'Markdown', 'markdown'),
      modeButton('sources', 'Sources', 'references'),
    );
    const errors = m.errors.map((e) => h('div', { class: 'banner banner-error merged-error' }, icon('error'), ` ${e}`));
    const reasoning = m.reasoning
      ? h('details', { class: 'merged-reasoning', open: true }, h('summary', null, icon('lightbulb'), ` Reasoning (${m.reasoning.length} characters)`), this.body('reasoning', m))
      : null;
    const calls = m.toolCalls.map((c) =>
      h(
        'div',
        { class: `tool-call${c.error ? ' invalid' : ''}` },
        h('div', { class: 'tool-call-head' }, icon('tools'), h('strong', null, ` ${c.name ?? 'unnamed tool'}`), c.id ? h('span', { class: 'muted' }, ` ${c.id}`) : null),
        c.error ? h('div', { class: 'detail-error' }, icon('warning'), ` ${c.error}`) : null,
        c.error ? h('pre', { class: 'detail-text' }, c.argumentsText) : jsonTree(c.arguments),
      ),
    );
    replaceChildren(this.element, head, ...errors, reasoning, h('div', { class: 'merged-text' }, this.body('text', m)), ...calls);
  }

  private body(part: 'text' | 'reasoning', m: MergedResponse): Node {
    const text = part === 'text' ? m.text : m.reasoning;
    if (this.mode === 'markdown') return h('div', { class: 'markdown-body' }, renderMarkdown(text));
    const pre = h('div', { class: 'sources-text' });
    for (const s of m.sources) {
      if (s.part !== part) continue;
      const run = h('span', { class: 'source-run', 'data-seq': s.seq, title: `From event #${s.seq} — click to select it` }, text.slice(s.start, s.end));
      run.addEventListener('click', () => this.selectSeq(s.seq));
      pre.append(run);
    }
    return pre;
  }
}
