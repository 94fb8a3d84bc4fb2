/**
 * Whether a text is one JSON text, decided without building its value.
 *
 * The diagnostics ask this of every SSE event whose data looks like JSON, on
 * streams of hundreds of thousands of events. `JSON.parse` answers it too, but
 * allocates every object, key and string only to drop them: this scanner
 * accepts exactly what `JSON.parse` accepts (RFC 8259 as ECMA-262 reads it:
 * four whitespace characters, no control characters in strings, lone
 * surrogates allowed) in about half the time and with no garbage.
 */

/** A backslash or a control character: text without any has only plain strings, each ending at the next quote. */
// eslint-disable-next-line no-control-regex -- JSON forbids control characters in strings: finding them is the point.
const ESCAPE_OR_CONTROL = /[\\\u0000-\u001f]/;
/** A whole string, escapes included (sticky: matched at `lastIndex`). */
// eslint-disable-next-line no-control-regex -- as above.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

/** End of the string with escapes or control characters that starts at `i`, or -1 (the rare case: a pattern reads it). */
function escapedStringEnd(s: string, i: number): number {
  STRING.lastIndex = i;
  return STRING.test(s) ? STRING.lastIndex : -1;
}

/** End of a number with a fraction or an exponent that starts at `i`, or -1. */
function decimalEnd(s: string, i: number): number {
  NUMBER.lastIndex = i;
  return NUMBER.test(s) ? NUMBER.lastIndex : -1;
}

/**
 * Whether `text` is exactly one JSON text: what `JSON.parse` would accept.
 * One loop with the common cases written out in it (whitespace, plain
 * strings, integers): split into small functions, it ran a third slower.
 */
export function isJson(text: string): boolean {
  // Without backslashes and control characters (nearly all event data), every string ends at its next quote.
  const plain = !ESCAPE_OR_CONTROL.test(text);
  // The closing character of each open container, innermost last: an array, not recursion, so depth costs no stack.
  const open: number[] = [];
  const n = text.length;
  let i = 0;
  let c: number;
  for (;;) {
    // A value starts here.
    c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
    let key = false;
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const close = c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
      c = text.charCodeAt(++i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
      if (c === close) i++;
      else if (close === CLOSE_ARRAY) {
        open.push(close);
        continue;
      } else {
        open.push(close);
        key = true;
      }
    } else if (c === QUOTE) {
      i = plain ? text.indexOf('"', i + 1) + 1 : escapedStringEnd(text, i);
      if (i <= 0) return false;
    } else if (c === 116) {
      if (!text.startsWith('true', i)) return false;
      i += 4;
    } else if (c === 102) {
      if (!text.startsWith('false', i)) return false;
      i += 5;
    } else if (c === 110) {
      if (!text.startsWith('null', i)) return false;
      i += 4;
    } else {
      // A number: integers here, fractions and exponents by the grammar's pattern.
      const start = i;
      if (c === 45) c = text.charCodeAt(++i);
      if (c === 48) c = text.charCodeAt(++i);
      else if (c >= 49 && c <= 57) {
        do c = text.charCodeAt(++i);
        while (c >= 48 && c <= 57);
      } else return false;
      if (c === 46 || c === 101 || c === 69) i = decimalEnd(text, start);
      if (i < 0) return false;
    }
    // A value ended (or an object opened): read a key, close what the value ends, or go on after a comma.
    for (;;) {
      if (key) {
        c = text.charCodeAt(i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
        if (c !== QUOTE) return false;
        i = plain ? text.indexOf('"', i + 1) + 1 : escapedStringEnd(text, i);
        if (i <= 0) return false;
        c = text.charCodeAt(i);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
        if (c !== COLON) return false;
        i++;
        break;
      }
      c = text.charCodeAt(i);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
      if (open.length === 0) return i === n;
      const close = open[open.length - 1];
      if (c === COMMA) {
        i++;
        if (close === CLOSE_ARRAY) break;
        key = true;
        continue;
      }
      if (c !== close) return false;
      open.pop();
      i++;
    }
  }
}
