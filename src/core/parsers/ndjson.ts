/**
 * NDJSON / JSON Lines: one JSON text per line. CRLF is accepted, blank lines
 * are skipped, a last line without a newline still counts, and a line that
 * is not JSON is reported on its own message while the stream goes on.
 */
import { parseJson, RecordSplitter } from './lines';
import type { BodyParser, ParserContext } from './parser';

/** Creates the NDJSON parser for one response body. */
export function createNdjsonParser(ctx: ParserContext, options: { baseOffset: number }): BodyParser {
  const splitter = new RecordSplitter(ctx, options.baseOffset, 0x0a, ({ text, size, end }) => {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line.trim() === '') return;
    const parsed = parseJson(line);
    ctx.emit({
      kind: 'message',
      format: 'ndjson',
      t: ctx.now(),
      offset: end,
      data: line,
      ...parsed,
      size,
      seq: ctx.nextSeq(),
    });
  });
  return {
    push: (bytes) => splitter.push(bytes),
    end: () => splitter.end(),
  };
}
