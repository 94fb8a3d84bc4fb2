/**
 * Reads a collection file without ever throwing: a broken or hand-edited
 * file gives a message saying what and where, so the rest keep working.
 */
import { expectProblems } from '../expect/validate';
import { flowProblems } from '../testing/flow-model';
import { findDuplicates, type CollectionWarning } from './duplicates';
import type { Collection, Environment, Folder, SavedRequest } from './model';

/** A parsed file, or why it cannot be used. */
export type ParsedCollection =
  | {
      ok: true;
      collection: Collection;
      indent: string;
      /** The file starts with a UTF-8 byte order mark (kept when it is written back). */
      bom: boolean;
      /** Likely mistakes that do not stop the file from working, with where they are. */
      warnings: CollectionWarning[];
    }
  | {
      ok: false;
      /** Every problem, one a line (at most 20 listed). */
      error: string;
      /** Each problem with where it is, when the file is JSON but not a valid collection. */
      problems?: string[];
    };

/** The byte order mark some Windows editors write at the start of UTF-8 files. */
export const BOM = '\uFEFF';

/** `text` without a leading byte order mark, and whether it had one. */
export function splitBom(text: string): { bom: boolean; body: string } {
  return text.startsWith(BOM) ? { bom: true, body: text.slice(1) } : { bom: false, body: text };
}

import { isJsonObject as isObject } from '../../shared/json-object';

function position(text: string, message: string): string {
  // V8 says "... at position N" (or "line L column C" in newer versions).
  const m = /position (\d+)/.exec(message);
  if (!m) return message;
  const upTo = text.slice(0, Number(m[1]));
  const line = upTo.split('\n').length;
  const column = upTo.length - upTo.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '').replace(/ at position \d+.*$/, '')} (line ${line}, column ${column})`;
}

/** The indentation a file uses, so writes keep it. */
export function detectIndent(text: string): string {
  const m = /^[{[]\s*\n([ \t]+)\S/.exec(text);
  return m ? m[1]! : '  ';
}

function checkKeyValues(x: unknown, where: string): string[] {
  if (x === undefined) return [];
  if (!Array.isArray(x)) return [`${where} must be a list`];
  return x.flatMap((r, i) => (!isObject(r) || typeof r.name !== 'string' || typeof r.value !== 'string' || (r.enabled !== undefined && typeof r.enabled !== 'boolean') ? [`${where}[${i}] needs "name" and "value" strings (and an optional boolean "enabled")`] : []));
}

function checkRequest(r: unknown, where: string): string[] {
  if (!isObject(r)) return [`${where} must be an object`];
  if (typeof r.name !== 'string' || r.name.trim() === '') return [`${where} needs a "name"`];
  const at = `${where} "${r.name}"`;
  const out: string[] = [];
  if (typeof r.method !== 'string') out.push(`${at} needs a "method"`);
  if (typeof r.url !== 'string') out.push(`${at} needs a "url"`);
  out.push(...checkKeyValues(r.params, `${at}.params`), ...checkKeyValues(r.headers, `${at}.headers`));
  if (r.body !== undefined) {
    const b = r.body;
    if (!isObject(b) || !['none', 'raw', 'json', 'form'].includes(String(b.kind))) out.push(`${at}.body.kind must be none, raw, json or form`);
    else if ((b.kind === 'raw' || b.kind === 'json') && typeof b.text !== 'string') out.push(`${at}.body needs a "text" string`);
    else if (b.kind === 'form') out.push(...checkKeyValues(b.fields ?? [], `${at}.body.fields`));
  }
  if (r.settings !== undefined && !isObject(r.settings)) out.push(`${at}.settings must be an object`);
  if (r.mcp !== undefined) {
    const m = r.mcp;
    if (!isObject(m) || typeof m.method !== 'string' || m.method === '') out.push(`${at}.mcp needs a "method" (e.g. "tools/call")`);
    else {
      if (m.params !== undefined && !isObject(m.params)) out.push(`${at}.mcp.params must be an object`);
      if (m.protocolVersion !== undefined && typeof m.protocolVersion !== 'string') out.push(`${at}.mcp.protocolVersion must be a string`);
    }
  }
  if (r.expect !== undefined) out.push(...expectProblems(r.expect, `${at}.expect`));
  return out;
}

function checkFolder(f: unknown, where: string, depth: number): string[] {
  if (!isObject(f)) return [`${where} must be an object`];
  if (typeof f.name !== 'string' || f.name.trim() === '') return [`${where} needs a "name"`];
  if (depth > 20) return [`${where}: folders are nested too deep`];
  return [...checkList(f.requests, `${where} "${f.name}".requests`, checkRequest), ...checkList(f.flows, `${where} "${f.name}".flows`, flowProblems), ...checkList(f.folders, `${where} "${f.name}".folders`, (x, w) => checkFolder(x, w, depth + 1))];
}

function checkList(x: unknown, where: string, check: (item: unknown, where: string) => string[]): string[] {
  if (x === undefined) return [];
  if (!Array.isArray(x)) return [`${where} must be a list`];
  return x.flatMap((item, i) => check(item, `${where}[${i}]`));
}

function checkEnvironment(e: unknown, where: string): string[] {
  if (!isObject(e) || typeof e.name !== 'string') return [`${where} needs a "name"`];
  if (!isObject(e.variables) || Object.values(e.variables).some((v) => typeof v !== 'string')) return [`${where} "${e.name}".variables must map names to strings`];
  return [];
}

/** Most problems a message lists; the rest are counted. */
const MAX_LISTED_PROBLEMS = 20;

/** One message for every problem of a file, one a line. */
function problemsText(problems: readonly string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length - listed.length;
  return [...listed, ...(more > 0 ? [`(and ${more} more)`] : [])].join('\n');
}

/** Parses and checks a collection file's text (a leading BOM is allowed). */
export function parseCollection(file: string): ParsedCollection {
  const { bom, body: text } = splitBom(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${position(text, err instanceof Error ? err.message : String(err))}` };
  }
  if (!isObject(value)) return { ok: false, error: 'A collection must be a JSON object' };
  if (value.version !== 1) return { ok: false, error: `Unsupported "version": ${JSON.stringify(value.version)} (this Stream Viewer reads version 1)` };
  const problems = [
    ...checkList(value.requests, 'requests', checkRequest),
    ...checkList(value.folders, 'folders', (f, w) => checkFolder(f, w, 0)),
    ...checkList(value.flows, 'flows', flowProblems),
    ...checkList(value.environments, 'environments', checkEnvironment),
  ];
  if (problems.length > 0) return { ok: false, error: problemsText(problems), problems };
  const collection = value as unknown as Collection;
  return { ok: true, collection, indent: detectIndent(text), bom, warnings: findDuplicates(collection, text) };
}

/** Type guards re-exported for callers that walk the tree. */
export type { CollectionWarning, Environment, Folder, SavedRequest };
