/** A text cut into lines that remember where they are, for parsers that must write back in place. */

/** One line: `text` without its line break; `start`/`end` bound it, `next` is where the next line starts. */
export interface Line {
  text: string;
  start: number;
  end: number;
  next: number;
  /** 1-based. */
  number: number;
}

/** Every line of `text` (`\n`, `\r\n` or `\r` ends one); a final line break opens no empty last line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    lines.push({ text: text.slice(start, m.index), start, end: m.index, next: m.index + m[0].length, number: lines.length + 1 });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), start, end: text.length, next: text.length, number: lines.length + 1 });
  return lines;
}
