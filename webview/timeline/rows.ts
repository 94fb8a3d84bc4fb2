/**
 * How one timeline item reads in a row: kind badge, type, id, size and a
 * one-line preview. Pure functions of the item, shared by the list and the
 * detail pane.
 */
import type { WireItem } from '../../src/shared/wire';
import { formatBytes, previewText } from '../../src/shared/format';

/** The cells of a row. */
export interface RowText {
  kind: string;
  /** CSS modifier for the badge and row. */
  tone: 'message' | 'chunk' | 'life' | 'comment' | 'error' | 'warn' | 'end';
  type: string;
  id: string;
  size: string;
  preview: string;
  /** For an LLM event, the text it carries (quoted, so whitespace shows). */
  piece?: string;
}

/** The row for an item. */
export function rowText(item: WireItem): RowText {
  switch (item.kind) {
    case 'message':
      return {
        kind: item.error !== undefined ? 'invalid' : item.format === 'sse' ? 'event' : 'record',
        tone: item.error !== undefined ? 'warn' : 'message',
        type: item.event ?? '',
        id: item.id ?? '',
        size: formatBytes(item.size),
        preview: previewText(item.data, 300),
        ...(item.piece !== undefined ? { piece: JSON.stringify(item.piece.length > 300 ? `${item.piece.slice(0, 300)}…` : item.piece) } : {}),
      };
    case 'chunk':
      return { kind: 'chunk', tone: 'chunk', type: '', id: '', size: formatBytes(item.size), preview: previewText(item.data, 300) };
    case 'request':
      return { kind: 'request', tone: 'life', type: item.attempt > 0 ? `attempt ${item.attempt}` : '', id: '', size: item.bodyBytes ? formatBytes(item.bodyBytes) : '', preview: `${item.method} ${item.url}` };
    case 'response':
      return { kind: 'response', tone: item.status >= 400 ? 'error' : 'life', type: String(item.status), id: '', size: '', preview: `${item.status} ${item.statusText} · ${item.headers['content-type'] ?? 'no Content-Type'} · ${item.format} (${item.formatSource})` };
    case 'comment':
      return { kind: 'comment', tone: 'comment', type: '', id: '', size: '', preview: `: ${previewText(item.data, 300)}` };
    case 'retry':
      return { kind: 'retry', tone: 'life', type: '', id: '', size: '', preview: `Reconnection delay set to ${item.ms} ms` };
    case 'reconnect':
      return { kind: 'reconnect', tone: 'warn', type: `attempt ${item.attempt}`, id: item.lastEventId, size: '', preview: `Reconnecting after ${item.delayMs} ms with Last-Event-ID ${JSON.stringify(item.lastEventId)}` };
    case 'error':
      return { kind: item.fatal ? 'error' : 'warning', tone: item.fatal ? 'error' : 'warn', type: item.code, id: '', size: item.body ? formatBytes(item.body.length) : '', preview: item.message };
    case 'end':
      return { kind: 'end', tone: 'end', type: item.reason, id: '', size: formatBytes(item.bytes), preview: `${endReasonText(item.reason)} · ${item.events} events · ${formatBytes(item.bytes)} in ${(item.ms / 1000).toFixed(2)} s` };
  }
}

/** A stream's end reason in words. */
export function endReasonText(reason: string): string {
  switch (reason) {
    case 'eof':
      return 'Stream ended by the server';
    case 'aborted':
      return 'Stopped';
    case 'timeout':
      return 'Timed out waiting for data';
    case 'max-reconnects':
      return 'Gave up reconnecting';
    default:
      return 'Ended with an error';
  }
}
