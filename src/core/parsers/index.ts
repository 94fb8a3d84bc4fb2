/** Picks the body parser for a format. */
import { assertNever, type StreamFormat } from '../items';
import { createJsonSeqParser } from './jsonseq';
import { createNdjsonParser } from './ndjson';
import type { BodyParser, ParserContext } from './parser';
import { createSseParser, type SseParser } from './sse';
import { createTextParser } from './text';

/** Options every parser takes; `lastEventId` only matters for SSE. */
export interface BodyParserOptions {
  baseOffset: number;
  lastEventId?: string;
  /**
   * Receives the body's text as the parser decodes it (SSE and plain text,
   * which decode whole chunks), so the raw view needs no second decoder.
   */
  onText?: (text: string, size: number) => void;
}

/** Whether the parser for `format` reports its decoded text through `onText`. */
export function decodesWholeChunks(format: StreamFormat): boolean {
  return format === 'sse' || format === 'text';
}

/** Creates the parser for `format`. SSE parsers also carry the last event ID. */
export function createBodyParser(format: StreamFormat, ctx: ParserContext, options: BodyParserOptions): BodyParser | SseParser {
  switch (format) {
    case 'sse':
      return createSseParser(ctx, options);
    case 'ndjson':
      return createNdjsonParser(ctx, options);
    case 'json-seq':
      return createJsonSeqParser(ctx, options);
    case 'text':
      return createTextParser(ctx, options);
    default:
      return assertNever(format);
  }
}
