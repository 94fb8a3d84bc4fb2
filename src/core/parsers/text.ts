/**
 * Plain text: each piece of the body becomes a `chunk` item as it arrives,
 * decoded without splitting a code point (a chunk holding half a character
 * waits for the rest).
 */
import { Utf8StreamDecoder } from '../utf8';
import type { BodyParser, ParserContext } from './parser';

/** Creates the text parser for one response body. */
export function createTextParser(ctx: ParserContext, options: { baseOffset: number; onText?: (text: string, size: number) => void }): BodyParser {
  const decoder = new Utf8StreamDecoder();
  let pushed = 0;
  let unreported = 0;
  const emit = (text: string, invalid: boolean): void => {
    const offset = options.baseOffset + pushed;
    if (invalid) {
      ctx.emit({ kind: 'error', t: ctx.now(), offset, code: 'invalid-utf8', fatal: false, message: `Invalid UTF-8 before byte ${offset}; shown as U+FFFD` });
    }
    if (text === '') return;
    ctx.emit({ kind: 'chunk', t: ctx.now(), offset, data: text, size: unreported });
    unreported = 0;
  };
  return {
    push(bytes) {
      pushed += bytes.length;
      unreported += bytes.length;
      const { text, invalid } = decoder.decode(bytes);
      options.onText?.(text, bytes.length);
      emit(text, invalid);
    },
    end() {
      const { text, invalid } = decoder.end();
      if (text !== '') options.onText?.(text, 0);
      emit(text, invalid);
    },
  };
}
