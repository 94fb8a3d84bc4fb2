/** Which media types mark a response as a stream, and the format each one is read as. */
import type { StreamFormat } from '../../shared/stream-formats';

const FORMATS: Record<string, StreamFormat> = {
  'text/event-stream': 'sse',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'application/jsonlines': 'ndjson',
  'application/json-seq': 'json-seq',
};

/** The stream format a media type (parameters allowed) announces, if it is a streaming one. */
export function streamFormatOf(contentType: string | undefined): StreamFormat | undefined {
  if (contentType === undefined) return undefined;
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return Object.hasOwn(FORMATS, essence) ? FORMATS[essence] : undefined;
}
