/**
 * Runs a body through the real parser and a DiagnosticsCollector in the
 * order the engine produces items: request, response, then per chunk a raw
 * item (decoded as the session decodes it, leading BOM dropped) followed by
 * what the parser makes of the chunk, and the end.
 */
import { DiagnosticsCollector, type Diagnostic } from '../../../src/core/analysis/diagnostics';
import type { RequestItem, StreamFormat, TimelineItem } from '../../../src/core/items';
import { createBodyParser } from '../../../src/core/parsers/index';
import { bytesOf } from './feed';

/** What to run. */
export interface DiagnoseInput {
  format: StreamFormat;
  /** Response headers (lowercase names). */
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** Bytes per chunk (default: the whole body at once). */
  chunkBytes?: number;
  request?: Partial<Pick<RequestItem, 'method' | 'headers' | 'bodyBytes'>>;
  maxRecordBytes?: number;
  status?: number;
}

/** The diagnostics found and the items seen. */
export function diagnose(input: DiagnoseInput): { diagnostics: Diagnostic[]; items: TimelineItem[] } {
  const diagnostics: Diagnostic[] = [];
  const items: TimelineItem[] = [];
  const collector = new DiagnosticsCollector((d) => diagnostics.push(d));
  const add = (item: TimelineItem): void => {
    items.push(item);
    collector.add(item);
  };
  add({ kind: 'request', t: 0, offset: 0, method: 'GET', url: 'http://127.0.0.1/', headers: {}, bodyBytes: 0, attempt: 0, ...input.request });
  add({ kind: 'response', t: 1, offset: 0, status: input.status ?? 200, statusText: 'OK', headers: input.headers, url: 'http://127.0.0.1/', redirected: false, format: input.format, formatSource: 'content-type', ttfbMs: 1 });
  let seq = 0;
  let events = 0;
  const parser = createBodyParser(
    input.format,
    {
      emit: (item) => {
        if (item.kind === 'message' || item.kind === 'chunk') events++;
        add(item);
      },
      now: () => 2,
      nextSeq: () => ++seq,
      maxRecordBytes: input.maxRecordBytes ?? 16 * 1024 * 1024,
    },
    { baseOffset: 0 },
  );
  const bytes = bytesOf(input.body);
  const size = input.chunkBytes ?? Math.max(1, bytes.length);
  const decoder = new TextDecoder('utf-8');
  let offset = 0;
  for (let at = 0; at < bytes.length; at += size) {
    const chunk = bytes.subarray(at, at + size);
    offset += chunk.length;
    add({ kind: 'raw', t: 2, offset, text: decoder.decode(chunk, { stream: true }), size: chunk.length });
    parser.push(chunk);
  }
  parser.end();
  add({ kind: 'end', t: 3, offset, reason: 'eof', events, bytes: offset, ms: 3 });
  return { diagnostics, items };
}

/** `code` → severity of what was found. */
export function severities(diagnostics: Diagnostic[]): Record<string, string> {
  return Object.fromEntries(diagnostics.map((d) => [d.code, d.severity]));
}
