import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { StreamFormat, TimelineItem } from '../../src/core/items';
import { LlmMerger } from '../../src/core/llm/merger';
import type { MergedResponse } from '../../src/core/llm/types';
import { parse, splits } from './helpers/feed';

const fixtures = join(__dirname, '..', 'fixtures', 'llm');

/** Merges a recorded stream split at every byte; every split must give the same response. */
function mergeFixture(name: string, format: StreamFormat): MergedResponse {
  const bytes = new Uint8Array(readFileSync(join(fixtures, name)));
  let expected: string | undefined;
  let whole: MergedResponse | undefined;
  for (const { label, chunks } of splits(bytes)) {
    const merger = new LlmMerger();
    for (const item of parse(format, chunks).items) merger.add({ ...item, t: 0 } as TimelineItem);
    const result = merger.result();
    assert.ok(result, `${name}: not recognised as an LLM stream`);
    const json = JSON.stringify(result);
    if (expected === undefined) {
      expected = json;
      whole = result;
    } else assert.equal(json, expected, `${name}: ${label} differs from the whole input`);
  }
  return whole!;
}

describe('LLM merged view: each provider assembled from its recorded stream, at every split', () => {
  it('OpenAI Chat Completions: text, tool call fragments by index, finish reason, usage', () => {
    const r = mergeFixture('openai-chat.sse', 'sse');
    assert.equal(r.provider, 'openai-chat');
    assert.equal(r.text, 'Hello, 世界! Checking **weather**.');
    assert.equal(r.reasoning, '');
    assert.deepEqual(r.toolCalls[0], { id: 'call_abc', name: 'get_weather', arguments: { location: 'Paris', unit: 'c' }, argumentsText: '{"location": "Paris", "unit": "c"}' });
    assert.equal(r.toolCalls[1]!.name, 'get_time');
    assert.equal(r.toolCalls[1]!.arguments, null, 'cut-off arguments are reported, not guessed');
    assert.match(r.toolCalls[1]!.error!, /not valid JSON/);
    assert.equal(r.finishReason, 'tool_calls');
    assert.deepEqual(r.usage, { prompt_tokens: 21, completion_tokens: 17, total_tokens: 38 });
    assert.equal(r.complete, true);
    // Every character of the text points back at the message it came from.
    const covered = r.sources.filter((s) => s.part === 'text').reduce((n, s) => n + (s.end - s.start), 0);
    assert.equal(covered, r.text.length);
    assert.deepEqual(r.sources.filter((s) => s.part === 'text').map((s) => s.seq), [2, 3, 4]);
  });

  it('OpenAI Responses API: reasoning summary, output text, function call arguments, completion', () => {
    const r = mergeFixture('openai-responses.sse', 'sse');
    assert.equal(r.provider, 'openai-responses');
    assert.equal(r.text, 'Let me check.');
    assert.equal(r.reasoning, 'Need the weather first.');
    assert.deepEqual(r.toolCalls, [{ id: 'call_xyz', name: 'get_weather', arguments: { city: 'Oslo' }, argumentsText: '{"city":"Oslo"}' }]);
    assert.equal(r.finishReason, 'completed');
    assert.deepEqual(r.usage, { input_tokens: 30, output_tokens: 12, total_tokens: 42 });
  });

  it('Anthropic Messages: thinking, text, tool_use input_json_delta, stop reason, usage from start and delta', () => {
    const r = mergeFixture('anthropic.sse', 'sse');
    assert.equal(r.provider, 'anthropic');
    assert.equal(r.reasoning, 'The user wants the weather.');
    assert.equal(r.text, "I'll check San Francisco.");
    assert.deepEqual(r.toolCalls, [{ id: 'toolu_01', name: 'get_weather', arguments: { location: 'San Francisco, CA' }, argumentsText: '{"location": "San Francisco, CA"}' }]);
    assert.equal(r.finishReason, 'tool_use');
    assert.deepEqual(r.usage, { input_tokens: 25, output_tokens: 89 });
    assert.equal(r.complete, true);
  });

  it('Gemini streamGenerateContent: thoughts apart, whole function calls, finish reason, usage metadata', () => {
    const r = mergeFixture('gemini.sse', 'sse');
    assert.equal(r.provider, 'gemini');
    assert.equal(r.text, 'The tide is high.');
    assert.equal(r.reasoning, 'Thinking about tides.');
    assert.deepEqual(r.toolCalls, [{ id: null, name: 'get_tide', arguments: { port: 'Brest' }, argumentsText: '{"port":"Brest"}' }]);
    assert.equal(r.finishReason, 'STOP');
    assert.equal(r.usage?.totalTokenCount, 15);
  });

  it('Ollama /api/chat and /api/generate NDJSON: content, thinking, tool calls, done counts', () => {
    const chat = mergeFixture('ollama-chat.ndjson', 'ndjson');
    assert.equal(chat.provider, 'ollama');
    assert.equal(chat.text, 'The sky is blue.');
    assert.equal(chat.reasoning, 'Short answer.');
    assert.deepEqual(chat.toolCalls.map((c) => [c.name, c.arguments]), [['get_color', { thing: 'sky' }]]);
    assert.equal(chat.finishReason, 'stop');
    assert.equal(chat.usage?.eval_count, 5);
    const generate = mergeFixture('ollama-generate.ndjson', 'ndjson');
    assert.equal(generate.text, 'Why not?');
    assert.equal(generate.complete, true);
  });

  it('leaves a stream that is not an LLM stream alone, and reports provider errors', () => {
    const plain = new LlmMerger();
    for (const item of parse('sse', [new TextEncoder().encode('data: {"tick":1}\n\ndata: hello\n\n')]).items) plain.add({ ...item, t: 0 } as TimelineItem);
    assert.equal(plain.result(), undefined);
    const failing = new LlmMerger();
    const stream = 'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":3}}}\n\nevent: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    for (const item of parse('sse', [new TextEncoder().encode(stream)]).items) failing.add({ ...item, t: 0 } as TimelineItem);
    assert.deepEqual(failing.result()?.errors, ['overloaded_error: Overloaded']);
  });
});
