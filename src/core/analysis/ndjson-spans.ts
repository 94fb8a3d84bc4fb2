/**
 * Finds an NDJSON record written over several lines (pretty-printed JSON):
 * a run of invalid lines that parses once joined. Lines are kept only from
 * a line that can open a record (`{` or `[`), up to `MAX_SPAN` characters
 * in all, and the joined text is parsed only when a line can close one, so
 * a stream of huge or endless invalid lines costs a check per line, not a
 * re-join of everything seen.
 */
import { isJson } from '../json-text';

/** Longest pretty-printed record looked for, in characters. */
const MAX_SPAN = 64 * 1024;

/** Openings of records tried at most, newest kept. */
const MAX_STARTS = 8;

/** Watches consecutive invalid NDJSON lines. */
export class SpannedRecordFinder {
  private text = '';
  /** Where lines that can open a record start in `text`, with the `seq` of their message. */
  private starts: { at: number; seq: number }[] = [];

  /** A valid line ends any run. */
  reset(): void {
    this.text = '';
    this.starts = [];
  }

  /**
   * Adds an invalid line; returns the `seq` of the first line of a record
   * spread over lines, once the lines since it parse as one JSON text.
   */
  add(line: string, seq: number): number | undefined {
    const trimmed = line.trim();
    const opens = trimmed.startsWith('{') || trimmed.startsWith('[');
    if (this.text.length + line.length + 1 > MAX_SPAN) this.reset();
    if (!opens && this.starts.length === 0) return undefined;
    if (line.length >= MAX_SPAN) return undefined;
    const at = this.text === '' ? 0 : this.text.length + 1;
    this.text = this.text === '' ? line : `${this.text}\n${line}`;
    if (opens) {
      this.starts.push({ at, seq });
      if (this.starts.length > MAX_STARTS) this.starts.shift();
    }
    if (!trimmed.endsWith('}') && !trimmed.endsWith(']')) return undefined;
    for (const start of this.starts) {
      if (isJson(this.text.slice(start.at))) {
        this.reset();
        return start.seq;
      }
    }
    return undefined;
  }
}
