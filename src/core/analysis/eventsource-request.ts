/**
 * Whether a browser's `EventSource` could have sent a request. It can only
 * GET, with no body and no headers of the page's choosing: what it sends is
 * `Accept: text/event-stream`, `Last-Event-ID` on reconnects, and what the
 * browser adds to every request. Advice about EventSource's reconnection
 * rules only concerns requests it could have made; an LLM API called with
 * POST, a JSON body and an API key header is read with `fetch`.
 */
import type { RequestItem } from '../items';

/** Request headers EventSource sends itself, or that the browser adds to any request. */
const EVENTSOURCE_HEADERS = new Set([
  'accept',
  'last-event-id',
  'cache-control',
  'pragma',
  'cookie',
  'user-agent',
  'accept-language',
  'accept-encoding',
  'origin',
  'referer',
  'connection',
  'host',
]);

/** Why no EventSource could have sent this request, or undefined when one could. */
export function notFromEventSource(request: RequestItem): string | undefined {
  const reasons: string[] = [];
  if (request.method.toUpperCase() !== 'GET') reasons.push(`it is a ${request.method.toUpperCase()}`);
  if (request.bodyBytes > 0) reasons.push('it has a body');
  const custom = Object.keys(request.headers).filter((name) => !EVENTSOURCE_HEADERS.has(name.toLowerCase()));
  if (custom.length > 0) reasons.push(`it sends ${custom.length === 1 ? 'the header' : 'the headers'} ${custom.join(', ')}`);
  return reasons.length > 0 ? reasons.join(', ') : undefined;
}
