/**
 * Puts imported requests into a collection, an existing one included, so
 * that importing the same thing twice adds nothing: a request with the same
 * name, method, URL and body in the same folder is already there. Two different
 * requests with one name in a folder get told apart (`name 2`, as Duplicate names a copy), since
 * `stream-viewer run` finds requests by name.
 */
import type { Collection, Environment, Folder, SavedRequest } from '../collections/model';

type Container = { requests?: SavedRequest[]; folders?: Folder[] };

/** Same method, URL and body: a HAR holds several POSTs to one URL that differ only by their bodies. */
function sameRequest(a: SavedRequest, b: SavedRequest): boolean {
  return a.method === b.method && a.url === b.url && JSON.stringify(a.body ?? null) === JSON.stringify(b.body ?? null);
}

/** Builds one collection from requests added folder by folder. */
export class CollectionBuilder {
  private readonly root: Collection;

  constructor(existing?: Collection, name?: string) {
    this.root = existing !== undefined ? structuredClone(existing) : { version: 1 };
    if (this.root.name === undefined && name !== undefined && name !== '') this.root.name = name;
  }

  private folder(path: readonly string[]): Container {
    let at: Container = this.root;
    for (const raw of path) {
      const name = raw.trim() === '' ? 'Untitled folder' : raw;
      at.folders ??= [];
      let next = at.folders.find((f) => f.name === name);
      if (next === undefined) {
        next = { name };
        at.folders.push(next);
      }
      at = next;
    }
    return at;
  }

  /** Adds a request under `path`; false when the same request is already there. */
  add(path: readonly string[], request: SavedRequest): boolean {
    const at = this.folder(path);
    at.requests ??= [];
    const base = request.name.trim() === '' ? `${request.method} ${request.url}` : request.name;
    const taken = (n: string): SavedRequest | undefined => at.requests!.find((r) => r.name === n);
    // The same request imported before may have been told apart as `name 2`: look at every variant.
    for (let i = 1; ; i++) {
      const name = i === 1 ? base : `${base} ${i}`;
      const there = taken(name);
      if (there === undefined) {
        at.requests.push({ ...request, name });
        return true;
      }
      if (sameRequest(there, request)) return false;
    }
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
