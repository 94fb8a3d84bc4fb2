/**
 * The file a new collection is written to, from what the user typed: a
 * name, or a path inside the workspace, always ending in `.streams.json`.
 * Nothing outside the workspace folder can be named.
 */
import { COLLECTION_SUFFIX } from './model';

/** A checked relative file path (segments joined by `/`), or why the input cannot be one. */
export type CollectionFileName = { ok: true; path: string; name: string } | { ok: false; error: string };

/** Checks a new collection's name and gives its relative path. */
export function collectionFileName(input: string): CollectionFileName {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'A file name is needed' };
  if (text.includes('\\') || /^[A-Za-z]:/.test(text) || text.startsWith('/')) return { ok: false, error: 'Give a path inside the workspace, with / between folders (no drive, no leading /)' };
  const segments = text.split('/');
  if (segments.some((s) => s === '..')) return { ok: false, error: '".." would leave the workspace folder' };
  if (segments.some((s) => s === '' || s === '.' || s.trim() !== s)) return { ok: false, error: 'Empty, "." or space-padded folder names are not allowed' };
  // eslint-disable-next-line no-control-regex
  if (segments.some((s) => /[\u0000-\u001f<>:"|?*]/.test(s))) return { ok: false, error: 'File names cannot hold control characters or < > : " | ? *' };
  const path = text.endsWith(COLLECTION_SUFFIX) ? text : `${text}${COLLECTION_SUFFIX}`;
  const base = path.split('/').pop()!;
  const name = base.slice(0, -COLLECTION_SUFFIX.length);
  if (name === '') return { ok: false, error: `A name is needed before "${COLLECTION_SUFFIX}"` };
  return { ok: true, path, name };
}
