/**
 * `stream-viewer diff` and `stream-viewer export`: recordings compared and
 * converted from a terminal.
 */
import { parseArgs } from 'node:util';
import { diffLines, diffRecordings, type RecordingDiff } from '../core/recording/diff';
import { toHar, toNdjson, toRawText } from '../core/recording/export';
import { parseRecording, RecordingFormatError, type Recording } from '../core/recording/format';
import type { Palette } from './listing';
import { previewText } from '../shared/format';
import { readTextFile, UsageError } from './args';
import { printable } from './terminal-text';

/** Reads a recording file with a clear error. */
export function readRecording(path: string): Recording {
  const text = readTextFile(path);
  try {
    return parseRecording(text);
  } catch (err) {
    if (err instanceof RecordingFormatError) throw new UsageError(`${path}: ${err.message}`);
    throw err;
  }
}

function listDiff(d: RecordingDiff, p: Palette): string {
  const colour = { added: p.green, removed: p.red, changed: p.yellow, summary: d.same ? p.green : (t: string) => t, timing: p.dim };
  // Recorded text is the server's: its control characters are shown, not sent to the terminal.
  return diffLines(d, previewText).map((l) => colour[l.kind](printable(l.text))).join('\n') + '\n';
}

/** Runs a recording subcommand; returns the exit code (diff: 0 same, 1 different). */
export function runRecordingCommand(command: 'diff' | 'export', argv: string[], p: Palette, version: string): number {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, as: { type: 'string' }, 'no-color': { type: 'boolean' } } });
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
  })();
  if (command === 'diff') {
    if (positionals.length !== 2) throw new UsageError('diff needs two recordings: stream-viewer diff <a> <b>');
    const d = diffRecordings(readRecording(positionals[0]!), readRecording(positionals[1]!));
    process.stdout.write(values.json ? JSON.stringify({ type: 'diff', ...d }) + '\n' : listDiff(d, p));
    return d.same ? 0 : 1;
  }
  if (positionals.length !== 1) throw new UsageError('export needs one recording: stream-viewer export <recording> --as sse|ndjson|har');
  const rec = readRecording(positionals[0]!);
  switch (values.as) {
    case 'sse':
    case 'raw':
      process.stdout.write(toRawText(rec));
      return 0;
    case 'ndjson':
      process.stdout.write(toNdjson(rec));
      return 0;
    case 'har':
      process.stdout.write(toHar(rec, version));
      return 0;
    default:
      throw new UsageError(`--as must be sse, ndjson or har${values.as ? `, got "${values.as}"` : ''}`);
  }
}
