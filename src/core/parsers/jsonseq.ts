/**
 * JSON text sequences (RFC 7464): each record is RS (0x1E), a JSON text,
 * LF. A record is emitted as soon as an LF completes a valid JSON text, so a
 * live stream is not held back until the next RS; a pretty-printed record
 * spanning lines waits for its last line. A record that never parses is
 * reported when the next RS or the end of the body shows it is over. A
 * top-level number, `true`, `false` or `null` cut off without its LF may be
 * truncated and is reported as such (RFC 7464 §2.4).
 */
import { parseJson, RecordSplitter, type ByteRecord } from './lines';
import type { BodyParser, ParserContext } from './parser';

const RS = '\u001e';

/** Creates the json-seq parser for one response body. */
export function createJsonSeqParser(ctx: ParserContext, options: { baseOffset: number }): BodyParser {
  let lines: string[] = [];
  let size = 0;
  /** An RS has opened a record that is not complete yet. */
  let open = false;

  const emit = (end: number, parsed: { json: unknown } | { error: string }): void => {
    const data = lines.join('\n').trim();
    if (data !== '') ctx.emit({ kind: 'message', format: 'json-seq', t: ctx.now(), offset: end, data, ...parsed, size, seq: ctx.nextSeq() });
    lines = [];
    size = 0;
    open = false;
  };

  /** Closes what is pending when a new RS (or the end) proves it will never parse. */
  const closeBroken = (end: number, why: string): void => {
    const data = lines.join('\n').trim();
    if (open) emit(end, { error: why });
    else if (data !== '') {
      ctx.emit({ kind: 'error', t: ctx.now(), offset: end, code: 'invalid-json', fatal: false, message: 'Text before the first record separator (RS) was ignored', body: data });
    }
    lines = [];
    size = 0;
  };

  const onLine = ({ text, size: bytes, end, terminated }: ByteRecord): void => {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    const parts = line.split(RS);
    parts.forEach((part, i) => {
      if (i > 0) {
        closeBroken(end, 'Not valid JSON before the next record separator (RS)');
        open = true;
      }
      lines.push(part);
    });
    size += bytes + (terminated ? 1 : 0);
    if (!open || lines.join('').trim() === '') return;
    const parsed = parseJson(lines.join('\n'));
    if (terminated) {
      if ('json' in parsed) emit(end, parsed);
      return;
    }
    // The body ended without the record's LF.
    if ('error' in parsed) emit(end, { error: `Truncated record at the end of the stream: ${parsed.error}` });
    else if (parsed.json === null || typeof parsed.json !== 'object') {
      emit(end, { error: 'Possibly truncated: a top-level number, true, false or null must be followed by LF (RFC 7464)' });
    } else emit(end, parsed);
  };

  const splitter = new RecordSplitter(ctx, options.baseOffset, 0x0a, onLine);
  let pushed = options.baseOffset;
  return {
    push(bytes) {
      pushed += bytes.length;
      splitter.push(bytes);
    },
    end() {
      splitter.end();
      if (open) closeBroken(pushed, 'Truncated record at the end of the stream');
      else closeBroken(pushed, '');
    },
  };
}
