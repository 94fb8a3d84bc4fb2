/**
 * Records a live stream: feed it the session's items and chunks (the
 * `onItem` and `onChunk` hooks), then take the recording.
 */
import type { TimelineItem } from '../items';
import type { RequestSpec, StreamSettings } from '../spec';
import type { Recording } from './format';

/** Request headers whose values never go into a recording. */
const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token|openai-api-key|anthropic-api-key|x-goog-api-key)$/i;

/** The request with credential header values replaced. */
export function redactSpec(spec: RequestSpec): RequestSpec {
  return { ...spec, headers: spec.headers?.map((h) => (SECRET_HEADERS.test(h.name.trim()) ? { ...h, value: '«redacted»' } : h)) };
}

/** Builds a recording from a running session. */
export class Recorder {
  private readonly rec: Recording;

  constructor(spec: RequestSpec, settings: StreamSettings, now = new Date()) {
    const { raw: _raw, ...kept } = settings;
    this.rec = { version: 1, createdAt: now.toISOString(), request: redactSpec(spec), settings: kept, connections: [] };
  }

  /** The session's `onItem`. */
  onItem(item: TimelineItem): void {
    if (item.kind === 'response') {
      this.rec.connections.push({ status: item.status, statusText: item.statusText, headers: item.headers, url: item.url, t: item.ttfbMs, chunks: [] });
    } else if (item.kind === 'end') {
      this.rec.end = { t: item.ms, reason: item.reason, events: item.events, bytes: item.bytes };
    }
  }

  /** The session's `onChunk`. The bytes are copied: the caller may reuse its buffer. */
  onChunk(bytes: Uint8Array, t: number): void {
    this.rec.connections[this.rec.connections.length - 1]?.chunks.push({ t, data: bytes.slice() });
  }

  /** The recording so far. */
  recording(): Recording {
    return this.rec;
  }
}
