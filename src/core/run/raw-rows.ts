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

const EOLS: readonly RawRow['eol'][] = ['', '\n', '\r\n', '\r'];
const EOL_NONE = 0;
const EOL_LF = 1;
const EOL_CRLF = 2;
const EOL_CR = 3;
/** Bytes a row's index entry takes (start, line number, line break), with room for the columns' growth. */
const ROW_BYTES = 20;

/** Typed columns that grow by doubling: rows of a burst cost a few bytes each, not an object. */
class Column<A extends Float64Array | Uint32Array | Uint8Array> {
  length = 0;
  constructor(public data: A, private readonly make: (n: number) => A) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** Drops the first `n` entries. */
  shift(n: number): void {
    this.data.copyWithin(0, n, this.length);
    this.length -= n;
  }
}

/** Received text as display rows. */
export class RawRows {
  /** Kept chunks and the text offset each starts at. */
  private chunks: string[] = [];
  private chunkStarts: number[] = [];
  private chunkBytes: number[] = [];
  private firstChunk = 0;
  /** Text offset of the first character still kept. */
  private keptFrom = 0;
  /** Total characters received. */
  private length = 0;
  /** Rows: text offset where each starts, its line number, and the line break that ends it. */
  private readonly starts = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly lines = new Column(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly eols = new Column(new Uint8Array(1024), (n) => new Uint8Array(n));
  /** Rows removed from the columns, and rows still in them but dropped (before `keptFrom`). */
  private droppedRows = 0;
  private rowHead = 0;
  private line = 1;
  /** The last chunk ended in CR: an LF starting the next one belongs to it. */
  private pendingCr = false;
  private bytesKept = 0;
  private bytesDropped = 0;

  constructor(private maxBytes: number) {
    this.openRow(0);
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
    // An empty piece (half a character) keeps a pending CR waiting.
    if (this.pendingCr && text.length > 0) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) {
        // The CR already ended the row; the LF joins its line break.
        this.eols.data[this.eols.length - 2] = EOL_CRLF;
        this.starts.data[this.starts.length - 1] = base + 1;
        i = 1;
      }
    }
    // indexOf finds line breaks at native speed; a chunk of one long line costs one scan.
    let lf = text.indexOf('\n', i);
    let cr = text.indexOf('\r', i);
    while (lf >= 0 || cr >= 0) {
      const k = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      const crlf = k === cr && k + 1 < text.length && text.charCodeAt(k + 1) === 10;
      this.cutLongRow(base + k);
      this.eols.data[this.eols.length - 1] = crlf ? EOL_CRLF : k === lf ? EOL_LF : EOL_CR;
      if (k === cr && k + 1 === text.length) this.pendingCr = true;
      i = k + (crlf ? 2 : 1);
      this.line++;
      this.openRow(base + i);
      if (lf >= 0 && lf < i) lf = text.indexOf('\n', i);
      if (cr >= 0 && cr < i) cr = text.indexOf('\r', i);
    }
    this.cutLongRow(this.length);
    this.trim();
  }

  /** Where the rows stand, for the webview. */
  info(): RawInfo {
    return { firstRow: this.droppedRows + this.rowHead, endRow: this.droppedRows + this.starts.length, bytes: this.bytesKept, droppedBytes: this.bytesDropped };
  }

  /** Rows `from` (absolute row number) to `to` (exclusive), the ones still kept. */
  rows(from: number, to: number): RawRow[] {
    const out: RawRow[] = [];
    const start = Math.max(from, this.droppedRows + this.rowHead);
    const end = Math.min(to, this.droppedRows + this.starts.length);
    for (let r = start; r < end; r++) {
      const i = r - this.droppedRows;
      const eol = this.eols.data[i]!;
      const last = i === this.starts.length - 1;
      const b = last ? this.length : this.starts.data[i + 1]! - (eol === EOL_CRLF ? 2 : eol === EOL_NONE ? 0 : 1);
      const a = Math.min(Math.max(this.starts.data[i]!, this.keptFrom), b);
      // Only a row cut for length ends without a line break, and the open last row is never a previous one.
      const continued = i > 0 ? this.eols.data[i - 1] === EOL_NONE : false;
      out.push({ line: this.lines.data[i]!, continued, text: this.slice(a, b), eol: last ? '' : EOLS[eol]! });
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

  /** Rows that ended before the kept text are gone; a row cut in the middle keeps its kept part. */
  private dropRows(): void {
    while (this.rowHead < this.starts.length - 1 && this.starts.data[this.rowHead + 1]! <= this.keptFrom) this.rowHead++;
  }

  private openRow(start: number): void {
    this.starts.push(start);
    this.lines.push(this.line);
    this.eols.push(EOL_NONE);
  }

  /** The open row runs to `end`: pieces of ROW_CHARS are cut off it first. */
  private cutLongRow(end: number): void {
    while (end - this.starts.data[this.starts.length - 1]! > ROW_CHARS) this.openRow(this.starts.data[this.starts.length - 1]! + ROW_CHARS);
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

  /** Memory the kept text and its row index take, about: the bound applies to both. */
  private memory(): number {
    return this.bytesKept + (this.starts.length - this.rowHead) * ROW_BYTES;
  }

  /** Drops the oldest chunks (and the rows that lie wholly in them) beyond the byte bound. */
  private trim(): void {
    if (this.memory() <= this.maxBytes) return;
    while (this.memory() > this.maxBytes && this.chunks.length - this.firstChunk > 1) {
      const size = this.chunkBytes[this.firstChunk]!;
      this.bytesKept -= size;
      this.bytesDropped += size;
      (this.chunks as (string | undefined)[])[this.firstChunk] = undefined;
      this.firstChunk++;
      this.keptFrom = this.chunkStarts[this.firstChunk]!;
      this.dropRows();
    }
    // Removed rows leave the columns in one move once they are many, so dropping stays linear.
    if (this.rowHead > 4096 && this.rowHead * 2 > this.starts.length) {
      this.starts.shift(this.rowHead);
      this.lines.shift(this.rowHead);
      this.eols.shift(this.rowHead);
      this.droppedRows += this.rowHead;
      this.rowHead = 0;
    }
    if (this.firstChunk > 1024 && this.firstChunk * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.firstChunk);
      this.chunkStarts = this.chunkStarts.slice(this.firstChunk);
      this.chunkBytes = this.chunkBytes.slice(this.firstChunk);
      this.firstChunk = 0;
    }
  }
}
