/**
 * The one change that turns a text into another, cut at line boundaries:
 * what an editor edit needs to rewrite only the lines that differ, so undo
 * restores them and a `\r\n` is never split.
 */

/** Replace `[start, end)` of the old text with `text` to get the new one. */
export interface LineChange {
  start: number;
  end: number;
  text: string;
}

/** The smallest run of whole lines of `before` to replace with a run of `after` (empty when they are equal). */
export function lineAlignedChange(before: string, after: string): LineChange {
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Back to the start of the line the first difference is on.
  p = p === before.length && p === after.length ? p : lineStart(before, p);
  let q = 0;
  while (q < max - p && before.charCodeAt(before.length - 1 - q) === after.charCodeAt(after.length - 1 - q)) q++;
  // The kept tail starts a line (it is the same in both texts, so one check holds for both).
  while (q > 0 && !startsLine(before, before.length - q)) q--;
  return { start: p, end: before.length - q, text: after.slice(p, after.length - q) };
}

function lineStart(text: string, at: number): number {
  let i = at;
  while (!startsLine(text, i)) i--;
  return i;
}

/** Whether a line starts at `at` (a `\r` that a `\n` follows does not end a line). */
function startsLine(text: string, at: number): boolean {
  if (at === 0) return true;
  const prev = text[at - 1];
  return prev === '\n' || (prev === '\r' && text[at] !== '\n');
}
