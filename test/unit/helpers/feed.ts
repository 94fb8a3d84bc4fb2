/** Feeds bytes to a body parser in every way they can be split, collecting items. */
import type { StreamFormat } from '../../../src/core/items';
import { createBodyParser } from '../../../src/core/parsers/index';
import type { ParsedItem, ParserContext } from '../../../src/core/parsers/parser';

/** `Omit` applied to each member of a union, so the kinds stay apart. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Items a parser produced, without the time stamp (which varies). */
export type Collected = OmitEach<ParsedItem, 't'>[];

/** Runs `format`'s parser over `chunks` and returns what it emitted, plus its last event ID. */
export function parse(format: StreamFormat, chunks: Uint8Array[], options: { maxRecordBytes?: number; lastEventId?: string } = {}): { items: Collected; lastEventId?: string } {
  const items: Collected = [];
  let seq = 0;
  const ctx: ParserContext = {
    emit: (item) => {
      const { t: _t, ...rest } = item;
      items.push(rest as OmitEach<ParsedItem, 't'>);
    },
    now: () => 0,
    nextSeq: () => ++seq,
    maxRecordBytes: options.maxRecordBytes ?? 1024 * 1024,
  };
  const parser = createBodyParser(format, ctx, { baseOffset: 0, lastEventId: options.lastEventId });
  for (const c of chunks) parser.push(c);
  parser.end();
  return { items, lastEventId: 'lastEventId' in parser ? parser.lastEventId : undefined };
}

/** Bytes of a string (UTF-8), or the bytes given. */
export function bytesOf(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? new TextEncoder().encode(input) : input;
}

/** Every way to split `bytes` in two, plus one byte at a time, plus whole. */
export function* splits(bytes: Uint8Array): Generator<{ label: string; chunks: Uint8Array[] }> {
  yield { label: 'whole', chunks: [bytes] };
  for (let i = 1; i < bytes.length; i++) yield { label: `split at ${i}`, chunks: [bytes.subarray(0, i), bytes.subarray(i)] };
  yield { label: 'byte by byte', chunks: [...bytes].map((b) => Uint8Array.of(b)) };
}

/**
 * Parses the input whole, and checks that every other chunking gives the
 * same items, ignoring `offset` (which depends on where chunks end for
 * items that complete inside a chunk) and, when asked, where decoding
 * errors fall.
 */
export function parseEverySplit(
  format: StreamFormat,
  input: string | Uint8Array,
  options: { maxRecordBytes?: number; keepOffsets?: boolean; errorsUnordered?: boolean } = {},
): Collected {
  const bytes = bytesOf(input);
  const norm = (items: Collected): unknown[] => {
    const kept = options.keepOffsets ? items : items.map(({ offset: _o, ...rest }) => rest);
    // Decoding errors are reported when the chunk holding the bad bytes arrives,
    // so where they fall among the records depends on the chunking; their count does not.
    if (!options.errorsUnordered) return kept;
    const errors = kept.filter((i) => i.kind === 'error').map((i) => (i.kind === 'error' ? i.code : ''));
    return [...kept.filter((i) => i.kind !== 'error'), ...errors.sort()];
  };
  const whole = parse(format, [bytes], options).items;
  const expected = JSON.stringify(norm(whole));
  for (const { label, chunks } of splits(bytes)) {
    const got = JSON.stringify(norm(parse(format, chunks, options).items));
    if (got !== expected) throw new Error(`${format}: ${label} gave\n${got}\nbut whole input gave\n${expected}`);
  }
  return whole;
}
