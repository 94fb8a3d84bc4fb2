/**
 * Splits a byte stream into records at a delimiter byte, on bytes rather
 * than text: no delimiter byte (LF, RS) can occur inside a UTF-8 code point,
 * so record offsets are exact and decoding never splits a character.
 * Shared by the NDJSON and JSON text sequence parsers.
 */
import { concatBytes, hadInvalidBytes } from '../utf8';
import type { ParserContext } from './parser';

const BOM = [0xef, 0xbb, 0xbf] as const;

/** Pieces of an unfinished record merged into one buffer at a time. */
const MERGE_RUN = 256;

/**
 * Receives a complete record, decoded: its text, its bytes without the
 * delimiter, the body offset just past the delimiter, and false for a last
 * record the body ended without one. Positional, so a burst of records
 * allocates no object per record here.
 */
export type OnRecord = (text: string, size: number, end: number, terminated: boolean) => void;

/**
 * Calls `onRecord` for each delimited record; enforces the size limit: a
 * record that grows beyond it is reported once, skipped up to its delimiter,
 * and announced to `onSkipped` (it never reaches `onRecord`).
 */
export class RecordSplitter {
  private pending: Uint8Array[] = [];
  private pendingSize = 0;
  /** Pieces at the start of `pending` that are already merged runs of small chunks. */
  private merged = 0;
  private pushed = 0;
  private skipping = false;
  /** Leading bytes held back until it is clear whether they are a BOM. */
  private head: Uint8Array | undefined = new Uint8Array(0);
  private readonly decoder = new TextDecoder('utf-8');
  /** Throws on invalid or cut-off UTF-8, so the fast path only takes clean chunks. */
  private readonly fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(
    private readonly ctx: ParserContext,
    private readonly baseOffset: number,
    private readonly delimiter: number,
    private readonly onRecord: OnRecord,
    private readonly onSkipped?: () => void,
  ) {}

  /** Feeds bytes in order. */
  push(bytes: Uint8Array): void {
    if (this.head) {
      // A UTF-8 BOM before the first record is not part of it, even when it arrives a byte at a time.
      const head = concatBytes([this.head, bytes]);
      if (head.length < 3 && head.every((b, i) => b === BOM[i])) {
        this.head = head;
        return;
      }
      this.head = undefined;
      bytes = head;
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) {
        this.pushed += 3;
        bytes = bytes.subarray(3);
      }
    }
    const chunkStart = this.pushed;
    this.pushed += bytes.length;
    const ascii = this.asciiText(bytes);
    let from = 0;
    const max = this.ctx.maxRecordBytes;
    const base = this.baseOffset + chunkStart + 1;
    for (let at = bytes.indexOf(this.delimiter); at !== -1; at = bytes.indexOf(this.delimiter, from)) {
      const length = at - from;
      if (ascii !== undefined && this.pendingSize === 0 && !this.skipping && length <= max) {
        // Fast path: in an ASCII chunk character and byte positions agree, so the
        // chunk was decoded once and records are slices of it.
        this.onRecord(ascii.slice(from, at), length, base + at, true);
        from = at + 1;
        continue;
      }
      if (this.skipping) this.skipping = false;
      else if (this.pendingSize + length > max) this.tooLarge(chunkStart + at);
      else {
        const piece = bytes.subarray(from, at);
        this.emit(this.pendingSize === 0 ? piece : concatBytes([...this.pending, piece]), base + at, true);
      }
      if (this.pendingSize > 0) {
        this.pending = [];
        this.pendingSize = 0;
        this.merged = 0;
      }
      from = at + 1;
    }
    if (from < bytes.length && !this.skipping) {
      const rest = bytes.subarray(from);
      if (this.pendingSize + rest.length > this.ctx.maxRecordBytes) {
        this.tooLarge(this.pushed);
        this.skipping = true;
        this.pending = [];
        this.pendingSize = 0;
        this.merged = 0;
      } else {
        // Keep a view, not a copy: the chunk is not reused by fetch.
        this.pending.push(rest);
        this.pendingSize += rest.length;
        this.mergeSmallPieces();
      }
    }
  }

  /**
   * A record arriving a few bytes per chunk would be held as millions of
   * views, each costing far more than its bytes: every run of
   * `MERGE_RUN` pieces is copied into one, so each byte is copied once.
   */
  private mergeSmallPieces(): void {
    if (this.pending.length - this.merged < MERGE_RUN) return;
    const run = concatBytes(this.pending.slice(this.merged));
    this.pending.length = this.merged;
    this.pending.push(run);
    this.merged = this.pending.length;
  }

  /**
   * The chunk as text when it is all ASCII (one decode per chunk instead of
   * one per record), else undefined. Byte values below 0x80 never belong to
   * a multi-byte character, so the check is exact.
   */
  private asciiText(bytes: Uint8Array): string | undefined {
    if (bytes.length < 64) return undefined;
    let text: string;
    try {
      text = this.fatalDecoder.decode(bytes);
    } catch {
      return undefined;
    }
    return text.length === bytes.length ? text : undefined;
  }

  /** Body offset just past the bytes pushed so far. */
  get offset(): number {
    return this.baseOffset + this.pushed;
  }

  /** The record being received so far (decoded), or undefined when none is open or it is being skipped. */
  peek(): string | undefined {
    if (this.pendingSize === 0 || this.skipping) return undefined;
    return this.decoder.decode(concatBytes(this.pending));
  }

  /** Flushes a last record that has no delimiter after it. */
  end(): void {
    if (this.head && this.head.length > 0) {
      const head = this.head;
      this.head = undefined;
      this.push(head);
    }
    if (this.pendingSize > 0 && !this.skipping) this.emit(concatBytes(this.pending), this.baseOffset + this.pushed, false);
    this.pending = [];
    this.pendingSize = 0;
    this.merged = 0;
  }

  private emit(bytes: Uint8Array, end: number, terminated: boolean): void {
    const text = this.decoder.decode(bytes);
    if (hadInvalidBytes(bytes, text)) {
      this.ctx.emit({
        kind: 'error',
        t: this.ctx.now(),
        offset: end,
        code: 'invalid-utf8',
        fatal: false,
        message: `Invalid UTF-8 in the record ending at byte ${end}; shown as U+FFFD`,
      });
    }
    this.onRecord(text, bytes.length, end, terminated);
  }

  private tooLarge(at: number): void {
    this.ctx.emit({
      kind: 'error',
      t: this.ctx.now(),
      offset: this.baseOffset + at,
      code: 'too-large',
      fatal: false,
      message: `A record grew beyond ${this.ctx.maxRecordBytes} bytes; it was skipped (raise the limit to keep it)`,
    });
    this.onSkipped?.();
  }
}

/** Parses JSON, returning the value or the parser's complaint. */
export function parseJson(text: string): { json: unknown } | { error: string } {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
