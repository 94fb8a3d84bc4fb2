/**
 * What a browser's `EventSource` would do with this stream: which events it
 * dispatches (and to which handler), when it fires `open` and `error`, and
 * whether it reconnects (after `retry` ms) or gives up for good — following
 * the WHATWG HTML rules, which Chromium and Firefox implement.
 */
import { DEFAULT_RETRY_MS } from '../../shared/stream-formats';
import { contentTypeEssence } from '../detect';
import type { TimelineItem } from '../items';

/** One thing the page's script would see. */
export type Dispatch =
  | { kind: 'open'; t: number }
  | { kind: 'event'; t: number; type: string; data: string; lastEventId: string; handler: 'onmessage' | 'addEventListener'; seq: number }
  | { kind: 'error'; t: number; readyState: 'CONNECTING' | 'CLOSED'; why: string; retryMs?: number };

/** Follows the stream and says what EventSource would dispatch. */
export class EventSourceEmulator {
  private retryMs = DEFAULT_RETRY_MS;
  private failed = false;

  /** The dispatches this item causes (often none). */
  add(item: TimelineItem): Dispatch[] {
    const out: Dispatch[] = [];
    this.addTo(item, (d) => out.push(d));
    return out;
  }

  /** Hands each dispatch this item causes to `emit`: no array per item, for a stream's every event. */
  addTo(item: TimelineItem, emit: (d: Dispatch) => void): void {
    switch (item.kind) {
      case 'retry':
        this.retryMs = item.ms;
        return;
      case 'response': {
        const essence = contentTypeEssence(item.headers['content-type']);
        if (item.status !== 200 || essence !== 'text/event-stream') {
          // "Fail the connection": readyState CLOSED, one error event, no reconnection.
          this.failed = true;
          const why = item.status !== 200 ? `HTTP ${item.status} is not 200` : `Content-Type ${essence || '(none)'} is not text/event-stream`;
          return emit({ kind: 'error', t: item.t, readyState: 'CLOSED', why: `${why}: EventSource fails and does not reconnect` });
        }
        this.failed = false;
        return emit({ kind: 'open', t: item.t });
      }
      case 'message':
        if (this.failed || item.format !== 'sse') return;
        return emit({ kind: 'event', t: item.t, type: item.event ?? 'message', data: item.data, lastEventId: item.id ?? '', handler: (item.event ?? 'message') === 'message' ? 'onmessage' : 'addEventListener', seq: item.seq });
      case 'error':
        if (this.failed || !item.fatal || item.code === 'http-status') return;
        return emit({ kind: 'error', t: item.t, readyState: 'CONNECTING', why: `${item.message}: the browser reconnects`, retryMs: this.retryMs });
      case 'reconnect':
        // The engine reconnects as EventSource does: the previous response's end was an error to the page.
        if (this.failed) return;
        return emit({ kind: 'error', t: item.t, readyState: 'CONNECTING', why: `The response ended: reconnecting with Last-Event-ID ${JSON.stringify(item.lastEventId)}`, retryMs: item.delayMs });
      case 'end':
        if (this.failed) return;
        if (item.reason === 'max-reconnects') {
          return emit({ kind: 'error', t: item.t, readyState: 'CONNECTING', why: 'Stream Viewer stopped at its reconnect limit; a browser would go on reconnecting', retryMs: this.retryMs });
        }
        if (item.reason === 'eof') {
          return emit({ kind: 'error', t: item.t, readyState: 'CONNECTING', why: 'The response ended: the browser reconnects unless the page calls close()', retryMs: this.retryMs });
        }
        return;
      default:
        return;
    }
  }
}
