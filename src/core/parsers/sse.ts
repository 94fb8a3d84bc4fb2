/**
 * Server-Sent Events, as a browser's `EventSource` interprets them (WHATWG
 * HTML, "event stream interpretation"), on top of `eventsource-parser`.
 * What this adds: the last event ID that persists across events and
 * reconnects, a size limit that cannot be exhausted by one endless line,
 * and a report of the event a stream ended in the middle of.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';
import { Utf8StreamDecoder } from '../utf8';
import type { BodyParser, ParserContext } from './parser';

/** Options for one response. */
export interface SseParserOptions {
  /** Body offset of the first byte, counted across reconnects. */
  baseOffset: number;
  /** Last event ID carried over from an earlier connection. */
  lastEventId?: string;
  /** Receives each chunk's text as decoded (and `size`, the bytes it came from), for the raw view. */
  onText?: (text: string, size: number) => void;
}

/** An SSE body parser that also exposes the last event ID for reconnects. */
export interface SseParser extends BodyParser {
  readonly lastEventId: string;
}

/**
 * Finds blank lines (the ends of events) in text fed chunk by chunk, with
 * CR, LF and CRLF line endings, remembering line state across chunks so a
 * blank line or a CRLF split between chunks is seen too.
 */
class BlankLineScanner {
  /** The current line is empty so far (the stream starts at a line start). */
  constructor(private atLineStart = true) {}

  /** The last character was CR, so an LF next is part of the same line ending. */
  private lastWasCR = false;

  /**
   * Indices in `text` just past the first and the last blank line it
   * completes (-1 when none). An ending CRLF counts as a whole.
   */
  scan(text: string): { first: number; last: number } {
    if (!this.lastWasCR && !text.includes('\r')) {
      // Hot path, LF-only streams: no per-character loop.
      const lead = this.atLineStart && text.charCodeAt(0) === 10;
      const i = text.indexOf('\n\n');
      const j = text.lastIndexOf('\n\n');
      this.atLineStart = text.endsWith('\n');
      return { first: lead ? 1 : i === -1 ? -1 : i + 2, last: j !== -1 ? j + 2 : lead ? 1 : -1 };
    }
    let first = -1;
    let last = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 && this.lastWasCR) {
        this.lastWasCR = false;
        if (first === i) first = i + 1;
        if (last === i) last = i + 1;
        continue;
      }
      if (c === 10 || c === 13) {
        if (this.atLineStart) {
          if (first === -1) first = i + 1;
          last = i + 1;
        }
        this.atLineStart = true;
        this.lastWasCR = c === 13;
      } else {
        this.atLineStart = false;
        this.lastWasCR = false;
      }
    }
    return { first, last };
  }
}

