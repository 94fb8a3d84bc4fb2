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
