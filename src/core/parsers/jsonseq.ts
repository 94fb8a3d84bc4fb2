/**
 * JSON text sequences (RFC 7464). A record is everything between one RS
 * (0x1E) and the next (or the end of the body), so the body is split at RS
 * bytes and each record is decoded and parsed once: linear in the body, and
 * bounded by the record limit like NDJSON lines. `RS {"a":1} LF junk RS` is
 * one invalid record (§2.1). Objects, arrays and strings end themselves, so
 * they need no LF before the next RS; a top-level number, `true`, `false`
 * or `null` not followed by whitespace may be cut short and is reported as
 * truncated (§2.4). Consecutive RS bytes are no empty records.
 *
 * A record is only known to be over when the next RS (or the end) arrives:
 * until then more text may follow that makes it invalid, so each record is
 * emitted when its successor starts — or, on a live stream, when the body has
 * been quiet for a moment (`settle`) and the record so far is a valid JSON
 * text ended by LF, as writers send it. Text that then still arrives before
 * the next RS is reported on its own, naming the record it followed.
 */
import { parseJson, RecordSplitter, type OnRecord } from './lines';
import type { BodyParser, ParserContext } from './parser';

/** JSON's own whitespace (RFC 8259 `ws`), which may surround a JSON text. */
const JSON_WS = /^[ \t\n\r]+|[ \t\n\r]+$/g;

/** Whether a JSON text ends itself (`}`, `]`, `"`), so nothing after it can extend it. */
function selfDelimited(json: unknown): boolean {
  return typeof json === 'string' || (typeof json === 'object' && json !== null);
}

/** Creates the json-seq parser for one response body. */
export function createJsonSeqParser(ctx: ParserContext, options: { baseOffset: number }): BodyParser {
  /** The text before the first RS is no record. */
  let beforeFirstRs = true;
  /** The open record, already shown by `settle`: its seq and how much of its text that was. */
  let settled: { seq: number; length: number } | undefined;

  const onRecord: OnRecord = (text, size, end, terminated) => {
    if (settled) {
      const shown = settled;
      settled = undefined;
      const rest = text.slice(shown.length).replace(JSON_WS, '');
      if (rest !== '') {
        ctx.emit({ kind: 'error', t: ctx.now(), offset: end, code: 'invalid-json', fatal: false, message: `Text after record #${shown.seq}, before the next record separator (RS): the record is not one JSON text (RFC 7464 §2.1)`, body: rest });
      }
      return;
    }
    const data = text.replace(JSON_WS, '');
    if (beforeFirstRs) {
      beforeFirstRs = false;
      if (data !== '') {
        ctx.emit({ kind: 'error', t: ctx.now(), offset: end, code: 'invalid-json', fatal: false, message: 'Text before the first record separator (RS) was ignored', body: data });
      }
      return;
    }
    if (data === '') return;
    const parsed = parseJson(data);
    let outcome: { json: unknown } | { error: string };
    if ('error' in parsed) {
      outcome = { error: terminated ? `Not valid JSON: ${parsed.error}` : `Not valid JSON; the stream ended in it, so it may be cut off: ${parsed.error}` };
    } else if (!selfDelimited(parsed.json) && !/[ \t\n\r]$/.test(text)) {
      outcome = { error: 'Possibly truncated: a top-level number, true, false or null must be followed by whitespace such as LF (RFC 7464 §2.4)' };
    } else outcome = parsed;
    ctx.emit({ kind: 'message', format: 'json-seq', t: ctx.now(), offset: end, data, ...outcome, size, seq: ctx.nextSeq() });
  };

  const splitter = new RecordSplitter(ctx, options.baseOffset, 0x1e, onRecord, () => {
    // An oversized text before the first RS is skipped like a record; what follows the RS is one.
    beforeFirstRs = false;
  });
  return {
    push: (bytes) => splitter.push(bytes),
    end: () => splitter.end(),
    settle: () => {
      if (settled || beforeFirstRs) return;
      const text = splitter.peek();
      // Only a record its writer ended: a JSON text and then LF (the end-seq of RFC 7464).
      if (text === undefined || !text.endsWith('\n')) return;
      const data = text.replace(JSON_WS, '');
      if (data === '') return;
      const parsed = parseJson(data);
      if ('error' in parsed) return;
      const seq = ctx.nextSeq();
      settled = { seq, length: text.length };
      ctx.emit({ kind: 'message', format: 'json-seq', t: ctx.now(), offset: splitter.offset, data, json: parsed.json, size: new TextEncoder().encode(text).length, seq });
    },
  };
}
