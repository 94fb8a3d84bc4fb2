/**
 * Hostile collections stay bounded: variables that repeat other variables
 * level after level are expanded once per name and capped in size, and a
 * name like `constructor` is an ordinary (missing) variable, not a prototype
 * property.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createResolver, MAX_VARIABLE_CHARS } from '../../src/core/collections/resolver';
import { MAX_REQUEST_EXPANSION, resolveSpec, VariableError } from '../../src/core/variables';

/** `v0` = `{{v1}}` × `width`, …, `v<levels>` = `leaf`. */
function ladder(levels: number, width: number, leaf: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (let i = 0; i < levels; i++) vars[`v${i}`] = `{{v${i + 1}}}`.repeat(width);
  vars[`v${levels}`] = leaf;
  return vars;
}

/**
 * `vars`, counting how often a value is read and failing past `budget` reads:
 * without memoising, these inputs would run for minutes or hours (and a
 * synchronous hang cannot be timed out), so the work is counted instead.
 */
function budgeted(vars: Record<string, string>, budget = 10_000): Record<string, string> {
  let reads = 0;
  return new Proxy(vars, {
    get(target, name, receiver) {
      if (++reads > budget) throw new Error(`more than ${budget} variable reads: the expansion is exponential`);
      return Reflect.get(target, name, receiver) as unknown;
    },
  });
}

describe('variables: bounded expansion', () => {
  it('expands each variable once per request, however often it is repeated', () => {
    let secretLookups = 0;
    const resolver = createResolver({
      environment: budgeted(ladder(8, 2, '{{secret:KEY}}')),
      secret: () => {
        secretLookups++;
        return 'k';
      },
    });
    const { spec, missing } = resolveSpec({ method: 'GET', url: 'http://h/{{v0}}', headers: [{ name: 'X', value: '{{v0}}' }] }, resolver.lookup);
    assert.deepEqual(missing, []);
    assert.equal(spec.url, `http://h/${'k'.repeat(256)}`);
    assert.equal(spec.headers![0]!.value, 'k'.repeat(256));
    assert.equal(secretLookups, 1, 'the innermost variable is looked up once, not 2^8 times');
  });

  it('refuses a value that expands past 1 MiB, naming the variable', () => {
    // The reported collection: 600 bytes, each level eight times the next, ten levels deep.
    const resolver = createResolver({ environment: budgeted(ladder(10, 8, 'x')) });
    assert.throws(
      () => resolveSpec({ method: 'GET', url: 'http://h/{{v0}}' }, resolver.lookup),
      (err: unknown) => {
        assert.ok(err instanceof VariableError);
        // 8^7 characters is the first level past 1 MiB.
        assert.equal(err.variable, 'v3');
        assert.match(err.message, /\{\{v3\}\} expands to more than 1 MiB/);
        return true;
      },
    );
    assert.equal(MAX_VARIABLE_CHARS, 1024 * 1024);
  });

  it('refuses a request that variables grow past the request limit', () => {
    const big = 'x'.repeat(MAX_VARIABLE_CHARS - 1);
    const resolver = createResolver({ environment: { big } });
    const copies = Math.ceil(MAX_REQUEST_EXPANSION / big.length) + 1;
    assert.throws(
      () => resolveSpec({ method: 'POST', url: 'http://h/', body: { kind: 'raw', text: '{{big}}'.repeat(copies) } }, resolver.lookup),
      (err: unknown) => err instanceof VariableError && err.variable === 'big' && /larger than 16 MiB/.test(err.message),
    );
    // Just under the limit is fine.
    const fits = resolveSpec({ method: 'POST', url: 'http://h/', body: { kind: 'raw', text: '{{big}}'.repeat(copies - 2) } }, resolver.lookup);
    assert.equal(fits.spec.body?.kind === 'raw' && fits.spec.body.text.length, big.length * (copies - 2));
  });

  it('reports a cycle as missing, wherever the resolution starts', () => {
    const resolver = createResolver({ environment: { a: '{{b}}', b: '{{c}}', c: '{{b}}', d: '{{c}}', e: 'ok' } });
    assert.deepEqual(resolveSpec({ method: 'GET', url: '{{a}}/{{d}}/{{c}}/{{e}}' }, resolver.lookup).missing, ['a', 'd', 'c']);
  });

  it('refuses nesting deeper than 64 variables instead of overflowing the stack', () => {
    const resolver = createResolver({ environment: ladder(5000, 1, 'x') });
    assert.throws(() => resolver.lookup('v0'), (err: unknown) => err instanceof VariableError && /nested more than 64/.test(err.message));
  });
});

describe('variables: own properties only', () => {
  it('treats names of Object.prototype members as ordinary missing variables', () => {
    const resolver = createResolver({ environment: { host: 'h' }, overrides: {}, processEnv: {} });
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
    const { missing } = resolveSpec({ method: 'GET', url: `http://{{host}}/${names.map((n) => `{{${n}}}`).join('/')}` }, resolver.lookup);
    assert.deepEqual(missing, names);
    assert.equal(resolver.lookup('$env:constructor'), undefined);
    assert.equal(resolver.lookup('$env:toString'), undefined);
  });

  it('still finds such names when the environment defines them', () => {
    const environment = JSON.parse('{"constructor":"c","__proto__":"p"}') as Record<string, string>;
    const resolver = createResolver({ environment });
    assert.equal(resolveSpec({ method: 'GET', url: 'http://h/{{constructor}}/{{__proto__}}' }, resolver.lookup).spec.url, 'http://h/c/p');
  });
});
