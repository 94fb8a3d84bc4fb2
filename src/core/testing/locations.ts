/**
 * Where each test is in a collection file's text (the offset of its
 * `"name"`), so an editor can put a run icon and a failure on its line.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { splitBom } from '../collections/parse';
import type { TestCase } from './cases';

/** The key of a test in `testOffsets`: its kind and folder/name. */
export function locationKey(kind: TestCase['kind'], path: readonly string[]): string {
  return `${kind}:${path.join('/')}`;
}

function nameOf(node: Node): string | undefined {
  const n = findNodeAtLocation(node, ['name']);
  return typeof n?.value === 'string' ? n.value : undefined;
}

/** Where an object's `"name"` is written (the line people read as the request's), or the object itself. */
function nameOffset(node: Node): number {
  return findNodeAtLocation(node, ['name'])?.parent?.offset ?? node.offset;
}

/** Offsets of every request and flow object by `locationKey` (the first one, when names repeat). */
export function testOffsets(file: string): Map<string, number> {
  const { bom, body } = splitBom(file);
  const shift = bom ? 1 : 0;
  const out = new Map<string, number>();
  const walk = (node: Node, prefix: string[], depth: number): void => {
    if (depth > 20) return;
    for (const [key, kind] of [['requests', 'request'], ['flows', 'flow']] as const) {
      for (const child of findNodeAtLocation(node, [key])?.children ?? []) {
        const name = nameOf(child);
        const k = name === undefined ? undefined : locationKey(kind, [...prefix, name]);
        if (k !== undefined && !out.has(k)) out.set(k, nameOffset(child) + shift);
      }
    }
    for (const folder of findNodeAtLocation(node, ['folders'])?.children ?? []) {
      const name = nameOf(folder);
      if (name !== undefined) walk(folder, [...prefix, name], depth + 1);
    }
  };
  const root = parseTree(body);
  if (root) walk(root, [], 0);
  return out;
}
