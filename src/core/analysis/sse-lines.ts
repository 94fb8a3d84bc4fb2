/**
 * A light line-level view of an SSE body for diagnostics: groups lines into
 * blocks at blank lines (CR, LF or CRLF, across chunks) and notes what each
 * block had. The parser proper is eventsource-parser; this only looks at the
 * shape the server wrote. What it keeps is bounded whatever the input: per
 * block, counts, flags and short samples, never the block's text (a stream
 * of `foo: bar` lines with no blank line must not grow it), and at most
 * `MAX_LINE` characters of the line being read.
 *
 * The text it is given is decoded as a browser decodes it, so the one
 * leading BOM a stream may have is already gone: a U+FEFF that is left is
 * part of a field name or value.
 */

/** Characters of a line kept while it is incomplete: field names and short values are all the checks read. */
const MAX_LINE = 4096;

/** Longest sample of a value kept for a message. */
const MAX_SAMPLE = 64;

/** What one block (lines up to a blank line) had. */
export interface SseBlock {
  /** Lines in the block, comments included. */
  lines: number;
  /** It had a `data` field, so a browser dispatches an event for it. */
  hasData: boolean;
  /** It had an `event` field. */
  hasEvent: boolean;
  /** The first `retry` value that is not ASCII digits, cut short. */
  badRetry?: string;
  /** An `id` value contains NULL. */
  idWithNull: boolean;
  /** The engine skipped it as larger than the record limit: no event came of it. */
  skipped: boolean;
}

function emptyBlock(): SseBlock {
  return { lines: 0, hasData: false, hasEvent: false, idWithNull: false, skipped: false };
}

/** Splits pushed text into lines and blocks. */
export class SseLineScanner {
  private partial = '';
  private block = emptyBlock();
  private pendingCR = false;

  constructor(private readonly onBlock: (block: SseBlock) => void) {}

  /** Feeds the next decoded text of the body. */
  push(text: string): void {
    if (text === '') return;
    let start = 0;
    if (this.pendingCR && text.charCodeAt(0) === 10) start = 1; // the LF of a CRLF whose CR ended the previous line
    this.pendingCR = false;
    // indexOf finds line breaks at native speed; only the lines themselves are touched.
    let lf = text.indexOf('\n', start);
    let cr = text.indexOf('\r', start);
    while (lf >= 0 || cr >= 0) {
      const i = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      this.line(this.partial === '' ? text.slice(start, Math.min(i, start + MAX_LINE)) : (this.partial + text.slice(start, i)).slice(0, MAX_LINE));
      this.partial = '';
      start = i + 1;
      if (i === cr) {
        if (start < text.length && text.charCodeAt(start) === 10) start++;
        else if (start === text.length) this.pendingCR = true;
      }
      if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
      if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    }
    if (start < text.length && this.partial.length < MAX_LINE) this.partial += text.slice(start, start + MAX_LINE - this.partial.length);
  }

  /** The block being read was dropped by the parser (too large): it dispatches nothing. */
  skipOpenBlock(): void {
    this.block.skipped = true;
  }

  /** A new response starts: nothing carries over from the last one. */
  reset(): void {
    this.partial = '';
    this.block = emptyBlock();
    this.pendingCR = false;
  }

  private line(line: string): void {
    const block = this.block;
    if (line === '') {
      if (block.lines > 0) this.onBlock(block);
      this.block = emptyBlock();
      return;
    }
    block.lines++;
    if (line.charCodeAt(0) === 58) return; // ':' starts a comment
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (name) {
      case 'data':
        block.hasData = true;
        break;
      case 'event':
        block.hasEvent = true;
        break;
      case 'retry':
        if (block.badRetry === undefined && !/^\d+$/.test(value)) block.badRetry = value.slice(0, MAX_SAMPLE);
        break;
      case 'id':
        if (value.includes('\0')) block.idWithNull = true;
        break;
      default:
        break;
    }
  }
}
