/** package.json and the IDs the code uses (src/shared/ids.ts) name the same things. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Commands, ContextKeys, ContextValues, MCP_PANEL_VIEW_TYPE, PANEL_VIEW_TYPE, STREAMS_VIEW, TEST_CONTROLLER } from '../../src/shared/ids';

interface Manifest {
  contributes: { commands: { command: string }[]; menus: Record<string, { when?: string }[]>; keybindings: { when?: string }[] };
}
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
const whens = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings].map((m) => m.when ?? '');

describe('IDs in package.json and in the code', () => {
  it('every contributed command is in Commands, and every command in Commands is contributed', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
  });

  it('every viewItem and testMessage a when clause matches is a ContextValue, and each is matched', () => {
    const values: string[] = Object.values(ContextValues);
    const matched = new Set<string>();
    for (const when of whens) {
      for (const m of when.matchAll(/(?:viewItem|testMessage) == ([\w.]+)/g)) matched.add(m[1]!);
      for (const m of when.matchAll(/viewItem =~ \/\^streamViewer\\\.\(([\w|]+)\)\$\//g)) for (const v of m[1]!.split('|')) matched.add(`streamViewer.${v}`);
    }
    for (const v of matched) assert.ok(values.includes(v), `${v} is a ContextValue`);
    for (const v of values.filter((x) => x !== ContextValues.brokenCollection)) assert.ok(matched.has(v), `${v} is matched by a when clause`);
  });

  it('the context keys the when clauses read are the ones the code sets', () => {
    for (const key of Object.values(ContextKeys)) assert.ok(whens.some((w) => w.includes(key)), `${key} is read by a when clause`);
    const read = new Set(whens.flatMap((w) => [...w.matchAll(/\b(streamViewer\.[a-zA-Z]+)\b/g)].map((m) => m[1]!)));
    const known = new Set<string>([...Object.values(ContextKeys), ...Object.values(ContextValues), STREAMS_VIEW, PANEL_VIEW_TYPE, MCP_PANEL_VIEW_TYPE, TEST_CONTROLLER]);
    for (const k of read) assert.ok(known.has(k), `${k} in a when clause is a known ID`);
  });
});
