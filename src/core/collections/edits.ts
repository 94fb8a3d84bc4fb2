/**
 * Changes to a collection file made as text edits (jsonc-parser, as VS Code
 * edits settings.json): only the changed request or folder is rewritten,
 * every other byte of the user's file stays as it was, so diffs are small.
 */
import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { Collection, Folder, SavedRequest } from './model';
import { BOM, detectIndent, parseCollection, splitBom } from './parse';
import { findRequest, uniqueName } from './tree';

/** Folder names, then the request name. */
type Path = readonly string[];

function formatting(text: string): FormattingOptions {
  const indent = detectIndent(text);
  return { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n', insertFinalNewline: true };
}

function load(text: string): Collection {
  const parsed = parseCollection(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.collection;
}

/** Runs an edit on the file's text without its byte order mark, and puts the mark back. */
function keepingBom<T extends { text: string }>(file: string, change: (text: string) => T): T {
  const { bom, body } = splitBom(file);
  const out = change(body);
  return bom ? { ...out, text: BOM + out.text } : out;
}

/** keepingBom for edits that return only the text. */
function keepingBomText(file: string, change: (text: string) => string): string {
  return keepingBom(file, (text) => ({ text: change(text) })).text;
}

/** The JSON path of a folder ([] for the collection) — indices in `folders`. */
function folderJsonPath(c: Collection, folder: Path): { json: JSONPath; node: { requests?: SavedRequest[]; folders?: Folder[] } } {
  let node: { requests?: SavedRequest[]; folders?: Folder[] } = c;
  const json: JSONPath = [];
  for (const name of folder) {
    const i = node.folders?.findIndex((f) => f.name === name) ?? -1;
    if (i === -1) throw new Error(`No folder ${folder.join('/')}`);
    json.push('folders', i);
    node = node.folders![i]!;
  }
  return { json, node };
}

function requestJsonPath(c: Collection, path: Path): JSONPath {
  const { json, node } = folderJsonPath(c, path.slice(0, -1));
  const i = node.requests?.findIndex((r) => r.name === path[path.length - 1]) ?? -1;
  if (i === -1) throw new Error(`No request ${path.join('/')}`);
  return [...json, 'requests', i];
}

/** Like requestJsonPath, but refuses a name two requests share: writing could replace the wrong one. */
function uniqueRequestJsonPath(c: Collection, path: Path): JSONPath {
  const { node } = folderJsonPath(c, path.slice(0, -1));
  const count = node.requests?.filter((r) => r.name === path[path.length - 1]).length ?? 0;
  if (count > 1) throw new Error(`${count} requests are named "${path.join('/')}" in this file: rename one there first, so that saving cannot replace the wrong one`);
  return requestJsonPath(c, path);
}

function edit(text: string, path: JSONPath, value: unknown, insert = false): string {
  return applyEdits(text, modify(text, path, value, { formattingOptions: formatting(text), isArrayInsertion: insert }));
}

/** Replaces a saved request; keys keep the order the file had. Refuses a name two requests share. */
export function writeRequest(file: string, path: Path, request: SavedRequest): string {
  return keepingBomText(file, (text) => {
    const c = load(text);
    const old = findRequest(c, path);
    if (!old) throw new Error(`No request ${path.join('/')}`);
    const ordered: Record<string, unknown> = {};
    for (const key of Object.keys(old)) if (key in request) ordered[key] = (request as unknown as Record<string, unknown>)[key];
    for (const [key, value] of Object.entries(request)) if (!(key in ordered) && value !== undefined) ordered[key] = value;
    return edit(text, uniqueRequestJsonPath(c, path), ordered);
  });
}

/** What insertRequest does when the name is taken: pick a free one ("name 2"), or refuse. */
export type TakenName = 'rename' | 'refuse';

/** Adds a request at the end of a folder; returns the text and its path. */
export function insertRequest(file: string, folder: Path, request: SavedRequest, taken: TakenName = 'rename'): { text: string; path: string[] } {
  return keepingBom(file, (text) => {
    const c = load(text);
    const { json, node } = folderJsonPath(c, folder);
    const names = (node.requests ?? []).map((r) => r.name);
    if (taken === 'refuse' && names.includes(request.name)) throw new Error(`A request named "${[...folder, request.name].join('/')}" already exists: choose another name, or open it and save over it`);
    const name = uniqueName(request.name, names);
    const saved = { ...request, name };
    const out = node.requests ? edit(text, [...json, 'requests', node.requests.length], saved, true) : edit(text, [...json, 'requests'], [saved]);
    return { text: out, path: [...folder, name] };
  });
}

/** Removes a request. */
export function deleteRequest(file: string, path: Path): string {
  return keepingBomText(file, (text) => edit(text, requestJsonPath(load(text), path), undefined));
}

/** Renames a request; the name must be free in its folder. */
export function renameRequestText(file: string, path: Path, name: string): string {
  return keepingBomText(file, (text) => {
    const c = load(text);
    const { node } = folderJsonPath(c, path.slice(0, -1));
    if (name !== path[path.length - 1] && node.requests?.some((r) => r.name === name)) throw new Error(`A request named "${name}" already exists there`);
    return edit(text, [...requestJsonPath(c, path), 'name'], name);
  });
}

/** Adds a folder; returns the text and its path. */
export function insertFolder(file: string, parent: Path, name: string): { text: string; path: string[] } {
  return keepingBom(file, (text) => {
    const c = load(text);
    const { json, node } = folderJsonPath(c, parent);
    const unique = uniqueName(name, (node.folders ?? []).map((f) => f.name));
    const folder = { name: unique, requests: [] };
    const out = node.folders ? edit(text, [...json, 'folders', node.folders.length], folder, true) : edit(text, [...json, 'folders'], [folder]);
    return { text: out, path: [...parent, unique] };
  });
}

/** Removes a folder and everything in it. */
export function deleteFolder(file: string, path: Path): string {
  return keepingBomText(file, (text) => edit(text, folderJsonPath(load(text), path).json, undefined));
}

/** Renames a folder; the name must be free beside it. */
export function renameFolderText(file: string, path: Path, name: string): string {
  return keepingBomText(file, (text) => {
    const c = load(text);
    const { node } = folderJsonPath(c, path.slice(0, -1));
    if (name !== path[path.length - 1] && node.folders?.some((f) => f.name === name)) throw new Error(`A folder named "${name}" already exists there`);
    return edit(text, [...folderJsonPath(c, path).json, 'name'], name);
  });
}

/** A new, empty collection file. */
export function newCollectionText(name: string): string {
  return JSON.stringify({ version: 1, name, requests: [], environments: [{ name: 'local', variables: { baseUrl: 'http://127.0.0.1:3001' } }] }, null, 2) + '\n';
}
