/**
 * Reading a collection's requests and folders, addressed by path (folder
 * names, then the request name). Changes go through edits.ts, which rewrites
 * only the changed part of the file.
 */
import type { RequestSpec, StreamSettings } from '../spec';
import type { Collection, Folder, SavedRequest } from './model';
import { listSome } from '../../shared/format';

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

/**
 * Finds a request by "folder/name", or by its name alone when one request
 * has it, case-sensitively. A query two requests answer is an error listing
 * them: running or opening the first one silently would be a guess.
 */
export function lookupRequest(c: Collection, query: string): { path: string[]; request: SavedRequest } | { error: string; candidates?: string[] } {
  const all = listRequests(c);
  const exact = all.filter((r) => r.path.join('/') === query);
  const matches = exact.length > 0 ? exact : all.filter((r) => r.request.name === query);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const candidates = matches.map((r) => `${r.path.join('/')} (${r.request.method} ${r.request.url})`);
    const paths = new Set(matches.map((r) => r.path.join('/')));
    const hint = paths.size === matches.length ? 'name one by its folder path' : 'rename one of them in the file';
    return { error: `"${query}" names ${matches.length} requests: ${listSome(candidates)}; ${hint}`, candidates };
  }
  return { error: `No request "${query}". The collection has: ${listSome(all.map((r) => r.path.join('/'))) || 'no requests'}` };
}

/** A name not yet used among `taken`: `base`, `base 2`, `base 3`... */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} ${i}`)) return `${base} ${i}`;
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
