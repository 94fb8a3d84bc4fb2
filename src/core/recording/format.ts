/**
 * The recording format (`*.streamrec.jsonl`, JSON Lines, version 1): what
 * was asked, what came back and every body chunk with its arrival time, so
 * a stream can be replayed byte for byte.
 *
 *   {"type":"recording","version":1,"createdAt":"<ISO>","request":<RequestSpec>,"settings":<StreamSettings>}
 *   {"type":"response","status":200,"statusText":"OK","headers":{...},"url":"...","t":<ms, time to first byte>}
 *   {"type":"chunk","t":<ms since the request>,"data":"<base64 of the bytes>"}   (one per chunk, in order)
 *   {"type":"end","t":<ms>,"reason":"eof"|"aborted"|"timeout"|"max-reconnects"|"error","events":N,"bytes":N}
 *
 * A reconnecting stream has one `response` line per connection, each followed
 * by its chunks. The request is kept as written (`{{secret:NAME}}` references,
 * not their values); credentials in request headers are replaced by
 * "«redacted»" and secret values anywhere else by "••••••".
 */
import type { EndReason } from '../items';
import type { RequestSpec, StreamSettings } from '../spec';

/** One connection: its response head and body chunks. */
export interface RecordedConnection {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  url: string;
  /** Time to first byte, ms since the request. */
  t: number;
  chunks: { t: number; data: Uint8Array }[];
}

/** A whole recording. */
export interface Recording {
  version: 1;
  createdAt: string;
  request: RequestSpec;
  settings: StreamSettings;
  connections: RecordedConnection[];
  end?: { t: number; reason: EndReason; events: number; bytes: number };
  /** The stream outgrew what a recording keeps in memory: the chunks stop before its end. */
  truncated?: boolean;
}

/** The file extension recordings use. */
export const RECORDING_EXTENSION = '.streamrec.jsonl';

/** A recording file that cannot be read. */
export class RecordingFormatError extends Error {
  override name = 'RecordingFormatError';
}

/** The first line of a recording file. */
export function headerLine(rec: Pick<Recording, 'version' | 'createdAt' | 'request' | 'settings' | 'truncated'>): string {
  return JSON.stringify({ type: 'recording', version: rec.version, createdAt: rec.createdAt, request: rec.request, settings: rec.settings, ...(rec.truncated ? { truncated: true } : {}) });
}

/** The line that opens a connection. */
export function responseLine(c: Omit<RecordedConnection, 'chunks'>): string {
  return JSON.stringify({ type: 'response', status: c.status, statusText: c.statusText, headers: c.headers, url: c.url, t: c.t });
}

/** The line of one body chunk. */
export function chunkLine(t: number, data: Uint8Array): string {
  return JSON.stringify({ type: 'chunk', t, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') });
}

/** The closing line. */
export function endLine(end: NonNullable<Recording['end']>): string {
  return JSON.stringify({ type: 'end', ...end });
}

/** Serializes a recording as JSON Lines (trailing newline included). */
export function stringifyRecording(rec: Recording): string {
  const lines: string[] = [headerLine(rec)];
  for (const c of rec.connections) {
    lines.push(responseLine(c));
    for (const chunk of c.chunks) lines.push(chunkLine(chunk.t, chunk.data));
  }
  if (rec.end) lines.push(endLine(rec.end));
  return lines.join('\n') + '\n';
}

function record(x: unknown, line: number): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new RecordingFormatError(`Line ${line}: not a JSON object`);
  return x as Record<string, unknown>;
}

/** Parses a recording; throws RecordingFormatError with the line at fault. */
export function parseRecording(text: string): Recording {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new RecordingFormatError('The file is empty');
  let rec: Recording | undefined;
  lines.forEach((raw, i) => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new RecordingFormatError(`Line ${i + 1}: not valid JSON`);
    }
    const o = record(value, i + 1);
    if (i === 0) {
      if (o.type !== 'recording' || o.version !== 1) throw new RecordingFormatError('Not a Stream Viewer recording (version 1): the first line must be {"type":"recording","version":1,...}');
      const request = record(o.request, 1);
      if (typeof request.method !== 'string' || typeof request.url !== 'string') throw new RecordingFormatError('Line 1: the request needs a method and a URL');
      rec = { version: 1, createdAt: String(o.createdAt ?? ''), request: request as unknown as RequestSpec, settings: (o.settings ?? {}) as StreamSettings, connections: [], ...(o.truncated === true ? { truncated: true } : {}) };
      return;
    }
    const r = rec!;
    switch (o.type) {
      case 'response':
        r.connections.push({ status: Number(o.status), statusText: String(o.statusText ?? ''), headers: (o.headers ?? {}) as Record<string, string>, url: String(o.url ?? r.request.url), t: Number(o.t ?? 0), chunks: [] });
        return;
      case 'chunk': {
        const c = r.connections[r.connections.length - 1];
        if (!c) throw new RecordingFormatError(`Line ${i + 1}: a chunk before any response`);
        if (typeof o.data !== 'string') throw new RecordingFormatError(`Line ${i + 1}: chunk data must be base64 text`);
        c.chunks.push({ t: Number(o.t ?? 0), data: new Uint8Array(Buffer.from(o.data, 'base64')) });
        return;
      }
      case 'end':
        r.end = { t: Number(o.t ?? 0), reason: o.reason as EndReason, events: Number(o.events ?? 0), bytes: Number(o.bytes ?? 0) };
        return;
      default:
        throw new RecordingFormatError(`Line ${i + 1}: unknown line type ${JSON.stringify(o.type)}`);
    }
  });
  return rec!;
}
