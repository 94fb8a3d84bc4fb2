/**
 * Whether a text is one JSON text, decided without building its value.
 *
 * The diagnostics ask this of every SSE event whose data looks like JSON, on
 * streams of hundreds of thousands of events. `JSON.parse` answers it too, but
 * allocates every object, key and string only to drop them: this scanner
 * accepts exactly what `JSON.parse` accepts (RFC 8259 as ECMA-262 reads it:
 * four whitespace characters, no control characters in strings, lone
 * surrogates allowed) at about half the cost and with no garbage.
 */

/** A string's body up to its first quote, backslash or control character (the common case: none). */
// eslint-disable-next-line no-control-regex -- JSON forbids control characters in strings: finding them is the point.
const PLAIN_STRING = /[^"\\\u0000-\u001f]*/y;
/** A whole string, escapes included (sticky: matched at `lastIndex`). */
// eslint-disable-next-line no-control-regex -- as above.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const OBJECT = 1;
const ARRAY = 2;

/** Index of the first character at or after `i` that is not JSON whitespace. */
function skipSpace(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i);
  return i;
}

/** End of the string that starts at `i` (a quote), or -1 when it is not a JSON string. */
function stringEnd(s: string, i: number): number {
  PLAIN_STRING.lastIndex = i + 1;
  PLAIN_STRING.test(s);
  const j = PLAIN_STRING.lastIndex;
  if (s.charCodeAt(j) === 34) return j + 1;
  STRING.lastIndex = i;
  return STRING.test(s) ? STRING.lastIndex : -1;
}

/** End of `"key":` at `i` (after the colon), or -1. */
function keyEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== 34) return -1;
  const end = stringEnd(s, i);
  if (end < 0) return -1;
  const colon = skipSpace(s, end);
  return s.charCodeAt(colon) === 58 ? colon + 1 : -1;
}

/** End of the scalar (string, number, literal) at `i`, or -1. */
function scalarEnd(s: string, i: number, c: number): number {
  if (c === 34) return stringEnd(s, i);
  if (c === 116) return s.startsWith('true', i) ? i + 4 : -1;
  if (c === 102) return s.startsWith('false', i) ? i + 5 : -1;
  if (c === 110) return s.startsWith('null', i) ? i + 4 : -1;
  NUMBER.lastIndex = i;
  return NUMBER.test(s) && NUMBER.lastIndex > i ? NUMBER.lastIndex : -1;
}

/** Whether `text` is exactly one JSON text: what `JSON.parse` would accept. */
export function isJson(text: string): boolean {
  // Open containers, innermost last; an array, not recursion, so nesting depth costs no stack.
  const open: number[] = [];
  let i = 0;
  for (;;) {
    // A value starts here.
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      const close = c === 123 ? 125 : 93;
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === close) i++;
      else {
        open.push(c === 123 ? OBJECT : ARRAY);
        if (c === 123 && (i = keyEnd(text, i)) < 0) return false;
        continue;
      }
    } else if ((i = scalarEnd(text, i, c)) < 0) return false;
    // A value ended: close what it ends, or go on after a comma.
    for (;;) {
      i = skipSpace(text, i);
      if (open.length === 0) return i === text.length;
      const top = open[open.length - 1];
      const c2 = text.charCodeAt(i);
      if (c2 === 44) {
        i++;
        if (top === OBJECT && (i = keyEnd(text, skipSpace(text, i))) < 0) return false;
        break;
      }
      if (c2 !== (top === OBJECT ? 125 : 93)) return false;
      open.pop();
      i++;
    }
  }
}
