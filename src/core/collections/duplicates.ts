/**
 * Requests (or folders) that share a name in one folder: each is found by
 * its folder path and name, so all but the first cannot be reached and an
 * edit meant for one could land on the other. They are reported with where
 * they are, never resolved silently.
 */
import { findNodeAtLocation, parseTree, type JSONPath } from 'jsonc-parser';
import type { Collection, Folder, SavedRequest } from './model';

/** A collection that works but holds a likely mistake, with where it is in the file. */
export interface CollectionWarning {
  message: string;
  /** Where in the JSON document, e.g. ["folders", 0, "requests", 2]. */
  jsonPath: (string | number)[];
  /** 1-based line and column of the item in the file. */
  line: number;
  column: number;
}

interface Container {
  requests?: SavedRequest[];
  folders?: Folder[];
}

/** 1-based line and column of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Same-named requests and folders of a (valid) collection; `text` is its file, without a BOM. */
export function findDuplicates(c: Collection, text: string): CollectionWarning[] {
  const found: { message: string; jsonPath: JSONPath; first: JSONPath }[] = [];
  const walk = (node: Container, json: JSONPath, names: string[]): void => {
    for (const [kind, list] of [['requests', node.requests ?? []], ['folders', node.folders ?? []]] as const) {
      const first = new Map<string, number>();
      list.forEach((item, i) => {
        const seen = first.get(item.name);
        if (seen === undefined) first.set(item.name, i);
        else {
          const what = kind === 'requests' ? 'request' : 'folder';
          found.push({ message: `Two ${what}s are named "${[...names, item.name].join('/')}"`, jsonPath: [...json, kind, i], first: [...json, kind, seen] });
        }
      });
    }
    (node.folders ?? []).forEach((f, i) => walk(f, [...json, 'folders', i], [...names, f.name]));
  };
  walk(c, [], []);
  if (found.length === 0) return [];
  const tree = parseTree(text);
  const at = (path: JSONPath): { line: number; column: number } => {
    const node = tree ? findNodeAtLocation(tree, path) : undefined;
    return lineAndColumn(text, node?.offset ?? 0);
  };
  return found.map((d) => {
    const here = at(d.jsonPath);
    return {
      message: `${d.message} (lines ${at(d.first).line} and ${here.line}): only the first can be opened, run or saved; rename one`,
      jsonPath: d.jsonPath as (string | number)[],
      ...here,
    };
  });
}
