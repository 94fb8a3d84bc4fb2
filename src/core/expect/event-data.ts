/**
 * How checks see an event: its type and its data as JSON. One place, so
 * an `expect` block and a flow's awaited event read events alike.
 */
import type { TimelineItem } from '../items';

/** The type an event is counted under: the SSE event type, the record format, or `text` for a text chunk; undefined for lifecycle items. */
export function eventType(item: TimelineItem): string | undefined {
  if (item.kind === 'message') return item.event ?? item.format;
  return item.kind === 'chunk' ? 'text' : undefined;
}

/** The parsed data of a message, when it is JSON (undefined otherwise, as for `[DONE]`). */
export function eventJson(item: TimelineItem): unknown {
  if (item.kind !== 'message') return undefined;
  if (item.format !== 'sse') return item.json;
  try {
    return JSON.parse(item.data) as unknown;
  } catch {
    return undefined;
  }
}
