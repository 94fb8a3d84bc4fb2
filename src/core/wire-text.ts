/**
 * Text a session moves across the wire besides the stream itself: a
 * response's headers as a record, the first bytes of an error body, and a
 * header value written as UTF-8 octets.
 */

/** A response's headers as a plain record (names lower-case, as `Headers` gives them). */
export function headersRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/**
 * A header value carrying `text` as its UTF-8 octets, the way a browser's
 * EventSource sends Last-Event-ID (HTML: the last event ID "encoded as
 * UTF-8"; Chromium writes those bytes as they are). fetch takes header
 * values as byte strings, one character per octet, and refuses characters
 * past U+00FF, so the UTF-8 bytes go in as Latin-1 characters: the server
 * receives the very octets an EventSource would send and can match its own
 * id. Percent-encoding would send other octets (`caf%C3%A9`), which no
 * server would recognise as the id it sent.
 */
export function utf8Octets(text: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII is the same in both encodings: the common case stays as it is.
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/** Reads at most `limit` bytes of a body as text, cancelling the rest. */
export async function readLimited(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
  count: (n: number) => void,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      count(r.value.byteLength);
      total += r.value.byteLength;
      text += decoder.decode(r.value, { stream: true });
      if (total >= limit) {
        await reader.cancel();
        return `${text.slice(0, limit)}… (truncated)`;
      }
    }
  } catch {
    // Whatever arrived is still worth showing.
  }
  return text + decoder.decode();
}
