/**
 * UTF-8 decoding for byte streams: never splits a code point across chunks,
 * strips a leading BOM once, and tells invalid bytes (decoded as U+FFFD)
 * apart from a U+FFFD that was really sent.
 */

const REPLACEMENT = '\uFFFD';

/** Counts the encoded U+FFFD sequences (EF BF BD) in `bytes`. */
function countEncodedReplacement(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  }
  return n;
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Whether decoding `bytes` into `text` replaced invalid input. Fast path: no
 * U+FFFD in the text means the bytes were valid. `carry` holds up to two
 * bytes that came just before `bytes`, so an EF BF BD split across chunks is
 * still recognised as genuine.
 */
export function hadInvalidBytes(bytes: Uint8Array, text: string, carry?: Uint8Array): boolean {
  if (!text.includes(REPLACEMENT)) return false;
  const scan = carry && carry.length > 0 ? concatBytes([carry, bytes]) : bytes;
  return countChar(text, REPLACEMENT) > countEncodedReplacement(scan);
}

/** Joins byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Result of decoding one chunk. */
export interface Decoded {
  text: string;
  /** Invalid bytes were replaced by U+FFFD in `text`. */
  invalid: boolean;
}

/** A streaming UTF-8 decoder for one response body. */
export class Utf8StreamDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private carry: Uint8Array | undefined;

  /** Decodes the next bytes; an incomplete code point at the end waits for the next call. */
  decode(bytes: Uint8Array): Decoded {
    const text = this.decoder.decode(bytes, { stream: true });
    const invalid = hadInvalidBytes(bytes, text, this.carry);
    // Keep the last two bytes seen, even when chunks are a single byte long.
    this.carry = bytes.length >= 2 ? bytes.slice(bytes.length - 2) : concatBytes([this.carry ?? new Uint8Array(0), bytes]).slice(-2);
    return { text, invalid };
  }

  /** Flushes at end of stream: a truncated code point becomes U+FFFD and counts as invalid. */
  end(): Decoded {
    const text = this.decoder.decode();
    return { text, invalid: text.length > 0 };
  }
}

