/**
 * Operations on a collection's requests and folders, addressed by path
 * (folder names, then the request name). They change the parsed object in
 * place, so keys the user wrote keep their order when the file is written.
 */
import type { RequestSpec, StreamSettings } from '../spec';
import type { Collection, Folder, SavedRequest } from './model';

/** Folder names, then the request name. */
export type RequestPath = readonly string[];

/** Something that holds requests and folders: the collection or a folder. */
interface Container {
  requests?: SavedRequest[];
  folders?: Folder[];
}

/** Every request with its path, depth first. */
export function listRequests(c: Collection): { path: string[]; request: SavedRequest }[] {
  const out: { path: string[]; request: SavedRequest }[] = [];
  const walk = (node: Container, prefix: string[]): void => {
    for (const r of node.requests ?? []) out.push({ path: [...prefix, r.name], request: r });
    for (const f of node.folders ?? []) walk(f, [...prefix, f.name]);
  };
  walk(c, []);
  return out;
}

/** The folder at `path` ([] is the collection itself). */
export function findFolder(c: Collection, path: readonly string[]): Container | undefined {
  let node: Container = c;
  for (const name of path) {
    const next = node.folders?.find((f) => f.name === name);
    if (!next) return undefined;
    node = next;
  }
  return node;
}

/** The request at `path`. */
export function findRequest(c: Collection, path: RequestPath): SavedRequest | undefined {
  return findFolder(c, path.slice(0, -1))?.requests?.find((r) => r.name === path[path.length - 1]);
}

/** Finds a request by "folder/name", by name alone when unique, case-sensitively. */
export function lookupRequest(c: Collection, query: string): { path: string[]; request: SavedRequest } | { error: string } {
  const all = listRequests(c);
  const exact = all.find((r) => r.path.join('/') === query);
  if (exact) return exact;
  const byName = all.filter((r) => r.request.name === query);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) return { error: `"${query}" names ${byName.length} requests: use its folder path, e.g. "${byName[0]!.path.join('/')}"` };
  return { error: `No request "${query}". The collection has: ${all.map((r) => r.path.join('/')).join(', ') || 'no requests'}` };
}

/** A name not yet used among `taken`: `base`, `base 2`, `base 3`... */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} ${i}`)) return `${base} ${i}`;
}

function folderOrThrow(c: Collection, path: readonly string[]): Container {
  const f = findFolder(c, path);
  if (!f) throw new Error(`No folder ${path.join('/')}`);
  return f;
}

/** Adds a request to a folder (renamed if the name is taken); returns its path. */
export function addRequest(c: Collection, folder: readonly string[], request: SavedRequest): string[] {
  const node = folderOrThrow(c, folder);
  node.requests ??= [];
  const name = uniqueName(request.name, node.requests.map((r) => r.name));
  node.requests.push({ ...request, name });
  return [...folder, name];
}

/** Replaces the request at `path` with `request`, keeping the keys' order of the old one. */
export function updateRequest(c: Collection, path: RequestPath, request: SavedRequest): void {
  const node = folderOrThrow(c, path.slice(0, -1));
  const i = node.requests?.findIndex((r) => r.name === path[path.length - 1]) ?? -1;
  if (i === -1) throw new Error(`No request ${path.join('/')}`);
  const old = node.requests![i]!;
  const merged: Record<string, unknown> = {};
  // Known keys in the order the file had them, then new ones.
  for (const key of Object.keys(old)) if (key in request) merged[key] = (request as unknown as Record<string, unknown>)[key];
  for (const [key, value] of Object.entries(request)) if (!(key in merged) && value !== undefined) merged[key] = value;
  node.requests![i] = merged as unknown as SavedRequest;
}

/** Removes the request at `path`; returns it. */
export function removeRequest(c: Collection, path: RequestPath): SavedRequest {
  const node = folderOrThrow(c, path.slice(0, -1));
  const i = node.requests?.findIndex((r) => r.name === path[path.length - 1]) ?? -1;
  if (i === -1) throw new Error(`No request ${path.join('/')}`);
  return node.requests!.splice(i, 1)[0]!;
}

/** Renames a request (the new name must be free in its folder). */
export function renameRequest(c: Collection, path: RequestPath, name: string): string[] {
  const node = folderOrThrow(c, path.slice(0, -1));
  const r = findRequest(c, path);
  if (!r) throw new Error(`No request ${path.join('/')}`);
  if (name !== r.name && node.requests!.some((x) => x.name === name)) throw new Error(`A request named "${name}" already exists there`);
  r.name = name;
  return [...path.slice(0, -1), name];
}

/** Copies a request next to itself as "<name> copy". */
export function duplicateRequest(c: Collection, path: RequestPath): string[] {
  const r = findRequest(c, path);
  if (!r) throw new Error(`No request ${path.join('/')}`);
  return addRequest(c, path.slice(0, -1), { ...structuredClone(r), name: `${r.name} copy` });
}

/** Adds a folder; returns its path. */
export function addFolder(c: Collection, parent: readonly string[], name: string): string[] {
  const node = folderOrThrow(c, parent);
  node.folders ??= [];
  const unique = uniqueName(name, node.folders.map((f) => f.name));
  node.folders.push({ name: unique, requests: [] });
  return [...parent, unique];
}

/** Removes a folder with everything in it. */
export function removeFolder(c: Collection, path: readonly string[]): void {
  const parent = folderOrThrow(c, path.slice(0, -1));
  const i = parent.folders?.findIndex((f) => f.name === path[path.length - 1]) ?? -1;
  if (i === -1) throw new Error(`No folder ${path.join('/')}`);
  parent.folders!.splice(i, 1);
}

/** Moves a request to a folder of the same or another collection; returns its new path. */
export function moveRequest(from: Collection, path: RequestPath, to: Collection, folder: readonly string[]): string[] {
  folderOrThrow(to, folder);
  const r = removeRequest(from, path);
  return addRequest(to, folder, r);
}

/** The editor's request and settings for a saved request. */
export function toSpec(r: SavedRequest): { spec: RequestSpec; settings: StreamSettings } {
  return {
    spec: { method: r.method, url: r.url, params: r.params, headers: r.headers, body: r.body },
    settings: { ...(r.settings ?? {}) },
  };
}

/** A saved request from what the editor holds. */
export function fromSpec(name: string, spec: RequestSpec, settings: StreamSettings): SavedRequest {
  const saved: SavedRequest = { name, method: spec.method, url: spec.url };
  if (spec.params && spec.params.length > 0) saved.params = spec.params;
  if (spec.headers && spec.headers.length > 0) saved.headers = spec.headers;
  if (spec.body && spec.body.kind !== 'none') saved.body = spec.body;
  const { format, timeoutMs, reconnect, followRedirects } = settings;
  const kept = Object.fromEntries(Object.entries({ format: format === 'auto' ? undefined : format, timeoutMs, reconnect: reconnect?.enabled ? reconnect : undefined, followRedirects: followRedirects === false ? false : undefined }).filter(([, v]) => v !== undefined));
  if (Object.keys(kept).length > 0) saved.settings = kept;
  return saved;
}
