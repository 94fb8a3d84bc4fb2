import type { TimelineItem } from '../items';

/** The items a body parser can produce. Lifecycle items come from the engine. */
export type ParsedItem = Extract<TimelineItem, { kind: 'message' | 'chunk' | 'comment' | 'retry' | 'error' }>;

/** What a parser needs from the engine. Parsers are pure: no I/O, no timers. */
export interface ParserContext {
  /** Receives each item synchronously, in stream order. */
  emit(item: ParsedItem): void;
  /** Monotonic ms since the request started, used to stamp `t`. */
  now(): number;
  /** Next 1-based message sequence number (shared across reconnects). */
  nextSeq(): number;
  /** Largest record (SSE event, NDJSON line, json-seq record) kept, in bytes. */
  maxRecordBytes: number;
}

/**
 * A body parser: bytes in, items out. One parser per HTTP response; `offset`
 * values it emits are relative to `baseOffset` given at creation, so they
 * count across reconnects.
 */
export interface BodyParser {
  /** Feeds the next bytes of the body, in order. Bytes may split anywhere. */
  push(bytes: Uint8Array): void;
  /** The body ended (EOF, abort or error): flush what is complete, report what is not. */
  end(): void;
  /**
   * The body has been quiet for a moment: show a record that looks complete
   * though its end is not proven yet (a json-seq record ends only at the next
   * RS). Optional; parsers whose records end on their own need none.
   */
  settle?(): void;
}
