/**
 * A collection file as `run` and `test` read it: the file, its environment
 * and `--var` values, each mistake a usage error that says what exists.
 */
import type { Collection } from '../core/collections/model';
import { parseCollection } from '../core/collections/parse';
import { readTextFile, UsageError } from './args';

/** Reads and checks a collection file. */
export function readCollectionFile(file: string): Collection {
  const parsed = parseCollection(readTextFile(file));
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.error}`);
  return parsed.collection;
}

/** The variables of environment `name` (none asked for: undefined). */
export function environmentOf(c: Collection, file: string, name: string | undefined): Record<string, string> | undefined {
  if (name === undefined) return undefined;
  const e = c.environments?.find((x) => x.name === name);
  if (!e) throw new UsageError(`${file}: no environment "${name}" (it has ${c.environments?.map((x) => `"${x.name}"`).join(', ') || 'none'})`);
  return e.variables;
}

/** Adds one `--var name=value` to `vars`. */
export function addVar(vars: Record<string, string>, value: string): void {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(`--var takes name=value, got "${value}"`);
  vars[value.slice(0, eq)] = value.slice(eq + 1);
}
