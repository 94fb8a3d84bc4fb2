/**
 * What the user asks for: a request as the editor, a collection file or the
 * CLI describes it, before variables are resolved.
 */
import type { FormatSetting } from './items';

/** A name/value row (query param, header, form field) that can be switched off. */
export interface KeyValue {
  name: string;
  value: string;
  /** Rows are on unless `enabled` is exactly `false`. */
  enabled?: boolean;
}

/** Request body, by kind. */
export type RequestBody =
  | { kind: 'none' }
  | { kind: 'raw'; text: string; contentType?: string }
  | { kind: 'json'; text: string }
  | { kind: 'form'; fields: KeyValue[] };

/** How the engine reconnects, like a browser `EventSource`. Off by default. */
export interface ReconnectSettings {
  enabled: boolean;
  /** Stop after this many reconnects (undefined: never stop). */
  maxReconnects?: number;
  /** Delay before the first `retry:` field sets one; browsers use about 3 s. */
  defaultRetryMs?: number;
}

/** A request to a streaming endpoint. */
export interface RequestSpec {
  method: string;
  url: string;
  /** Extra query parameters, appended to those already in `url`. */
  params?: KeyValue[];
  headers?: KeyValue[];
  body?: RequestBody;
}

/** How to read the response. */
export interface StreamSettings {
  format?: FormatSetting;
  /** Give up when no byte arrives for this long (ms). 0 or undefined: wait forever. */
  timeoutMs?: number;
  reconnect?: ReconnectSettings;
  /** Largest single record kept (SSE event, NDJSON line, json-seq record), in bytes. */
  maxRecordBytes?: number;
  /** Follow HTTP redirects (default true). */
  followRedirects?: boolean;
  /** Also emit `raw` items with the decoded body text, for the raw view. */
  raw?: boolean;
}

/** Default largest record: 16 MiB. Bigger records are reported and skipped. */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
