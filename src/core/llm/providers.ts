/**
 * One handler per provider: how a message's JSON adds to the response.
 * Written from each API's documented streaming format.
 */
import { isJsonObject } from '../../shared/json-object';
import type { ResponseBuilder } from './builder';
import type { LlmProvider } from './types';

type Json = Record<string, unknown>;

function obj(x: unknown): Json | undefined {
  return isJsonObject(x) ? x : undefined;
}
function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}
function arr(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}
function errorText(e: unknown): string {
  const o = obj(e);
  if (!o) return String(e);
  return [str(o.type), str(o.code), str(o.message)].filter(Boolean).join(': ') || JSON.stringify(o);
}

/** Adds one message of a stream to the response. */
export type ProviderHandler = (json: Json, event: string | undefined, seq: number, b: ResponseBuilder) => void;

/** OpenAI Chat Completions (and compatible servers): `choices[].delta`, tool call fragments by index, `usage`. */
const openAiChat: ProviderHandler = (json, _event, seq, b) => {
  if (json.error !== undefined) b.errors.push(errorText(json.error));
  for (const choice of arr(json.choices)) {
    const c = obj(choice);
    if (!c || (typeof c.index === 'number' && c.index !== 0)) continue;
    const delta = obj(c.delta) ?? {};
    b.append('text', str(delta.content) ?? '', seq);
    // DeepSeek, OpenRouter, vLLM and others stream reasoning beside the content.
    b.append('reasoning', str(delta.reasoning_content) ?? str(delta.reasoning) ?? '', seq);
    for (const tc of arr(delta.tool_calls)) {
      const t = obj(tc);
      if (!t) continue;
      const call = b.call(String(typeof t.index === 'number' ? t.index : (str(t.id) ?? 0)));
      call.id = str(t.id) ?? call.id;
      const fn = obj(t.function);
      call.name = str(fn?.name) ?? call.name;
      call.text += str(fn?.arguments) ?? '';
    }
    if (str(c.finish_reason)) b.finishReason = str(c.finish_reason)!;
  }
  if (json.usage !== undefined && json.usage !== null) b.addUsage(json.usage);
};

/** OpenAI Responses API: typed `response.*` events. */
const openAiResponses: ProviderHandler = (json, event, seq, b) => {
  const type = str(json.type) ?? event ?? '';
  switch (type) {
    case 'response.output_text.delta':
      b.append('text', str(json.delta) ?? '', seq);
      return;
    case 'response.reasoning_summary_text.delta':
    case 'response.reasoning_text.delta':
      b.append('reasoning', str(json.delta) ?? '', seq);
      return;
    case 'response.output_item.added': {
      const item = obj(json.item);
      if (item?.type === 'function_call') {
        const call = b.call(str(item.id) ?? String(json.output_index));
        call.id = str(item.call_id) ?? str(item.id) ?? null;
        call.name = str(item.name) ?? null;
        call.text = str(item.arguments) ?? '';
      }
      return;
    }
    case 'response.function_call_arguments.delta':
      b.call(str(json.item_id) ?? String(json.output_index)).text += str(json.delta) ?? '';
      return;
    case 'response.function_call_arguments.done': {
      const call = b.call(str(json.item_id) ?? String(json.output_index));
      if (str(json.arguments) !== undefined) call.text = str(json.arguments)!;
      return;
    }
    case 'response.completed':
    case 'response.incomplete':
    case 'response.failed': {
      const response = obj(json.response);
      b.complete = true;
      b.addUsage(response?.usage);
      const incomplete = str(obj(response?.incomplete_details)?.reason);
      b.finishReason = incomplete ?? str(response?.status) ?? type.slice('response.'.length);
      if (response?.error) b.errors.push(errorText(response.error));
      return;
    }
    case 'error':
      b.errors.push(errorText(json.error ?? json));
      return;
    default:
      return;
  }
};

