/**
 * The tests a collection holds: every request with an `expect` block and
 * every flow, with the folder path it sits in, in file order.
 */
import type { Collection, Folder, SavedRequest } from '../collections/model';
import type { CheckResult } from '../expect/model';
import type { Flow } from './flow-model';

/** One test of a collection. */
export type TestCase =
  | { kind: 'request'; /** Folder names, then the request's name. */ path: string[]; request: SavedRequest }
  | { kind: 'flow'; /** Folder names, then the flow's name. */ path: string[]; flow: Flow };

/** A collection file that cannot be read or does not parse: reported as one test that could not run, so the other files still run. */
export interface UnreadableFile {
  kind: 'file';
  /** How the entry is named in reports. */
  path: string[];
  /** What is wrong with the file. */
  error: string;
}

/** How one test went. */
export interface TestResult {
  kind: TestCase['kind'] | UnreadableFile['kind'];
  path: string[];
  /** Every check passed (and the test could run). */
  ok: boolean;
  /** Why the test could not run at all (a variable with no value, an unknown request), when it could not. */
  error?: string;
  checks: CheckResult[];
  durationMs: number;
}

/** `folder/name`: how tests are named in reports and filters. */
export function testName(path: readonly string[]): string {
  return path.join('/');
}

/** Every test in `c`, depth first: a folder's requests, its flows, then its folders. */
export function listTests(c: Collection): TestCase[] {
  const out: TestCase[] = [];
  const walk = (node: Collection | Folder, prefix: string[]): void => {
    for (const r of node.requests ?? []) if (r.expect !== undefined) out.push({ kind: 'request', path: [...prefix, r.name], request: r });
    for (const f of node.flows ?? []) out.push({ kind: 'flow', path: [...prefix, f.name], flow: f });
    for (const f of node.folders ?? []) walk(f, [...prefix, f.name]);
  };
  walk(c, []);
  return out;
}
