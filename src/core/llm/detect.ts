/**
 * Recognises which LLM API a stream speaks from one message: its SSE event
 * type and the shape of its JSON. OpenAI-compatible servers (vLLM, Ollama's
 * /v1, DeepSeek, OpenRouter, ...) are recognised by the same shapes.
 */
import { isJsonObject as isObject } from '../../shared/json-object';
import type { LlmProvider } from './types';

const ANTHROPIC_TYPES = new Set(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'ping']);

/** The provider a message's JSON (and SSE event type) belongs to, if any. */
export function detectProvider(json: unknown, event?: string): LlmProvider | undefined {
  if (!isObject(json)) return undefined;
  const type = typeof json.type === 'string' ? json.type : event;
  if (type && ANTHROPIC_TYPES.has(type)) return 'anthropic';
  if (type?.startsWith('response.')) return 'openai-responses';
  if (json.object === 'chat.completion.chunk' || (Array.isArray(json.choices) && json.choices.some((c) => isObject(c) && isObject(c.delta)))) return 'openai-chat';
  if (Array.isArray(json.candidates) || isObject(json.usageMetadata)) return 'gemini';
  if (typeof json.done === 'boolean' && (isObject(json.message) || typeof json.response === 'string')) return 'ollama';
  return undefined;
}
