/**
 * Names of recording files: a stem suggested from the request, the
 * `.streamrec.jsonl` extension kept whatever a save dialog or a user does
 * to it, and the short name a replay is labelled with.
 */
import { RECORDING_EXTENSION } from './format';
import { replaceLeadingVariable, replaceVariables } from '../../shared/variable-syntax';

/** A file-name stem for a recording: the saved request's name, else the URL's last path segment. */
export function recordingStem(url: string, savedName?: string): string {
  const slug = (s: string): string => replaceVariables(s, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 60);
  if (savedName && slug(savedName)) return slug(savedName);
  const path = replaceLeadingVariable(url, '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
  const last = path.split('/').map(slug).filter((s) => s !== '').pop();
  return last ?? 'stream';
}

/**
 * `name` ending in `.streamrec.jsonl`. A save dialog treats only `.jsonl` as
 * the extension, so a name typed over its selection keeps `.jsonl` alone:
 * that, or no extension at all, is completed.
 */
export function withRecordingExtension(name: string): string {
  if (name.endsWith(RECORDING_EXTENSION)) return name;
  const stem = name.endsWith('.jsonl') ? name.slice(0, -'.jsonl'.length) : name;
  return `${stem}${RECORDING_EXTENSION}`;
}

/** A recording's short name: its file name without folders and extension. */
export function recordingName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.endsWith(RECORDING_EXTENSION) ? base.slice(0, -RECORDING_EXTENSION.length) : base.replace(/\.jsonl$/, '');
}
