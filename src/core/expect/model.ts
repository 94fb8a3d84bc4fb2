/**
 * The `expect` block a saved request may carry: what its stream must show to
 * pass as a test. The first keys (status, maxTtfbMs, events, eventTypes,
 * jsonPath) are a stable contract; schemas/streams.schema.json describes all.
 */

/** A JSONPath check on the data of the stream's JSON events. */
export interface JsonPathCheck {
  /** RFC 9535 JSONPath, e.g. `$.choices[0].delta.content`. */
  path: string;
  /** Which events: every JSON event, at least one, or the last one (default `each`). */
  on?: 'each' | 'any' | 'last';
  /** Only events of this type count (SSE `event`; `ndjson` / `json-seq` for records). */
  event?: string;
  /** A selected value equals this JSON value. */
  equals?: unknown;
  /** A selected value (its text, or its JSON for non-strings) matches this regular expression. */
  matches?: string;
  /** The path selects something (true, the default) or nothing (false). */
  exists?: boolean;
}

/** A tool call the merged LLM response must contain. */
export interface ToolCallCheck {
  name: string;
  /** The parsed arguments contain these keys with these values (deep, extra keys allowed). */
  arguments?: Record<string, unknown>;
}

/** Checks on the merged LLM response (OpenAI, Anthropic, Gemini, Ollama streams). */
export interface LlmExpect {
  /** The assembled text matches this regular expression. */
  text?: string;
  toolCalls?: ToolCallCheck[];
  finishReason?: string;
  minTokensPerSec?: number;
}

/** What a stream must show. */
export interface Expect {
  status?: number;
  /** Time to the response head, ms. */
  maxTtfbMs?: number;
  /** Time to the first event (or text chunk), ms. */
  maxFirstEventMs?: number;
  /** Most time between two events, ms. */
  maxGapMs?: number;
  /** How many events (SSE events, JSON records, text chunks) arrive. */
  events?: { min?: number; max?: number };
  /** Event types that must all appear. */
  eventTypes?: string[];
  /** Event types that must not appear. */
  forbidEventTypes?: string[];
  /** Event types that must appear in this order (others may come between). */
  sequence?: string[];
  jsonPath?: JsonPathCheck[];
  llm?: LlmExpect;
  /** `true`: no protocol diagnostic at all; a list: none of these codes. */
  noDiagnostics?: true | string[];
  /** Stop the stream after this long and check what came (for streams that never end), ms. */
  stopAfterMs?: number;
}

/** The event a check points at. */
export interface EventRef {
  /** 1-based number of the event in the stream. */
  seq: number;
  /** Its type (SSE `event`, `ndjson`, `json-seq`, `text`), when known. */
  type?: string;
  /** ms since the request. */
  t: number;
}

/** One checked expectation. */
export interface CheckResult {
  /** The key of the expect block it comes from, e.g. `events`, `jsonPath[0]`. */
  name: string;
  ok: boolean;
  /** One line: what was expected and what came. */
  message: string;
  /** The event that broke (or satisfied) it, when one did. */
  event?: EventRef;
}

/** A value shown in a message: JSON, cut to a readable length. */
export function shown(value: unknown, max = 80): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Where in the stream: ` at event #3 "delta" (120 ms)`. */
export function atEvent(e: EventRef | undefined): string {
  if (e === undefined) return '';
  return ` at event #${e.seq}${e.type === undefined ? '' : ` "${e.type}"`} (${Math.round(e.t)} ms)`;
}