/** Creates the SSE parser for one response body. */
export function createSseParser(ctx: ParserContext, options: SseParserOptions): SseParser {
  const decoder = new Utf8StreamDecoder();
  let lastEventId = options.lastEventId ?? '';
  let pushed = 0;
  /**
   * Text that holds everything since the last blank line: what would be lost
   * if the stream ended now. Kept loosely (whole chunks since the last chunk
   * that completed an event) and made exact only when needed, so the hot
   * path does not scan every chunk a second time.
   */
  let tail: string[] = [];
  let tailLength = 0;
  /** Up to two characters just before `tail`, for line state at its start. */
  let before = '';
  /** The last two characters fed. */
  let lastTwo = '';
  /** An event (or an id-only block) completed during the current feed. */
  let dispatched = false;
  /** The chunk being fed decoded to as many characters as it had bytes: all ASCII. */
  let chunkAscii = false;
  /** Text before the current chunk, not yet dispatched, may hold non-ASCII characters. */
  let carryNonAscii = false;
  /**
   * UTF-8 size of an event's data. Counting bytes costs more than parsing
   * here, so when every byte the event came from was ASCII its length is it.
   */
  const sizeOf = (data: string): number => {
    const fast = chunkAscii && !carryNonAscii;
    // Events after the first one completed in an ASCII chunk lie wholly inside it.
    if (chunkAscii) carryNonAscii = false;
    return fast ? data.length : Buffer.byteLength(data);
  };
  let skipping = false;
  /** Finds the end of an oversized event while skipping it. */
  let skipper = new BlankLineScanner();
  const offset = (): number => options.baseOffset + pushed;

  const parser: EventSourceParser = createParser({
    onEvent(event) {
      ctx.emit({
        kind: 'message',
        format: 'sse',
        t: ctx.now(),
        offset: offset(),
        event: event.event ?? 'message',
        data: event.data,
        id: lastEventId,
        size: sizeOf(event.data),
        seq: ctx.nextSeq(),
      });
      dispatched = true;
    },
    onId(id) {
      dispatched = true;
      // Called at the blank line ending a block with an `id:`, before its event,
      // even when the block has no data: exactly when a browser updates it.
      lastEventId = id;
    },
    onRetry(ms) {
      ctx.emit({ kind: 'retry', t: ctx.now(), offset: offset(), ms });
    },
    onComment(comment) {
      ctx.emit({ kind: 'comment', t: ctx.now(), offset: offset(), data: comment });
    },
  });

  /**
   * The decoder has already removed the one leading BOM an event stream may
   * have, as a browser's UTF-8 decode does; eventsource-parser would strip
   * another at its start (and again after every reset), turning a second
   * BOM, which is part of the first field's name, into nothing. Its one
   * strip is spent on a BOM fed here.
   */
  function restartParser(): void {
    parser.reset();
    parser.feed('\uFEFF');
  }
  restartParser();

  /** Makes `tail` exact: the text after the last blank line in it. */
  function exactTail(): string {
    const joined = before + tail.join('');
    const { last } = new BlankLineScanner(before.length < 2).scan(joined);
    const from = Math.max(last, before.length);
    before = joined.slice(Math.max(0, from - 2), from);
    const rest = joined.slice(from);
    tail = rest === '' ? [] : [rest];
    tailLength = rest.length;
    return rest;
  }

  function feedText(text: string): void {
    if (text === '') return;
    /** The two characters before the text the parser gets. */
    let prefix = lastTwo;
    lastTwo = text.length >= 2 ? text.slice(-2) : (lastTwo + text).slice(-2);
    if (skipping) {
      // Dropping the rest of an oversized event, up to the blank line that ends it.
      const { first } = skipper.scan(text);
      if (first === -1) return;
      skipping = false;
      prefix = text.slice(Math.max(0, first - 2), first);
      text = text.slice(first);
      before = prefix;
      tail = [];
      tailLength = 0;
    }
    dispatched = false;
    parser.feed(text);
    if (dispatched) {
      // The last blank line is in this chunk: the tail starts somewhere in it.
      before = prefix;
      tail = [text];
      tailLength = text.length;
    } else {
      tail.push(text);
      tailLength += text.length;
    }
    if (tailLength > ctx.maxRecordBytes && exactTail().length > ctx.maxRecordBytes) {
      ctx.emit({
        kind: 'error',
        t: ctx.now(),
        offset: offset(),
        code: 'too-large',
        fatal: false,
        message: `An event grew beyond ${ctx.maxRecordBytes} bytes without ending; it was skipped (raise the limit to keep it)`,
      });
      restartParser();
      tail = [];
      tailLength = 0;
      skipping = true;
      skipper = new BlankLineScanner(false);
      skipper.scan(lastTwo);
    }
  }

  function invalid(): void {
    ctx.emit({
      kind: 'error',
      t: ctx.now(),
      offset: offset(),
      code: 'invalid-utf8',
      fatal: false,
      message: `Invalid UTF-8 in the bytes before offset ${offset()}; shown as U+FFFD`,
    });
  }

  return {
    get lastEventId() {
      return lastEventId;
    },
    push(bytes) {
      pushed += bytes.byteLength;
      const { text, invalid: bad } = decoder.decode(bytes);
      options.onText?.(text, bytes.byteLength);
      // As many characters as bytes means all ASCII, unless the chunk began by completing
      // a character held back from the previous one (a continuation byte first).
      chunkAscii = text.length === bytes.byteLength && !bad && (bytes.byteLength === 0 || bytes[0]! < 0x80);
      feedText(text);
      if (!chunkAscii) carryNonAscii = true;
      if (bad) invalid();
    },
    end() {
      const { text, invalid: bad } = decoder.end();
      if (text !== '') options.onText?.(text, 0);
      chunkAscii = false;
      feedText(text);
      if (bad) invalid();
      const rest = skipping ? '' : exactTail();
      tail = [];
      tailLength = 0;
      // A block that held only comments loses nothing; anything else is an event a browser drops.
      const meaningful = rest.split(/\r\n|\r|\n/).some((line) => line !== '' && !line.startsWith(':'));
      if (meaningful && !skipping) {
        ctx.emit({
          kind: 'error',
          t: ctx.now(),
          offset: offset(),
          code: 'incomplete',
          fatal: false,
          message: 'The stream ended in the middle of an event (no blank line after it); a browser drops it',
          body: rest,
        });
      }
      parser.reset();
    },
  };
}
