/**
 * What the head of a reply must be, by what the POST carried: a request is
 * answered with one JSON body or an event stream; notifications and
 * responses with 202 Accepted and nothing else.
 */
import { mcpFindings, type McpFinding } from './diagnostics';
import type { ExchangeOutcome } from './exchange';

const REPLY_TYPES = ['application/json', 'text/event-stream'];

/** A reply to a POST that carried a request: JSON or an event stream when it succeeded. */
export function checkReplyHead(o: ExchangeOutcome, report: (f: McpFinding) => void, request = true): void {
  if (!request || o.status === undefined || o.status >= 300) return;
  if (!REPLY_TYPES.includes(o.essence)) report(mcpFindings.replyContentType(o.status, o.headers['content-type']));
}

/** A reply to a POST of notifications or responses: 202 with no body, unless refused with an error status. */
export function checkAccepted(o: ExchangeOutcome, what: 'notification' | 'response', report: (f: McpFinding) => void): void {
  if (o.status === undefined || o.status >= 400) return;
  if (o.status !== 202 || o.bodyBytes > 0) report(mcpFindings.notificationNotAccepted(what, o.status, o.bodyBytes));
}
