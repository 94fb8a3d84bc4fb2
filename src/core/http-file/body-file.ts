/**
 * `< ./file` and `<@ ./file` bodies of a `.http` block, read the same way
 * from the CLI and from VS Code: the path is taken relative to the `.http`
 * file's folder (an absolute path stays as it is), only a regular file is
 * read (not `/dev/zero`, a FIFO or a folder), and no more than a request
 * may hold. A request body is text in Stream Viewer (editor, collections,
 * recordings), so the file must be UTF-8: its bytes then go out unchanged
 * (a byte order mark included); a binary file is refused rather than sent
 * altered.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MAX_REQUEST_EXPANSION } from '../variables';
import type { BodyFileReference, HttpBlock } from './model';

/** Largest body file read: the most a request may hold (README: 16 MiB a request). */
export const MAX_BODY_FILE_BYTES = MAX_REQUEST_EXPANSION;

/** Why a body file was not read; the message names the file as the block wrote it. */
export class BodyFileError extends Error {
  override name = 'BodyFileError';
}

/** Where a block's body file is: relative to the `.http` file's folder unless absolute. */
export function bodyFilePath(httpFile: string, ref: BodyFileReference): string {
  return resolve(dirname(httpFile), ref.path);
}


/** Where the file is and how messages name it. */
function locate(httpFile: string, ref: BodyFileReference): { path: string; fail: (why: string) => never } {
  const path = bodyFilePath(httpFile, ref);
  const named = ref.path === path ? path : `${ref.path} (${path})`;
  return {
    path,
    fail: (why) => {
      throw new BodyFileError(`the body file ${named} ${why}`);
    },
  };
}

/** The size of a body file that may be read; throws a `BodyFileError` for one that is missing, not a regular file or too big. */
function checkedSize(path: string, fail: (why: string) => never): number {
  try {
    // Looked at before opening: opening a FIFO would wait for a writer.
    const st = statSync(path);
    if (!st.isFile()) fail(`is not a regular file${st.isDirectory() ? ' (it is a folder)' : ''}: only files are sent as bodies`);
    if (st.size > MAX_BODY_FILE_BYTES) fail(`is ${st.size} bytes; a request body is at most ${MAX_BODY_FILE_BYTES} bytes (16 MiB)`);
    return st.size;
  } catch (err) {
    if (err instanceof BodyFileError) throw err;
    return fail(`cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/**
 * Marks blocks whose body file is missing, not a regular file or too big
 * as not sendable, with the reason, from a look at the file (not a read):
 * cheap enough for an editor's lenses on every change.
 */
export function markBodyFileProblems(httpFile: string, blocks: readonly HttpBlock[]): void {
  for (const b of blocks) {
    if (b.bodyFile === undefined || b.unsupported !== undefined) continue;
    const { path, fail } = locate(httpFile, b.bodyFile);
    try {
      checkedSize(path, fail);
    } catch (err) {
      const message = (err as Error).message;
      b.unsupported = `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    }
  }
}

/** The text of a block's body file; throws a `BodyFileError` saying why when it cannot be sent. */
export function readBodyFile(httpFile: string, ref: BodyFileReference): string {
  const { path, fail } = locate(httpFile, ref);
  const size = checkedSize(path, fail);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return fail(`cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let bytes: Buffer;
  try {
    if (!fstatSync(fd).isFile()) fail('is not a regular file');
    // At most one byte past the cap, whatever the size said: a file may grow between the two looks.
    bytes = Buffer.alloc(Math.min(size, MAX_BODY_FILE_BYTES) + 1);
    let read = 0;
    for (let n = 1; n > 0 && read < bytes.length; read += n) n = readSync(fd, bytes, read, bytes.length - read, null);
    if (read > MAX_BODY_FILE_BYTES) fail(`grew past ${MAX_BODY_FILE_BYTES} bytes (16 MiB), the most a request body may be`);
    bytes = bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail('is not UTF-8 text: request bodies are text here, and a binary file would not arrive as it is');
  }
}
