/**
 * Checks on the merged LLM response: the assembled text, tool calls with
 * their parsed arguments, the finish reason and the token rate.
 */
import { isDeepStrictEqual } from 'node:util';
import type { StreamStats } from '../analysis/stats';
import type { MergedResponse, MergedToolCall } from '../llm/types';
import { isJsonObject } from '../../shared/json-object';
import { shown, type CheckResult, type LlmExpect, type ToolCallCheck } from './model';

/** `actual` holds every key of `expected` with an equal value (objects compared key by key, deeply). */
function contains(actual: unknown, expected: unknown): boolean {
  if (!isJsonObject(expected)) return isDeepStrictEqual(actual, expected);
  return isJsonObject(actual) && Object.entries(expected).every(([k, v]) => contains(actual[k], v));
}

function callsText(calls: readonly MergedToolCall[]): string {
  return calls.length === 0 ? 'no tool calls' : calls.map((c) => `${c.name ?? '(unnamed)'}(${shown(c.arguments ?? c.argumentsText, 60)})`).join(', ');
}

function toolCall(want: ToolCallCheck, i: number, calls: readonly MergedToolCall[]): CheckResult {
  const name = `llm.toolCalls[${i}]`;
  const named = calls.filter((c) => c.name === want.name);
  if (named.length === 0) return { name, ok: false, message: `expected a call of tool "${want.name}", got ${callsText(calls)}` };
  if (want.arguments === undefined) return { name, ok: true, message: `tool "${want.name}" was called` };
  const args = want.arguments;
  const ok = named.some((c) => contains(c.arguments, args));
  return {
    name,
    ok,
    message: ok ? `tool "${want.name}" was called with ${shown(args)}` : `expected tool "${want.name}" called with ${shown(args)}, got ${callsText(named)}`,
  };
}

/** The results of the `llm` checks. */
export function checkLlm(want: LlmExpect, merged: MergedResponse | undefined, timing: StreamStats | undefined): CheckResult[] {
  if (merged === undefined) {
    return [{ name: 'llm', ok: false, message: 'expected an LLM response (OpenAI, Anthropic, Gemini or Ollama stream), got a stream the merge does not recognise' }];
  }
  const out: CheckResult[] = [];
  if (want.text !== undefined) {
    const ok = new RegExp(want.text).test(merged.text);
    out.push({ name: 'llm.text', ok, message: ok ? `the text matches /${want.text}/` : `expected the text to match /${want.text}/, got ${shown(merged.text, 120)}` });
  }
  (want.toolCalls ?? []).forEach((t, i) => out.push(toolCall(t, i, merged.toolCalls)));
  if (want.finishReason !== undefined) {
    const ok = merged.finishReason === want.finishReason;
    out.push({ name: 'llm.finishReason', ok, message: ok ? `finish reason "${want.finishReason}"` : `expected finish reason "${want.finishReason}", got ${shown(merged.finishReason ?? undefined)}` });
  }
  if (want.minTokensPerSec !== undefined) {
    const rate = timing?.tokensPerSec;
    const ok = rate !== undefined && rate >= want.minTokensPerSec;
    out.push({
      name: 'llm.minTokensPerSec',
      ok,
      message: ok ? `${rate} tokens/s (at least ${want.minTokensPerSec})` : `expected at least ${want.minTokensPerSec} tokens/s, got ${rate === undefined ? 'no token count' : `${rate} tokens/s`}`,
    });
  }
  return out;
}
