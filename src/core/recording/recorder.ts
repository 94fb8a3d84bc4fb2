/**
 * Records a live stream: feed it the session's items and chunks, and it
 * writes them to a sink — kept in memory up to a byte limit (the panel), or
 * streamed to a file line by line (the CLI's `--record`), so a 450 MB stream
 * never sits in memory. Secrets never reach a recording: the request is kept
 * as written (with `{{secret:NAME}}` references), credential headers are
 * redacted, and any secret value the server echoes is masked.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { isCredentialHeader } from '../../shared/credentials';
import { createMasker, SECRET_MASK, type Masker } from '../secrets/mask';
import { maskSpec } from '../secrets/mask-spec';
import type { TimelineItem } from '../items';
import type { RequestSpec, StreamSettings } from '../spec';
import { chunkLine, endLine, headerLine, responseLine, type RecordedConnection, type Recording } from './format';


/** The request with credential header values replaced. */
function redactSpec(spec: RequestSpec): RequestSpec {
  return { ...spec, headers: spec.headers?.map((h) => (isCredentialHeader(h.name) ? { ...h, value: '«redacted»' } : h)) };
}

/** Where a recording goes. */
export interface RecordingSink {
  header(rec: Pick<Recording, 'version' | 'createdAt' | 'request' | 'settings'>): void;
  response(c: Omit<RecordedConnection, 'chunks'>): void;
  /** A chunk of the body; `data` stays the caller's (its buffer may be reused): copy what you keep. */
  chunk(t: number, data: Uint8Array): void;
  end(end: NonNullable<Recording['end']>): void;
}

/** Keeps the recording in memory, up to `maxBytes` of body; beyond it the chunks stop and the recording says so. */
export class MemoryRecording implements RecordingSink {
  private rec: Recording | undefined;
  private bytes = 0;

  constructor(private readonly maxBytes = Infinity) {}

  header(h: Pick<Recording, 'version' | 'createdAt' | 'request' | 'settings'>): void {
    this.rec = { ...h, connections: [] };
  }

  response(c: Omit<RecordedConnection, 'chunks'>): void {
    this.rec?.connections.push({ ...c, chunks: [] });
  }

  chunk(t: number, data: Uint8Array): void {
    if (!this.rec || this.rec.truncated) return;
    this.bytes += data.byteLength;
    if (this.bytes > this.maxBytes) {
      this.rec.truncated = true;
      return;
    }
    // Copied only when kept: past its bound the recording copies nothing more of a long stream.
    this.rec.connections[this.rec.connections.length - 1]?.chunks.push({ t, data: data.slice() });
  }

  end(end: NonNullable<Recording['end']>): void {
    if (this.rec) this.rec.end = end;
  }

  /** The recording so far. */
  recording(): Recording | undefined {
    return this.rec;
  }
}

/**
 * Writes the recording to a file as it happens. The file is opened (and so
 * checked) when the sink is made: an unwritable path fails before the request.
 */
export class FileRecording implements RecordingSink {
  private fd: number | undefined;

  /** Throws a clear error when `path` cannot be written. */
  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new Error(`cannot write the recording to ${path}: ${code}`, { cause: err });
    }
  }

  private line(text: string): void {
    if (this.fd !== undefined) writeSync(this.fd, `${text}\n`);
  }

  header(h: Pick<Recording, 'version' | 'createdAt' | 'request' | 'settings'>): void {
    this.line(headerLine(h));
  }

  response(c: Omit<RecordedConnection, 'chunks'>): void {
    this.line(responseLine(c));
  }

  chunk(t: number, data: Uint8Array): void {
    this.line(chunkLine(t, data));
  }

  end(end: NonNullable<Recording['end']>): void {
    this.line(endLine(end));
    this.close();
  }

  /** Closes the file (also when the run ends without an end item). */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A chunk with every secret masked. A chunk that is whole UTF-8 is masked as
 * text, so escaped and encoded forms go too; one that splits a character at
 * its edge is masked byte for byte (the value as sent).
 */
function maskChunk(data: Uint8Array, mask: Masker, secrets: readonly Buffer[]): Uint8Array {
  let text: string | undefined;
  try {
    text = strictUtf8.decode(data);
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    const masked = mask(text);
    return masked === text ? data : new Uint8Array(Buffer.from(masked, 'utf8'));
  }
  let buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let changed = false;
  for (const s of secrets) {
    if (buf.indexOf(s) < 0) continue;
    changed = true;
    const parts: Buffer[] = [];
    let from = 0;
    for (let at = buf.indexOf(s); at >= 0; at = buf.indexOf(s, at + s.length)) {
      parts.push(buf.subarray(from, at), Buffer.from(SECRET_MASK));
      from = at + s.length;
    }
    parts.push(buf.subarray(from));
    buf = Buffer.concat(parts);
  }
  return changed ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : data;
}

/** Turns a session's items and chunks into recording lines, masking secrets on the way. */
export class Recorder {
  private readonly secretBytes: Buffer[];
  private readonly mask: Masker;

  /**
   * @param request the request as written (variables and `{{secret:NAME}}` references, not their values; any secret value in it is masked)
   * @param secrets secret values used by this run: masked wherever the server echoes them
   */
  constructor(
    request: RequestSpec,
    settings: StreamSettings,
    private readonly sink: RecordingSink = new MemoryRecording(),
    secrets: readonly string[] = [],
    now = new Date(),
  ) {
    const { raw: _raw, ...kept } = settings;
    this.secretBytes = secrets.map(String).filter((s) => s !== '').map((s) => Buffer.from(s, 'utf8'));
    this.mask = createMasker(secrets);
    // The request as written holds references, not values; one that exists only resolved (an MCP exchange's) is masked here.
    sink.header({ version: 1, createdAt: now.toISOString(), request: maskSpec(redactSpec(request), this.mask), settings: kept });
  }

  /** The session's `onItem`. */
  onItem(item: TimelineItem): void {
    const m = this.mask;
    if (item.kind === 'response') {
      const headers = Object.fromEntries(Object.entries(item.headers).map(([k, v]) => [k, m(v)]));
      this.sink.response({ status: item.status, statusText: item.statusText, headers, url: m(item.url), t: item.ttfbMs });
    } else if (item.kind === 'end') {
      this.sink.end({ t: item.ms, reason: item.reason, events: item.events, bytes: item.bytes });
    }
  }

  /** The session's `onChunk`: the sink copies what it keeps (a file writes the bytes at once, and keeps none). */
  onChunk(bytes: Uint8Array, t: number): void {
    this.sink.chunk(t, this.secretBytes.length > 0 ? maskChunk(bytes, this.mask, this.secretBytes) : bytes);
  }

  /** The recording so far, when it is kept in memory. */
  recording(): Recording | undefined {
    return this.sink instanceof MemoryRecording ? this.sink.recording() : undefined;
  }
}
