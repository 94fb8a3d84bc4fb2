/**
 * The `--json` output contract (PRODUCT.md): one object per line, keyed by
 * `type`. Users' CI scripts parse these lines, so fields are only added,
 * never renamed.
 */
import { assertNever, type TimelineItem } from './items';

/** One `--json` line, before serialization. */
export type JsonLine = Record<string, unknown> & { type: string };

/** Maps a timeline item to its `--json` line, or `undefined` for items the contract leaves out. */
export function toJsonLine(item: TimelineItem): JsonLine | undefined {
  switch (item.kind) {
    case 'request':
    case 'raw':
      return undefined;
    case 'response':
      return { type: 'response', status: item.status, headers: item.headers, format: item.format, ttfbMs: item.ttfbMs };
    case 'message':
      if (item.format === 'sse') {
        return { type: 'message', event: item.event ?? 'message', data: item.data, id: item.id ?? '', t: item.t };
      }
      return item.error === undefined
        ? { type: 'message', data: item.data, json: item.json, t: item.t }
        : { type: 'message', data: item.data, error: item.error, t: item.t };
    case 'chunk':
      return { type: 'chunk', data: item.data, t: item.t };
    case 'comment':
      return { type: 'comment', data: item.data, t: item.t };
    case 'retry':
      return { type: 'retry', ms: item.ms, t: item.t };
    case 'reconnect':
      return { type: 'reconnect', attempt: item.attempt, lastEventId: item.lastEventId, delayMs: item.delayMs, t: item.t };
    case 'error': {
      const line: JsonLine = { type: 'error', message: item.message, code: item.code, fatal: item.fatal, t: item.t };
      if (item.status !== undefined) line.status = item.status;
      if (item.body !== undefined) line.body = item.body;
      return line;
    }
    case 'end':
      return { type: 'end', reason: item.reason, events: item.events, bytes: item.bytes, ms: item.ms };
    default:
      return assertNever(item);
  }
}

/** A finite number as JSON writes it (times always are finite; anything else is `null`, as in JSON). */
function number(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

let lastEvent = '';
let lastQuoted = '""';
/** An event type as a JSON string; the type repeats from event to event, so the last one is kept. */
function quotedEvent(event: string): string {
  if (event !== lastEvent) {
    lastEvent = event;
    lastQuoted = JSON.stringify(event);
  }
  return lastQuoted;
}

/**
 * A short string as JSON: quoted as it is when every character is printable
 * ASCII but `"` and `\\` (an event ID nearly always is: a number, a UUID),
 * else by `JSON.stringify`. The loop costs a third of the call it saves.
 */
function quotedId(id: string): string {
  if (id.length > 64) return JSON.stringify(id);
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) return JSON.stringify(id);
  }
  return `"${id}"`;
}

/**
 * The `--json` line of an item as text: exactly `JSON.stringify(toJsonLine(item))`,
 * built directly for SSE events and text chunks — nearly every line of a busy
 * stream — without an object per line.
 */
export function toJsonText(item: TimelineItem): string | undefined {
  if (item.kind === 'message' && item.format === 'sse') {
    return `{"type":"message","event":${quotedEvent(item.event ?? 'message')},"data":${JSON.stringify(item.data)},"id":${quotedId(item.id ?? '')},"t":${number(item.t)}}`;
  }
  if (item.kind === 'chunk') return `{"type":"chunk","data":${JSON.stringify(item.data)},"t":${number(item.t)}}`;
  const line = toJsonLine(item);
  return line && JSON.stringify(line);
}

/**
 * A timeline as JSON Lines (Export Timeline): the same lines
 * `stream-viewer --json` prints, so scripts read an export and a CLI run alike.
 */
export function timelineToJsonLines(items: Iterable<TimelineItem>): string {
  let out = '';
  for (const item of items) {
    const line = toJsonText(item);
    if (line) out += line + '\n';
  }
  return out;
}
