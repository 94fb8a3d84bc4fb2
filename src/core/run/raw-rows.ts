/**
 * The raw view's text on the host: every received character, kept in the
 * chunks it came in and indexed by display rows — one per line, long lines
 * in pieces of `ROW_CHARS` — so any row can be read back cheaply and a
 * 32 MB line costs one pass, not one re-split per chunk. Bounded by bytes:
 * the oldest chunks and their rows go first, and what went is counted.
 */
import type { RawInfo, RawRow } from '../../shared/wire';

/** Longest row: a longer line is shown in pieces, so every character shows without a 32 MB DOM node. */
export const ROW_CHARS = 2000;

/** Received text as display rows. */
export class RawRows {
  /** Kept chunks and the text offset each starts at. */
  private chunks: string[] = [];
  private chunkStarts: number[] = [];
  private firstChunk = 0;
  /** Text offset of the first character still kept. */
  private keptFrom = 0;
  /** Total characters received. */
  private length = 0;
  /** Rows: start offset, end offset (before the line break), line number, line break. */
  private rowStart: number[] = [];
  private rowEnd: number[] = [];
  private rowLine: number[] = [];
  private rowEol: RawRow['eol'][] = [];
  private firstRowIndex = 0;
  /** Rows dropped before `rowStart[firstRowIndex]`. */
  private droppedRows = 0;
  private line = 1;
  /** The last chunk ended in CR: an LF starting the next one belongs to it. */
  private pendingCr = false;
  private bytesKept = 0;
  private bytesDropped = 0;
  private chunkBytes: number[] = [];

  constructor(private maxBytes: number) {
    this.openRow(0, false);
  }

  /** Adds received text (`size`: the bytes it was decoded from). */
  add(text: string, size: number): void {
    if (text.length === 0 && size === 0) return;
    const base = this.length;
    this.chunks.push(text);
    this.chunkStarts.push(base);
    this.chunkBytes.push(size);
    this.bytesKept += size;
    this.length += text.length;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) {
        // The CR already ended the row; the LF joins its line break.
        const last = this.rowStart.length - 2;
        if (last >= this.firstRowIndex) this.rowEol[last] = '\r\n';
        this.rowStart[this.rowStart.length - 1] = base + 1;
        this.rowEnd[this.rowEnd.length - 1] = base + 1;
        i = 1;
      }
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const at = base + i;
      if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) {
        this.closeRow(at, '\r\n');
        i++;
        this.openRow(base + i + 1, false);
      } else {
        this.closeRow(at, c === 10 ? '\n' : '\r');
        if (c === 13 && i + 1 === text.length) this.pendingCr = true;
        this.openRow(at + 1, false);
      }
    }
    this.splitLongRow();
    this.trim();
  }

  /** Where the rows stand, for the webview. */
  info(): RawInfo {
    return { firstRow: this.droppedRows, endRow: this.droppedRows + this.rowStart.length - this.firstRowIndex, bytes: this.bytesKept, droppedBytes: this.bytesDropped };
  }

  /** Rows `from` (absolute row number) to `to` (exclusive), the ones still kept. */
  rows(from: number, to: number): RawRow[] {
    const out: RawRow[] = [];
    const start = Math.max(from, this.droppedRows);
    const end = Math.min(to, this.droppedRows + this.rowStart.length - this.firstRowIndex);
    for (let r = start; r < end; r++) {
      const i = this.firstRowIndex + r - this.droppedRows;
      const a = Math.max(this.rowStart[i]!, this.keptFrom);
      const b = i === this.rowStart.length - 1 ? this.length : this.rowEnd[i]!;
      // Only a row cut for length ends without a line break (the open last row is never a previous one).
      const continued = i > 0 && this.rowEol[i - 1] === '';
      out.push({ line: this.rowLine[i]!, continued, text: this.slice(a, b), eol: this.rowEol[i]! });
    }
    return out;
  }

  /** All text kept, for copying. */
  text(): string {
    const parts = this.chunks.slice(this.firstChunk);
    if (parts.length > 0) parts[0] = parts[0]!.slice(this.keptFrom - this.chunkStarts[this.firstChunk]!);
    return parts.join('');
  }

  /** Changes the byte bound. */
  setMaxBytes(n: number): void {
    this.maxBytes = Math.max(1024, n);
    this.trim();
  }

  private openRow(start: number, continued: boolean): void {
    if (!continued && this.rowStart.length > 0) this.line++;
    this.rowStart.push(start);
    this.rowEnd.push(start);
    this.rowLine.push(this.line);
    this.rowEol.push('');
  }

  private closeRow(end: number, eol: RawRow['eol']): void {
    // A line longer than a row is cut into pieces before it ends.
    while (end - this.rowStart[this.rowStart.length - 1]! > ROW_CHARS) this.cutLast();
    const j = this.rowStart.length - 1;
    this.rowEnd[j] = end;
    this.rowEol[j] = eol;
  }

  /** The open row grew past ROW_CHARS: cut pieces off it. */
  private splitLongRow(): void {
    while (this.length - this.rowStart[this.rowStart.length - 1]! > ROW_CHARS) this.cutLast();
  }

  private cutLast(): void {
    const j = this.rowStart.length - 1;
    const cut = this.rowStart[j]! + ROW_CHARS;
    this.rowEnd[j] = cut;
    this.rowEol[j] = '';
    this.rowStart.push(cut);
    this.rowEnd.push(cut);
    this.rowLine.push(this.line);
    this.rowEol.push('');
  }

  private slice(a: number, b: number): string {
    if (b <= a) return '';
    let k = this.findChunk(a);
    let out = '';
    while (k < this.chunks.length && this.chunkStarts[k]! < b) {
      const s = this.chunkStarts[k]!;
      const c = this.chunks[k]!;
      out += c.slice(Math.max(0, a - s), Math.min(c.length, b - s));
      k++;
    }
    return out;
  }

  /** Index of the chunk holding text offset `at` (binary search over the kept ones). */
  private findChunk(at: number): number {
    let lo = this.firstChunk;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunkStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Drops the oldest chunks (and the rows that lie wholly in them) beyond the byte bound. */
  private trim(): void {
    while (this.bytesKept > this.maxBytes && this.chunks.length - this.firstChunk > 1) {
      const size = this.chunkBytes[this.firstChunk]!;
      this.bytesKept -= size;
      this.bytesDropped += size;
      (this.chunks as (string | undefined)[])[this.firstChunk] = undefined;
      this.firstChunk++;
      this.keptFrom = this.chunkStarts[this.firstChunk]!;
    }
    // Rows that ended before the kept text are gone; a row cut in the middle keeps its kept part.
    while (this.firstRowIndex < this.rowStart.length - 1 && this.rowEnd[this.firstRowIndex]! < this.keptFrom) {
      this.firstRowIndex++;
      this.droppedRows++;
    }
    if (this.firstChunk > 1024 && this.firstChunk * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.firstChunk);
      this.chunkStarts = this.chunkStarts.slice(this.firstChunk);
      this.chunkBytes = this.chunkBytes.slice(this.firstChunk);
      this.firstChunk = 0;
    }
    if (this.firstRowIndex > 4096 && this.firstRowIndex * 2 > this.rowStart.length) {
      this.rowStart = this.rowStart.slice(this.firstRowIndex);
      this.rowEnd = this.rowEnd.slice(this.firstRowIndex);
      this.rowLine = this.rowLine.slice(this.firstRowIndex);
      this.rowEol = this.rowEol.slice(this.firstRowIndex);
      this.firstRowIndex = 0;
    }
  }
}
