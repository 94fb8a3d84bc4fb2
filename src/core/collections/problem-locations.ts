/**
 * Where the parser's problems are in a collection file's text, so an editor
 * can underline them. A problem starts with where it is, written as the
 * parser writes it (`requests[0] "chat".expect.events.min …`, a name in
 * quotes after an index); that path is followed in the JSON tree, as deep as
 * it exists. An unknown key is pointed at itself.
 */
import { findNodeAtLocation, parseTree, type Node, type Segment } from 'jsonc-parser';
import { splitBom } from './parse';

/** A problem and the span of text it is about. */
export interface LocatedProblem {
  offset: number;
  length: number;
  message: string;
}

/** The JSON path a problem's text starts with. */
function pathOf(problem: string): Segment[] {
  const path: Segment[] = [];
  const step = /^(?:^|\.)([A-Za-z]+)((?:\[\d+\])?)/;
  let rest = problem;
  for (let m = step.exec(rest); m; m = step.exec(rest)) {
    path.push(m[1]!);
    rest = rest.slice(m[0].length);
    if (m[2] === '') continue;
    path.push(Number(m[2]!.slice(1, -1)));
    // The name the parser shows after an index is for people; the index is the path.
    const named = /^ ".*?"(?=\.[A-Za-z]|\s|$)/.exec(rest);
    if (named) rest = rest.slice(named[0].length);
  }
  return path;
}

/** The key node of `name` in object `node`, when it has one. */
function keyNode(node: Node, name: string): Node | undefined {
  if (node.type !== 'object') return undefined;
  return node.children?.find((p) => p.children?.[0]?.value === name)?.children?.[0];
}

/** Each problem with the span it is about (the whole file when none is found). */
export function locateProblems(file: string, problems: readonly string[]): LocatedProblem[] {
  const { bom, body } = splitBom(file);
  const shift = bom ? 1 : 0;
  const root = parseTree(body);
  return problems.map((message) => {
    let node: Node | undefined;
    if (root) {
      const path = pathOf(message);
      // The deepest part of the path the file has (a missing key is reported on its object).
      for (let n = path.length; n >= 0 && node === undefined; n--) node = findNodeAtLocation(root, path.slice(0, n));
      const unknown = /has an unknown key "((?:[^"\\]|\\.)*)"/.exec(message);
      const key = unknown && node ? keyNode(node, unknown[1]!) : undefined;
      if (key) node = key;
      // A property's value is shown from its key, which is what people read.
      // A request, folder or flow is pointed at by its "name" line rather than its whole object.
      else if (node?.type === 'object' && keyNode(node, 'name')) node = keyNode(node, 'name')!.parent;
      else if (node?.parent?.type === 'property' && node.parent.children?.[1] === node) node = node.parent;
    }
    return node ? { offset: node.offset + shift, length: node.length, message } : { offset: 0, length: 0, message };
  });
}
