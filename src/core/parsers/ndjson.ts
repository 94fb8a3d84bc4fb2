/**
 * NDJSON / JSON Lines: one JSON text per line. CRLF is accepted, blank lines
 * are skipped, a last line without a newline still counts, and a line that
 * is not JSON is reported on its own message while the stream goes on.
 */
import { RecordSplitter } from './lines';
import type { BodyParser, ParserContext } from './parser';

/** Creates the NDJSON parser for one response body. */
export function createNdjsonParser(ctx: ParserContext, options: { baseOffset: number }): BodyParser {
  const splitter = new RecordSplitter(ctx, options.baseOffset, 0x0a, (text, size, end) => {
    const line = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (line === '' || line.trim() === '') return;
    let json: unknown;
    let error: string | undefined;
    try {
      json = JSON.parse(line) as unknown;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    // One object of one shape per record: the burst path of the parser.
    ctx.emit(
      error === undefined
        ? { kind: 'message', format: 'ndjson', t: ctx.now(), offset: end, data: line, json, size, seq: ctx.nextSeq() }
        : { kind: 'message', format: 'ndjson', t: ctx.now(), offset: end, data: line, error, size, seq: ctx.nextSeq() },
    );
  });
  return {
    push: (bytes) => splitter.push(bytes),
    end: () => splitter.end(),
  };
}
