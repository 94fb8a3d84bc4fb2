/** Timeline items with every secret value masked, for the timeline, exports, logs and output. */
import type { TimelineItem } from '../items';
import { maskerFor, maskJsonValue, type Masker } from './mask';

function maskHeaders(headers: Record<string, string>, m: Masker): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, m(v)]));
}

/** An item with every secret value replaced by a mask. */
export function maskItem(item: TimelineItem, secrets: readonly unknown[]): TimelineItem {
  if (secrets.length === 0) return item;
  const m = maskerFor(secrets);
  switch (item.kind) {
    case 'request':
      return { ...item, url: m(item.url), headers: maskHeaders(item.headers, m) };
    case 'response':
      return { ...item, url: m(item.url), statusText: m(item.statusText), headers: maskHeaders(item.headers, m) };
    case 'message': {
      const { event, id, error, json } = item;
      // The parsed value is masked leaf by leaf: masking its text could break the JSON.
      return {
        ...item,
        data: m(item.data),
        ...(event !== undefined ? { event: m(event) } : {}),
        ...(id !== undefined ? { id: m(id) } : {}),
        ...(error !== undefined ? { error: m(error) } : {}),
        ...(json !== undefined ? { json: maskJsonValue(json, m) } : {}),
      };
    }
    case 'chunk':
    case 'comment':
      return { ...item, data: m(item.data) };
    case 'raw':
      return { ...item, text: m(item.text) };
    case 'reconnect':
      return { ...item, lastEventId: m(item.lastEventId) };
    case 'error':
      return { ...item, message: m(item.message), ...(item.body !== undefined ? { body: m(item.body) } : {}) };
    default:
      return item;
  }
}
