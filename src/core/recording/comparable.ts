/**
 * A recording as text two of which can be compared line by line: the
 * request as written, each response head, and the body as received (an
 * event stream is already one field per line). On request, what differs
 * between any two runs is left out or replaced by a marker: timing, the
 * recording's date, headers such as `Date` and request ids, and values a
 * server generates per response (`chatcmpl-…`, `msg_…`, UUIDs, `created`
 * timestamps), so what remains shows what really changed.
 */
import type { Recording } from './format';

/** How a recording is turned into comparable text. */
export interface CompareOptions {
  /** Leave out timing and dates; mark headers and values that differ in every run. */
  ignoreVolatile: boolean;
}

/** What stands in for a value that differs in every run. */
export const VARIES = '‹varies›';

/** Response headers whose values differ in every run (dates, request ids, rate-limit counters, server timing). */
const VOLATILE_HEADER = /^(date|age|expires|last-modified|etag|set-cookie|server-timing|x-request-id|request-id|x-amzn-requestid|x-amz-cf-id|x-amzn-trace-id|cf-ray|x-cloud-trace-context|openai-processing-ms|x-envoy-upstream-service-time|x-runtime|x-ratelimit-.+|anthropic-ratelimit-.+|ratelimit-.+|retry-after)$/i;

/**
 * Values servers generate per response: ids with the prefixes LLM APIs use
 * (OpenAI `chatcmpl-`, `resp_`, `call_`, …; Anthropic `msg_`, `toolu_`, …),
 * UUIDs, ISO timestamps, and epoch-second `created` fields.
 */
const VOLATILE_VALUES: [RegExp, string][] = [
  // The id part has a digit: `file_search` or `item_id` are names, not ids.
  [/\b(chatcmpl|cmpl|resp|msg|toolu|srvtoolu|call|fc|rs|req|run|evt|file|asst|thread|step|item)([-_])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]+/g, `$1$2${VARIES}`],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, VARIES],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, VARIES],
  [/("(?:created|created_at|createTime|timestamp|system_fingerprint|responseId)"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g, `$1${VARIES}`],
];

/** `text` with the values that differ in every run replaced by a marker. */
export function maskVolatile(text: string): string {
  let out = text;
  for (const [pattern, replacement] of VOLATILE_VALUES) out = out.replace(pattern, replacement);
  return out;
}

function headerLines(headers: Record<string, string> | { name: string; value: string; enabled?: boolean }[] | undefined, options: CompareOptions): string[] {
  const pairs = Array.isArray(headers) ? headers.filter((h) => h.enabled !== false).map((h) => [h.name, h.value] as const) : Object.entries(headers ?? {});
  return pairs.map(([name, value]) => `${name.toLowerCase()}: ${options.ignoreVolatile && VOLATILE_HEADER.test(name) ? VARIES : value}`).sort();
}

function bodyText(chunks: readonly { data: Uint8Array }[]): string {
  const decoder = new TextDecoder();
  let text = '';
  for (const c of chunks) text += decoder.decode(c.data, { stream: true });
  return text + decoder.decode();
}

/** The recording as comparable text (see the module comment). */
export function comparableText(rec: Recording, options: CompareOptions): string {
  const mask = options.ignoreVolatile ? maskVolatile : (t: string): string => t;
  const { request } = rec;
  const lines = [`${request.method} ${mask(request.url)}`, ...headerLines(request.headers, options)];
  const body = request.body;
  if (body?.kind === 'raw' || body?.kind === 'json') lines.push('', mask(body.text));
  if (body?.kind === 'form') lines.push('', ...body.fields.filter((f) => f.enabled !== false).map((f) => `${f.name}=${f.value}`));
  if (!options.ignoreVolatile) lines.push('', `# recorded ${rec.createdAt}`);
  for (const [i, c] of rec.connections.entries()) {
    lines.push('', `HTTP ${c.status} ${c.statusText}${rec.connections.length > 1 ? `  (connection ${i + 1})` : ''}`, ...headerLines(c.headers, options));
    if (!options.ignoreVolatile) lines.push(`# first byte ${c.t.toFixed(1)} ms`);
    // A carriage return is part of the bytes but an editor would fold it into the line break: show it.
    lines.push('', mask(bodyText(c.chunks)).replace(/\r\n?/g, '␍\n').replace(/\n$/, ''));
  }
  const end = rec.end;
  if (end) lines.push('', `# end: ${end.reason}, ${end.events} events${options.ignoreVolatile ? '' : `, ${end.bytes} bytes in ${end.t.toFixed(0)} ms`}`);
  if (rec.truncated) lines.push('# the recording stops before the stream did (it outgrew the recording limit)');
  return lines.join('\n') + '\n';
}
