/**
 * A light line-level view of an SSE body for diagnostics: groups lines into
 * blocks at blank lines (CR, LF or CRLF, across chunks) and records which
 * fields each block had. The parser proper is eventsource-parser; this only
 * looks at the shape the server wrote.
 */

/** The fields of one block (lines up to a blank line). */
export class SseBlock {
  readonly fields = new Map<string, string[]>();

  /** Values of a field in this block. */
  values(name: string): string[] {
    return this.fields.get(name) ?? [];
  }

  add(name: string, value: string): void {
    const list = this.fields.get(name);
    if (list) list.push(value);
    else this.fields.set(name, [value]);
  }
}

/** Splits pushed text into lines and blocks. */
export class SseLineScanner {
  private partial = '';
  private block = new SseBlock();
  private blockHasLines = false;
  private pendingCR = false;

  constructor(private readonly onBlock: (block: SseBlock) => void) {}

  push(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 && this.pendingCR) {
        // The LF of a CRLF whose CR ended the previous line.
        this.pendingCR = false;
        start = i + 1;
        continue;
      }
      this.pendingCR = false;
      if (c === 10 || c === 13) {
        this.line(this.partial + text.slice(start, i));
        this.partial = '';
        start = i + 1;
        this.pendingCR = c === 13;
      }
    }
    if (start < text.length) this.partial += text.slice(start);
    // Only field names and short values matter here: a huge line is cut, not kept.
    if (this.partial.length > 65_536) this.partial = this.partial.slice(0, 65_536);
  }

  private line(line: string): void {
    if (line === '') {
      if (this.blockHasLines) this.onBlock(this.block);
      this.block = new SseBlock();
      this.blockHasLines = false;
      return;
    }
    this.blockHasLines = true;
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.block.add(name.replace(/^\uFEFF/, ''), value);
  }
}