/** Anthropic Messages: content blocks of text, thinking and tool_use with `input_json_delta`. */
const anthropic: ProviderHandler = (json, event, seq, b) => {
  const type = str(json.type) ?? event ?? '';
  const key = (): string => `block-${typeof json.index === 'number' ? json.index : 0}`;
  switch (type) {
    case 'message_start':
      b.addUsage(obj(json.message)?.usage);
      return;
    case 'content_block_start': {
      const block = obj(json.content_block);
      if (block?.type === 'tool_use' || block?.type === 'server_tool_use') {
        const call = b.call(key());
        call.id = str(block.id) ?? null;
        call.name = str(block.name) ?? null;
      } else if (block?.type === 'text') b.append('text', str(block.text) ?? '', seq);
      else if (block?.type === 'thinking') b.append('reasoning', str(block.thinking) ?? '', seq);
      return;
    }
    case 'content_block_delta': {
      const delta = obj(json.delta) ?? {};
      if (delta.type === 'text_delta') b.append('text', str(delta.text) ?? '', seq);
      else if (delta.type === 'thinking_delta') b.append('reasoning', str(delta.thinking) ?? '', seq);
      else if (delta.type === 'input_json_delta') b.call(key()).text += str(delta.partial_json) ?? '';
      return;
    }
    case 'message_delta':
      b.finishReason = str(obj(json.delta)?.stop_reason) ?? b.finishReason;
      b.addUsage(json.usage);
      return;
    case 'message_stop':
      b.complete = true;
      return;
    case 'error':
      b.errors.push(errorText(json.error ?? json));
      return;
    default:
      return;
  }
};

/** Google Gemini `streamGenerateContent?alt=sse`: candidates' parts, thoughts, whole function calls. */
const gemini: ProviderHandler = (json, _event, seq, b) => {
  if (json.error !== undefined) b.errors.push(errorText(json.error));
  const candidate = obj(arr(json.candidates)[0]);
  for (const p of arr(obj(candidate?.content)?.parts)) {
    const part = obj(p);
    if (!part) continue;
    if (typeof part.text === 'string') b.append(part.thought === true ? 'reasoning' : 'text', part.text, seq);
    const fc = obj(part.functionCall);
    if (fc) {
      const call = b.call(`call-${b.callCount}`);
      call.id = str(fc.id) ?? null;
      call.name = str(fc.name) ?? null;
      call.value = fc.args ?? {};
    }
  }
  if (str(candidate?.finishReason)) b.finishReason = str(candidate!.finishReason)!;
  if (json.usageMetadata !== undefined) b.addUsage(json.usageMetadata);
};

/** Ollama `/api/chat` and `/api/generate` NDJSON, ending with `done: true` and counts. */
const ollama: ProviderHandler = (json, _event, seq, b) => {
  if (json.error !== undefined) b.errors.push(errorText(json.error));
  const message = obj(json.message);
  b.append('text', str(message?.content) ?? str(json.response) ?? '', seq);
  b.append('reasoning', str(message?.thinking) ?? str(json.thinking) ?? '', seq);
  for (const tc of arr(message?.tool_calls)) {
    const fn = obj(obj(tc)?.function);
    if (!fn) continue;
    const call = b.call(`call-${seq}-${str(fn.name) ?? ''}`);
    call.name = str(fn.name) ?? null;
    call.value = fn.arguments ?? {};
  }
  if (json.done === true) {
    b.complete = true;
    b.finishReason = str(json.done_reason) ?? 'stop';
    const usage: Record<string, unknown> = {};
    for (const k of ['prompt_eval_count', 'eval_count', 'total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration']) if (json[k] !== undefined) usage[k] = json[k];
    if (Object.keys(usage).length > 0) b.addUsage(usage);
  }
};

/** The handler for each provider. */
export const HANDLERS: Record<LlmProvider, ProviderHandler> = {
  'openai-chat': openAiChat,
  'openai-responses': openAiResponses,
  anthropic,
  gemini,
  ollama,
};
