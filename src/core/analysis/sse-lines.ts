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

/** The line `text[from, to)` is a field with this name: the name, then a colon or the line's end. */
function isField(text: string, from: number, to: number, name: string): boolean {
  const end = from + name.length;
  return (end === to || (end < to && text.charCodeAt(end) === 58)) && text.startsWith(name, from);
}

/** The value of the field `name` on the line `text[from, to)`: after the colon and one optional space. */
function fieldValue(text: string, from: number, to: number, name: string): string {
  let v = from + name.length + 1;
  if (v < to && text.charCodeAt(v) === 32) v++;
  return v >= to ? '' : text.slice(v, to);
}

/**
 * Splits pushed text into lines and blocks. `onBlock` gets each block as it
 * ends; the object is then reused for the next block, so copy what you keep.
 */
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
    // indexOf finds line breaks at native speed; a whole line inside this chunk is read in place, not sliced.
    let lf = text.indexOf('\n', start);
    let cr = text.indexOf('\r', start);
    while (lf >= 0 || cr >= 0) {
      const i = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (this.partial === '') this.line(text, start, Math.min(i, start + MAX_LINE));
      else {
        const line = (this.partial + text.slice(start, i)).slice(0, MAX_LINE);
        this.partial = '';
        this.line(line, 0, line.length);
      }
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

  /** Reads the line `text[from, to)`. */
  private line(text: string, from: number, to: number): void {
    const block = this.block;
    if (from === to) {
      if (block.lines > 0) this.onBlock(block);
      // Reused, not replaced: a block is read while it is reported, never kept, and a busy stream ends one per event.
      block.lines = 0;
      block.hasData = false;
      block.hasEvent = false;
      block.badRetry = undefined;
      block.idWithNull = false;
      block.skipped = false;
      return;
    }
    block.lines++;
    const first = text.charCodeAt(from);
    if (first === 58) return; // ':' starts a comment
    // Only four field names matter; each is told by its first letter, then checked in place.
    if (first === 100 /* d */) {
      if (isField(text, from, to, 'data')) block.hasData = true;
    } else if (first === 101 /* e */) {
      if (isField(text, from, to, 'event')) block.hasEvent = true;
    } else if (first === 114 /* r */) {
      if (block.badRetry === undefined && isField(text, from, to, 'retry')) {
        const v = fieldValue(text, from, to, 'retry');
        if (!/^\d+$/.test(v)) block.badRetry = v.slice(0, MAX_SAMPLE);
      }
    } else if (first === 105 /* i */) {
      if (isField(text, from, to, 'id') && fieldValue(text, from, to, 'id').includes('\0')) block.idWithNull = true;
    }
  }
}
