import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isJson } from '../../src/core/json-text';

/** What the check must agree with, always. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const VALID = [
  '{}', '[]', '0', '-0', '1.5e+10', '-0.25E-3', '"x"', 'true', 'false', 'null', ' \t\r\n{ "a" : [ 1 , 2 , { "b" : null } ] } \n',
  '{"a":{"b":{"c":[[[]]]}}}', '"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r"', '{"é€😀":"\ud800"}', '[{"a":1},{"b":[true,false,null]}]',
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`, '{"":""}', '[1,-1,10,0.0,1e5,1E-5]',
];
const INVALID = [
  '', ' ', '{', '}', '[', ']', '{"a":1', '{"a":1}x', '{"a":1}{}', '[1,]', '{"a":1,}', '[,1]', '{,}', '{a:1}', "{'a':1}", '{"a" 1}',
  '{"a":}', '{"a"}', '["a":1]', '{"a":1]', '[1}', '[01]', '[1.]', '[.5]', '[1e]', '[1e+]', '[+1]', '[-]', '[--1]', '[0x10]',
  '[tru]', '[nul]', '[True]', '[NaN]', '[Infinity]', '"\\x"', '"\\u12"', '"\\u12g4"', '"a\u0001b"', '"a\nb"', '"abc',
  '\u00a0{}', '\ufeff{}', '{}\u00a0', '[1 2]', '{"a":1 "b":2}', '//c\n{}', `${'['.repeat(10_000)}${']'.repeat(9_999)}`,
];

/** A small deterministic generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Real event data: the `data:` lines of the wire captures of every provider. */
function wireData(): string[] {
  const dir = join(__dirname, '..', 'fixtures', 'wire');
  const out: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.body'))) {
    for (const line of readFileSync(join(dir, name), 'utf8').split(/\r?\n/)) {
      if (line.startsWith('data:')) out.push(line.slice(5).trimStart());
      else if (line.startsWith('{')) out.push(line);
    }
  }
  return out;
}

describe('isJson', () => {
  it('accepts every JSON text JSON.parse accepts', () => {
    for (const text of VALID) assert.equal(isJson(text), true, text.slice(0, 60));
  });

  it('refuses what JSON.parse refuses: truncation, trailing text, bad numbers, escapes, literals and whitespace', () => {
    for (const text of INVALID) assert.equal(isJson(text), false, JSON.stringify(text.slice(0, 60)));
  });

  it('agrees with JSON.parse on the real data of every provider, and on every cut and mutation of it', () => {
    const corpus = wireData();
    assert.ok(corpus.length > 50, `only ${corpus.length} data lines in the wire corpus`);
    const next = random(7);
    const pieces = ['"', '\\', ',', ':', '{', '}', '[', ']', ' ', '\u0000', 'e', '-', '.', '0', 'n', '\\u', '\n'];
    let checked = 0;
    for (const text of [...corpus, ...VALID.slice(0, -3)]) {
      const cases = [text];
      for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 40))) cases.push(text.slice(0, cut), text.slice(cut));
      for (let k = 0; k < 30; k++) {
        const at = Math.floor(next() * (text.length + 1));
        const piece = pieces[Math.floor(next() * pieces.length)]!;
        cases.push(next() < 0.5 ? text.slice(0, at) + piece + text.slice(at) : text.slice(0, at) + piece + text.slice(at + 1));
      }
      for (const c of cases) {
        assert.equal(isJson(c), parses(c), JSON.stringify(c.slice(0, 120)));
        checked++;
      }
    }
    assert.ok(checked > 5_000, `${checked} cases`);
  });
});
