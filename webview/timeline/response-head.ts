/**
 * The response block above the timeline: status, time to first byte,
 * detected format, live counters, and the response headers on demand.
 */
import type { EndItem, ResponseItem } from '../../src/shared/wire';
import { formatBytes } from '../../src/shared/format';
import { h, icon, replaceChildren } from '../dom';
import type { StreamStats } from '../../src/shared/wire';
import { sparkline } from '../insights/sparkline';
import { endReasonText } from './rows';

const FORMAT_NAMES: Record<string, string> = { sse: 'Server-Sent Events', ndjson: 'NDJSON', 'json-seq': 'JSON text sequence', text: 'Plain text' };

/** The response block. */
export class ResponseHead {
  readonly element = h('section', { class: 'response-head', 'aria-label': 'Response' });
  private response: ResponseItem | undefined;
  private end: EndItem | undefined;
  private events = 0;
  private bytes = 0;
  private startedAt = 0;
  private state: 'idle' | 'connecting' | 'streaming' | 'ended' = 'idle';
  private headersOpen = false;
  private readonly statsLine = h('div', { class: 'stats-line', hidden: true });

  /** What the stream is when it is not a live request (a replay), shown as a badge. */
  private label: string | undefined;

  /** A new request started (`label` names a replay). */
  start(label?: string): void {
    this.label = label;
    this.response = undefined;
    this.end = undefined;
    this.events = 0;
    this.bytes = 0;
    this.startedAt = performance.now();
    this.state = 'connecting';
    this.statsLine.hidden = true;
    this.render();
  }

  /** Timing analytics under the response line, updated once per frame. */
  setStats(s: StreamStats): void {
    if (s.events === 0) {
      this.statsLine.hidden = true;
      return;
    }
    const ms = (n: number | null): string => (n === null ? '–' : `${n.toFixed(1)} ms`);
    const facts = [
      h('span', { class: 'fact', title: 'Time from the request to the first event' }, icon('debug-start'), ` first event ${ms(s.firstEventMs)}`),
      h('span', { class: 'fact', title: 'Events per second between the first and the last event' }, `${s.eventsPerSec} events/s`),
      s.tokensPerSec !== undefined ? h('span', { class: 'fact', title: `${s.tokens} output tokens` }, `${s.tokensPerSec} tokens/s`) : null,
      h('span', { class: 'fact muted', title: 'Gaps between events: median, 95th percentile, longest' }, `gaps p50 ${ms(s.gapMs.p50)} · p95 ${ms(s.gapMs.p95)} · max ${ms(s.gapMs.max)}`),
      s.stalls.count > 0 ? h('span', { class: 'fact stall-fact', title: `Gaps of ${s.stalls.thresholdMs} ms or more` }, icon('warning'), ` ${s.stalls.count} ${s.stalls.count === 1 ? 'stall' : 'stalls'} (longest ${(s.stalls.longestMs / 1000).toFixed(1)} s)`) : null,
      s.perSecond.length > 1 ? sparkline(s.perSecond, 140, 20, `Events per second: ${s.perSecond.join(', ')}`) : null,
    ];
    replaceChildren(this.statsLine, ...facts);
    this.statsLine.hidden = false;
  }

  /** Clears the block. */
  reset(): void {
    this.state = 'idle';
    this.response = undefined;
    this.end = undefined;
    this.render();
  }

  setResponse(r: ResponseItem): void {
    this.response = r;
    if (this.state === 'connecting') this.state = 'streaming';
    this.render();
  }

  /** Live counters, updated once per frame. */
  count(events: number, bytes: number): void {
    this.events = events;
    this.bytes = bytes;
    const live = this.element.querySelector('.live-counters');
    if (live) live.textContent = this.countersText();
  }

  finish(end: EndItem): void {
    this.end = end;
    this.state = 'ended';
    this.events = end.events;
    this.bytes = end.bytes;
    this.render();
  }

  private countersText(): string {
    const ms = this.end ? this.end.ms : performance.now() - this.startedAt;
    return `${this.events} ${this.events === 1 ? 'event' : 'events'} · ${formatBytes(this.bytes)} · ${(ms / 1000).toFixed(1)} s`;
  }

  private render(): void {
    const r = this.response;
    if (this.state === 'idle') {
      this.statsLine.hidden = true;
    this.element.replaceChildren(h('div', { class: 'response-empty muted' }, icon('radio-tower'), ' Send a request to see its stream here.'));
      return;
    }
    const status = r
      ? h('span', { class: `status-badge status-${Math.floor(r.status / 100)}xx`, title: r.statusText }, `${r.status} ${r.statusText}`)
      : h('span', { class: 'status-badge status-pending' }, this.state === 'ended' ? 'No response' : 'Connecting…');
    const facts: (HTMLElement | false)[] = r
      ? [
          h('span', { class: 'fact', title: 'Time to first byte' }, icon('watch'), ` TTFB ${r.ttfbMs.toFixed(1)} ms`),
          h('span', { class: 'fact', title: `Detected from the ${r.formatSource === 'sniffed' ? 'first bytes' : r.formatSource}` }, icon('symbol-event'), ` ${FORMAT_NAMES[r.format] ?? r.format}`, h('span', { class: 'muted' }, ` (${r.formatSource})`)),
          h('span', { class: 'fact muted', title: 'Content-Type' }, r.headers['content-type'] ?? 'no Content-Type'),
        ]
      : [];
    const state = this.end
      ? h('span', { class: `fact end-${this.end.reason}` }, icon(this.end.reason === 'eof' ? 'pass' : this.end.reason === 'aborted' ? 'debug-stop' : 'error'), ` ${endReasonText(this.end.reason)}`)
      : h('span', { class: 'fact streaming' }, h('span', { class: 'pulse' }), this.state === 'connecting' ? ' Waiting for response' : ' Streaming');
    const toggle = h('button', { class: 'link-button', 'aria-expanded': String(this.headersOpen) }, icon(this.headersOpen ? 'chevron-down' : 'chevron-right'), ` Headers (${r ? Object.keys(r.headers).length : 0})`);
    toggle.disabled = !r;
    toggle.addEventListener('click', () => {
      this.headersOpen = !this.headersOpen;
      this.render();
    });
    const headers =
      r && this.headersOpen
        ? h('dl', { class: 'header-list' }, ...Object.entries(r.headers).flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]))
        : null;
    const badge = this.label ? h('span', { class: 'replay-badge', title: this.label }, icon('history'), ' Replay') : null;
    replaceChildren(this.element, h('div', { class: 'response-line' }, badge, status, ...facts, state, h('span', { class: 'fact live-counters' }, this.countersText()), h('span', { class: 'spacer' }), toggle), this.statsLine, headers);
  }
}
