/**
 * Assembles a streamed LLM response from timeline items, live: feed every
 * item, read `result()` at any time. The provider is detected from the
 * first message that looks like one, or forced.
 */
import type { TimelineItem } from '../items';
import { isJsonObject } from '../../shared/json-object';
import { ResponseBuilder } from './builder';
import { detectProvider } from './detect';
import { HANDLERS } from './providers';
import type { LlmProvider, MergedResponse } from './types';

const MAX_DETECTION_MESSAGES = 20;

function parse(data: string): unknown {
  const t = data.trimStart();
  if (!t.startsWith('{')) return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** Merges one stream. */
export class LlmMerger {
  private builder: ResponseBuilder | undefined;
  /** Messages looked at without recognising a provider. */
  private misses = 0;

  /** `provider` forces a dialect; without it the stream's first recognisable message decides. */
  constructor(private readonly forced?: LlmProvider) {
    if (forced) this.builder = new ResponseBuilder(forced);
  }

  /** Adds an item (only messages count; `parsed` is its data as JSON when the caller parsed it); returns the piece of text the message carries, if any. */
  add(item: TimelineItem, parsed?: unknown): string | undefined {
    if (item.kind !== 'message') return undefined;
    // An LLM stream shows its shape in its first messages: past those, stop parsing every event.
    if (!this.builder && this.misses >= MAX_DETECTION_MESSAGES) return undefined;
    if (item.data.trim() === '[DONE]') {
      if (this.builder) this.builder.complete = true;
      return undefined;
    }
    const json = parsed !== undefined ? parsed : item.json !== undefined ? item.json : parse(item.data);
    if (!isJsonObject(json)) return undefined;
    if (!this.builder) {
      const provider = detectProvider(json, item.event);
      if (!provider) {
        this.misses++;
        return undefined;
      }
      this.builder = new ResponseBuilder(provider);
    }
    HANDLERS[this.builder.provider](json, item.event, item.seq, this.builder);
    this.changes++;
    return this.builder.takePiece();
  }

  /** Whether the next message's parsed data is of use: while detecting, or once a dialect is known. */
  wantsJson(): boolean {
    return this.builder !== undefined || this.misses < MAX_DETECTION_MESSAGES;
  }

  /** Grows whenever a message changed the response: a cheap way to know when to send it again. */
  changes = 0;

  /** Output tokens so far, if the stream is an LLM stream. */
  outputTokens(): number | undefined {
    return this.builder?.outputTokens();
  }

  /** The response so far, or undefined when the stream is not an LLM stream. */
  result(): MergedResponse | undefined {
    return this.builder?.result();
  }
}
