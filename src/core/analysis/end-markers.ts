/**
 * How a stream says it is complete, in its last event: by the event type
 * (`event: close`, Anthropic's `message_stop`), by a plain-text sentinel
 * (OpenAI's `data: [DONE]`), or inside the JSON it carries: a `type` naming
 * the end (OpenAI Responses' `response.completed`), a finish reason
 * (Gemini's `finishReason`, OpenAI's `finish_reason`), Ollama's
 * `"done": true`, or a JSON-RPC response (an MCP answer ends its stream).
 * A client that sees one can tell a finished stream from a cut one.
 */
import { isJsonObject } from '../../shared/json-object';

/** Event types and `type` values that tell a client the stream is over. */
const END_TYPES = /^(close|closed|done|end|complete|completed|finish|finished|message_stop|response\.completed|response\.failed|response\.incomplete|error)$/i;

/** Plain-text end markers sent as data, e.g. `[DONE]`: not JSON, and not meant to be. */
export const END_SENTINEL = /^\[[A-Za-z][\w -]*\]$/;

/** The finish reason of a JSON event, at the top or in its first candidate/choice. */
function finishReason(event: Record<string, unknown>): string | undefined {
  const direct = event.finishReason ?? event.finish_reason ?? event.stop_reason;
  if (typeof direct === 'string') return direct;
  for (const key of ['candidates', 'choices']) {
    const list = event[key];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (!isJsonObject(entry)) continue;
      const reason = entry.finishReason ?? entry.finish_reason;
      if (typeof reason === 'string') return reason;
    }
  }
  return undefined;
}

/** What in this event marks the end of the stream, said for a person; undefined when nothing does. */
export function endMarker(eventType: string | undefined, data: string): string | undefined {
  const text = data.trim();
  if (END_SENTINEL.test(text)) return `data "${text}"`;
  if (eventType !== undefined && END_TYPES.test(eventType)) return `the "${eventType}" event`;
  if (!text.startsWith('{')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(json)) return undefined;
  if (typeof json.type === 'string' && END_TYPES.test(json.type)) return `"type": "${json.type}"`;
  if (json.jsonrpc === '2.0' && 'id' in json && ('result' in json || 'error' in json)) return 'a JSON-RPC response';
  if (json.done === true) return '"done": true';
  const reason = finishReason(json);
  return reason === undefined ? undefined : `finish reason "${reason}"`;
}
