/**
 * Accumulates a merged response: text and reasoning with the message each
 * run came from, tool calls keyed by the provider's index or id, usage
 * merged field by field.
 */
import { isJsonObject } from '../../shared/json-object';
import { outputTokens } from './tokens';
import type { LlmProvider, MergedResponse, MergedToolCall, TextSource } from './types';

interface PendingCall {
  id: string | null;
  name: string | null;
  text: string;
  /** Arguments that arrived whole (Gemini, Ollama), not as text fragments. */
  value?: unknown;
}

/** Mutable state while a stream is merged. */
export class ResponseBuilder {
  private text = '';
  private reasoning = '';
  private readonly sources: TextSource[] = [];
  private readonly calls = new Map<string, PendingCall>();
  finishReason: string | null = null;
  usage: Record<string, unknown> | null = null;
  readonly errors: string[] = [];
  complete = false;
  /** Text and reasoning appended since the last `takePiece`. */
  private piece = '';
  /** The tool call touched since the last `takePiece`, and its argument text's length then. */
  private touched: { call: PendingCall; from: number } | undefined;

  constructor(readonly provider: LlmProvider) {}

  /** Appends text (or reasoning) that message `seq` carried. */
  append(part: 'text' | 'reasoning', piece: string, seq: number): void {
    if (piece === '') return;
    this.piece += piece;
    const start = part === 'text' ? this.text.length : this.reasoning.length;
    if (part === 'text') this.text += piece;
    else this.reasoning += piece;
    const last = this.sources[this.sources.length - 1];
    // Runs from one message that follow each other are one source.
    if (last && last.part === part && last.seq === seq && last.end === start) last.end = start + piece.length;
    else this.sources.push({ part, start, end: start + piece.length, seq });
  }

  /** The call with this key, created on first sight. */
  call(key: string): PendingCall {
    let c = this.calls.get(key);
    if (!c) {
      c = { id: null, name: null, text: '' };
      this.calls.set(key, c);
    }
    if (!this.touched) this.touched = { call: c, from: c.text.length };
    return c;
  }

  /** What the messages handled since the last call carried: text, reasoning, or else a tool-argument fragment. */
  takePiece(): string | undefined {
    const touched = this.touched;
    let piece: string | undefined = this.piece !== '' ? this.piece : undefined;
    if (piece === undefined && touched && touched.call.text.length > touched.from) piece = touched.call.text.slice(touched.from);
    this.piece = '';
    this.touched = undefined;
    return piece;
  }

  /** How many tool calls so far. */
  get callCount(): number {
    return this.calls.size;
  }

  /** Output tokens so far, without assembling the whole result (timing asks every frame). */
  outputTokens(): number | undefined {
    return outputTokens(this.usage, this.sources.length);
  }

  /** Merges usage fields; later values win, nested objects merge. */
  addUsage(usage: unknown): void {
    if (!isJsonObject(usage)) return;
    this.usage = { ...(this.usage ?? {}), ...usage };
  }

  /** The response as assembled so far. */
  result(): MergedResponse {
    const toolCalls: MergedToolCall[] = [...this.calls.values()].map((c) => {
      if (c.value !== undefined) return { id: c.id, name: c.name, arguments: c.value, argumentsText: c.text || JSON.stringify(c.value) };
      if (c.text.trim() === '') return { id: c.id, name: c.name, arguments: {}, argumentsText: c.text };
      try {
        return { id: c.id, name: c.name, arguments: JSON.parse(c.text) as unknown, argumentsText: c.text };
      } catch (err) {
        return { id: c.id, name: c.name, arguments: null, argumentsText: c.text, error: `Arguments are not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
      }
    });
    return {
      provider: this.provider,
      text: this.text,
      reasoning: this.reasoning,
      toolCalls,
      finishReason: this.finishReason,
      usage: this.usage,
      errors: [...this.errors],
      sources: this.sources.map((s) => ({ ...s })),
      complete: this.complete,
    };
  }
}
