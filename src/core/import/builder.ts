/**
 * Puts imported requests into a collection, an existing one included, so
 * that importing the same thing twice adds nothing: a request with the same
 * name, method, URL and body in the same folder is already there. Two different
 * requests with one name in a folder get told apart (`name 2`, as Duplicate names a copy), since
 * `stream-viewer run` finds requests by name.
 *
 * Each folder keeps an index (names, requests by name and content, the next
 * number to try per name), so a HAR with thousands of entries to one URL
 * costs one lookup per entry, not a scan of the folder per candidate name.
 */
import type { Collection, Environment, Folder, SavedRequest } from '../collections/model';

type Container = { requests?: SavedRequest[]; folders?: Folder[] };

/** What a folder holds, for lookups in constant time. */
interface FolderIndex {
  folders: Map<string, Folder>;
  names: Set<string>;
  /** `base` + the request's content → there: the request or one of its `base N` variants is the same. */
  same: Set<string>;
  /** Per base name, the next number to try for `base N`. */
  next: Map<string, number>;
}

/** Same method, URL and body: a HAR holds several POSTs to one URL that differ only by their bodies. */
function contentKey(r: SavedRequest): string {
  return JSON.stringify([r.method, r.url, r.body ?? null]);
}

/** The base names a request's name stands for: itself, and `base` when it is `base N`. */
function basesOf(name: string): string[] {
  const m = /^(.*) (\d+)$/.exec(name);
  return m && Number(m[2]) >= 2 ? [name, m[1]!] : [name];
}

/** Builds one collection from requests added folder by folder. */
export class CollectionBuilder {
  private readonly root: Collection;
  private readonly indexes = new WeakMap<Container, FolderIndex>();

  constructor(existing?: Collection, name?: string) {
    this.root = existing !== undefined ? structuredClone(existing) : { version: 1 };
    if (this.root.name === undefined && name !== undefined && name !== '') this.root.name = name;
  }

  /** The index of a folder, built from what it holds the first time it is met. */
  private index(at: Container): FolderIndex {
    let ix = this.indexes.get(at);
    if (ix !== undefined) return ix;
    ix = { folders: new Map(), names: new Set(), same: new Set(), next: new Map() };
    for (const f of at.folders ?? []) if (!ix.folders.has(f.name)) ix.folders.set(f.name, f);
    for (const r of at.requests ?? []) this.remember(ix, r);
    this.indexes.set(at, ix);
    return ix;
  }

  private remember(ix: FolderIndex, r: SavedRequest): void {
    ix.names.add(r.name);
    const key = contentKey(r);
    for (const base of basesOf(r.name)) ix.same.add(`${base}\0${key}`);
  }

  private folder(path: readonly string[]): Container {
    let at: Container = this.root;
    for (const raw of path) {
      const name = raw.trim() === '' ? 'Untitled folder' : raw;
      const ix = this.index(at);
      let next = ix.folders.get(name);
      if (next === undefined) {
        next = { name };
        (at.folders ??= []).push(next);
        ix.folders.set(name, next);
      }
      at = next;
    }
    return at;
  }

  /** Adds a request under `path`; false when the same request is already there (under its name or a `name N`). */
  add(path: readonly string[], request: SavedRequest): boolean {
    const at = this.folder(path);
    const ix = this.index(at);
    const base = request.name.trim() === '' ? `${request.method} ${request.url}` : request.name;
    if (ix.same.has(`${base}\0${contentKey(request)}`)) return false;
    let name = base;
    if (ix.names.has(name)) {
      let i = ix.next.get(base) ?? 2;
      while (ix.names.has(`${base} ${i}`)) i++;
      name = `${base} ${i}`;
      ix.next.set(base, i + 1);
    }
    const added = { ...request, name };
    (at.requests ??= []).push(added);
    this.remember(ix, added);
    return true;
  }

  /** Adds an environment, or the variables it lacks to one of the same name (values already there are kept). */
  addEnvironment(env: Environment): void {
    this.root.environments ??= [];
    const there = this.root.environments.find((e) => e.name === env.name);
    if (there === undefined) {
      this.root.environments.push({ name: env.name, variables: { ...env.variables } });
      return;
    }
    for (const [k, v] of Object.entries(env.variables)) if (!Object.hasOwn(there.variables, k)) there.variables[k] = v;
  }

  /** The collection so far. */
  collection(): Collection {
    return this.root;
  }
}
