/**
 * The wire formats and the defaults their specifications fix, named once for
 * the engine, the CLI's flags, the protocol's checks and the editor's picker.
 */

/** A wire format the engine can split into records. */
export type StreamFormat = 'sse' | 'ndjson' | 'json-seq' | 'text';

/** What the user chose: detect from the response, or force one format. */
export type FormatSetting = 'auto' | StreamFormat;

/** Every format, in the order a format picker shows them. */
export const STREAM_FORMATS: readonly StreamFormat[] = ['sse', 'ndjson', 'json-seq', 'text'];

/** Whether a value is a format setting (`auto` or a format). */
export function isFormatSetting(x: unknown): x is FormatSetting {
  return x === 'auto' || STREAM_FORMATS.includes(x as StreamFormat);
}

/** Browsers wait about this long before reconnecting an event stream when no `retry:` was sent. */
export const DEFAULT_RETRY_MS = 3000;
