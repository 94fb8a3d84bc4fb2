/**
 * Output tokens of a merged response: the provider's own count when its
 * usage block has one, else the number of text and reasoning deltas (each
 * delta is usually one token).
 */
import type { MergedResponse } from './types';

const OUTPUT_KEYS = ['completion_tokens', 'output_tokens', 'candidatesTokenCount', 'eval_count'];

/** Tokens generated from a response's usage and its number of text runs, or undefined when none. */
export function outputTokens(usage: MergedResponse['usage'], deltas: number): number | undefined {
  for (const key of OUTPUT_KEYS) {
    const v = usage?.[key];
    if (typeof v === 'number' && v > 0) return v;
  }
  return deltas > 0 ? deltas : undefined;
}
