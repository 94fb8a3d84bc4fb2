/**
 * What the LLM merged view assembles from a streamed response, whatever the
 * provider: text, reasoning, tool calls with their parsed arguments, finish
 * reason and usage, plus which events each piece of text came from.
 */

/** The stream dialects the merger understands. */
export type LlmProvider = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini' | 'ollama';

/** Every provider, for pickers and validation. */
export const LLM_PROVIDERS: readonly LlmProvider[] = ['openai-chat', 'openai-responses', 'anthropic', 'gemini', 'ollama'];

/** One tool call, its argument fragments joined. */
export interface MergedToolCall {
  id: string | null;
  name: string | null;
  /** The arguments parsed as JSON, or null when they do not parse (see `error`). */
  arguments: unknown;
  argumentsText: string;
  error?: string;
}

/** A run of the assembled text and the message (by `seq`) it came from. */
export interface TextSource {
  part: 'text' | 'reasoning';
  start: number;
  end: number;
  seq: number;
}

/** The assembled response. */
export interface MergedResponse {
  provider: LlmProvider;
  text: string;
  reasoning: string;
  toolCalls: MergedToolCall[];
  finishReason: string | null;
  usage: Record<string, unknown> | null;
  /** Errors the stream itself reported (provider error events). */
  errors: string[];
  /** Which message produced which characters, for selecting events from the text. */
  sources: TextSource[];
  /** The provider's end marker was seen ([DONE], message_stop, done: true, ...). */
  complete: boolean;
}
