/**
 * Which format a response body is in: from the content type's essence when
 * it says so, by sniffing the first bytes when the type is missing or
 * generic, and never guessing when the user chose a format.
 */
import type { StreamFormat } from './items';
import { isJson } from './json-text';

const BY_ESSENCE: Record<string, StreamFormat> = {
  'text/event-stream': 'sse',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'application/jsonlines': 'ndjson',
  'application/json-lines': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonl': 'ndjson',
  'application/jsonl+json': 'ndjson',
  'text/jsonl': 'ndjson',
  'text/x-ndjson': 'ndjson',
  'application/stream+json': 'ndjson',
  'application/x-json-stream': 'ndjson',
  'application/json-seq': 'json-seq',
};

/** The content type's essence: `type/subtype`, lowercased, parameters dropped. */
export function contentTypeEssence(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The content type a server should send for a format. */
export function contentTypeFor(format: StreamFormat): string {
  switch (format) {
    case 'sse':
      return 'text/event-stream';
    case 'ndjson':
      return 'application/x-ndjson';
    case 'json-seq':
      return 'application/json-seq';
    case 'text':
      return 'text/plain; charset=utf-8';
  }
}

/** The `charset` parameter of a content type, lowercased, if any. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : undefined;
}

/** The format a content type names unambiguously, if it names one. */
export function formatFromContentType(contentType: string | null | undefined): StreamFormat | undefined {
  return BY_ESSENCE[contentTypeEssence(contentType)];
}

/** A detected format and how it was found. */
export interface Detection {
  format: StreamFormat;
  source: 'content-type' | 'sniffed';
}

const SSE_FIELD = /^(?:data|event|id|retry)[ \t]*:|^:/;

/** Guesses the format from the first bytes of a body. */
export function sniffFormat(first: Uint8Array): StreamFormat | undefined {
  let start = 0;
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) start = 3;
  if (first[start] === 0x1e) return 'json-seq';
  const head = new TextDecoder().decode(first.subarray(start, start + 4096));
  const text = head.replace(/^[\r\n]+/, '');
  if (SSE_FIELD.test(text)) return 'sse';
  const nl = text.indexOf('\n');
  if (nl > 0) {
    const line = text.slice(0, nl).trim();
    if ((line.startsWith('{') || line.startsWith('[')) && isJson(line)) return 'ndjson';
  }
  return undefined;
}


/**
 * Picks a format: the one the content type names, else what the first bytes
 * look like, else plain text. Callers sniff only when
 * `formatFromContentType` gives nothing, so they wait for `first` then.
 */
export function detectFormat(contentType: string | null | undefined, first: Uint8Array | undefined): Detection {
  const named = formatFromContentType(contentType);
  if (named) return { format: named, source: 'content-type' };
  const sniffed = first ? sniffFormat(first) : undefined;
  if (sniffed) return { format: sniffed, source: 'sniffed' };
  return { format: 'text', source: contentTypeEssence(contentType).startsWith('text/') ? 'content-type' : 'sniffed' };
}
