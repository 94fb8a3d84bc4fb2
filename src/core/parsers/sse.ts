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
}

/** An SSE body parser that also exposes the last event ID for reconnects. */
export interface SseParser extends BodyParser {
  readonly lastEventId: string;
}

/**
 * Index in `text` just past the last blank line (a line terminator right
 * after another), or -1. `before` is the end of the previous chunk, so a
 * blank line split across chunks is found too.
 */
function afterLastBlankLine(text: string, before: string): number {
  if (!text.includes('\r') && !before.includes('\r')) {
    // Hot path, LF-only streams: no copy of the chunk.
    const i = text.lastIndexOf('\n\n');
    if (i !== -1) return i + 2;
    return before.endsWith('\n') && text.charCodeAt(0) === 10 ? 1 : -1;
  }
  // Rare: CR or CRLF line endings.
  const scan = before + text;
  const re = /(?:\r\n|\r|\n)(?:\r\n|\r|\n)/g;
  let end = -1;
  for (let m = re.exec(scan); m; m = re.exec(scan)) {
    end = m.index + m[0].length;
    re.lastIndex = end - (m[0].endsWith('\r\n') ? 2 : 1);
  }
  return end === -1 ? -1 : Math.max(0, end - before.length);
}

/** Creates the SSE parser for one response body. */
export function createSseParser(ctx: ParserContext, options: SseParserOptions): SseParser {
  const decoder = new Utf8StreamDecoder();
  let lastEventId = options.lastEventId ?? '';
  let pushed = 0;
  /** Text since the last blank line: what would be lost if the stream ended now. */
  let tail: string[] = [];
  let tailLength = 0;
  let skipping = false;
  /** Last two characters fed, for blank lines split across chunks. */
  let before = '';
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
        size: Buffer.byteLength(event.data),
        seq: ctx.nextSeq(),
      });
    },
    onId(id) {
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

  function feedText(text: string): void {
    if (text === '') return;
    if (skipping) {
      // Dropping the rest of an oversized event, up to its blank line.
      const b = afterLastBlankLine(text, before);
      before = (before + text).slice(-2);
      if (b === -1) return;
      skipping = false;
      text = text.slice(b);
      if (text === '') return;
    }
    parser.feed(text);
    const b = afterLastBlankLine(text, before);
    before = text.length >= 2 ? text.slice(-2) : (before + text).slice(-2);
    if (b !== -1) {
      tail = b < text.length ? [text.slice(b)] : [];
      tailLength = text.length - b;
    } else {
      tail.push(text);
      tailLength += text.length;
    }
    if (tailLength > ctx.maxRecordBytes) {
      ctx.emit({
        kind: 'error',
        t: ctx.now(),
        offset: offset(),
        code: 'too-large',
        fatal: false,
        message: `An event grew beyond ${ctx.maxRecordBytes} bytes without ending; it was skipped (raise the limit to keep it)`,
      });
      parser.reset();
      tail = [];
      tailLength = 0;
      skipping = true;
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
      feedText(text);
      if (bad) invalid();
    },
    end() {
      const { text, invalid: bad } = decoder.end();
      feedText(text);
      if (bad) invalid();
      const rest = tail.join('');
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
