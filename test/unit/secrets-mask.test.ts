/** Secrets are masked in every form a server, a URL or a shell gives them, and masking never throws. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCurl, toCurl } from '../../src/core/curl';
import type { MessageItem, TimelineItem } from '../../src/core/items';
import { prepareRequest, RequestError } from '../../src/core/request';
import { maskItem } from '../../src/core/secrets/mask-item';
import { createMasker, maskJsonValue, maskSecrets, SECRET_MASK } from '../../src/core/secrets/mask';
import { curlWithSecretsMasked } from '../../src/core/secrets/masked-curl';
import { redactUrl, secretsOfRequest, urlPassword } from '../../src/core/secrets/request-secrets';
import type { RequestSpec } from '../../src/core/spec';

const M = SECRET_MASK;

describe('maskSecrets', () => {
  it('masks a secret as written, every time it occurs', () => {
    assert.equal(maskSecrets('Authorization: Bearer sk-test-123456 and again sk-test-123456', ['sk-test-123456']), `Authorization: Bearer ${M} and again ${M}`);
  });

  it('masks the JSON-escaped form of a secret (an echoed JSON body), once or twice escaped', () => {
    const secret = 'a"b\\c/é\n';
    const once = JSON.stringify({ token: secret });
    assert.equal(maskSecrets(once, [secret]), `{"token":"${M}"}`);
    const twice = JSON.stringify({ data: once });
    assert.equal(maskSecrets(twice, [secret]), JSON.stringify({ data: `{"token":"${M}"}` }));
    // Encoders that escape non-ASCII and slashes (Python's ensure_ascii, PHP).
    assert.equal(maskSecrets('{"token":"a\\"b\\\\c\\/\\u00e9\\n"}', [secret]), `{"token":"${M}"}`);
    assert.equal(maskSecrets('{"token":"a\\"b\\\\c\\/\\u00E9\\u000a"}', [secret]), `{"token":"${M}"}`);
  });

  it('masks percent-encoded forms: encodeURIComponent, forms with + for space, either hex case', () => {
    const secret = "p@ss w'rd%/é";
    for (const encoded of [encodeURIComponent(secret), new URLSearchParams({ k: secret }).toString().slice(2), encodeURIComponent(secret).toLowerCase().replace(/p/g, 'p').replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase())]) {
      assert.equal(maskSecrets(`https://h/?k=${encoded}&x=1`, [secret]), `https://h/?k=${M}&x=1`, encoded);
    }
    // What the URL parser writes for a query it is given.
    const url = new URL(`https://h/?k=${secret.replace('%', '%25')}`).toString();
    assert.doesNotMatch(maskSecrets(url, [secret]), /ss/);
  });

  it('masks every non-empty secret, however short, and ignores empty ones', () => {
    assert.equal(maskSecrets('pin=42;', ['42']), `pin=${M};`);
    assert.equal(maskSecrets('a b', ['', 'x']), 'a b');
  });

  it('masks a secret of 1-3 characters only where it stands alone, so words around it stay whole and do not tell it', () => {
    assert.equal(maskSecrets('expected "Bearer e" at event #4 "message"', ['e']), `expected "Bearer ${M}" at event #4 "message"`);
    assert.equal(maskSecrets('{"pin":"a1b","n":"xa1b"} a1b%21', ['a1b']), `{"pin":"${M}","n":"xa1b"} ${M}%21`);
    assert.equal(maskSecrets('k=%2F&x=2F', ['/']), `k=${M}&x=2F`);
    assert.equal(maskSecrets('abcd xabcdx', ['abcd']), `${M} x${M}x`, 'from 4 characters on, inside words too');
  });

  it('coerces a numeric secret (from a JSON environment) instead of throwing', () => {
    const secrets = [1234, 'tok'] as unknown as string[];
    assert.equal(maskSecrets('{"pin":1234,"t":"tok"}', secrets), `{"pin":${M},"t":"${M}"}`);
    assert.doesNotThrow(() => maskSecrets('x', [null, undefined, 0] as unknown as string[]));
    assert.equal(maskSecrets('n=0', [0] as unknown as string[]), `n=${M}`);
  });

  it('masks a secret that contains another whole, and treats pattern characters literally', () => {
    assert.equal(maskSecrets('abcdef abc', ['abc', 'abcdef']), `${M} ${M}`);
    assert.equal(maskSecrets('a.b*c( aXbbc(', ['a.b*c(']), `${M} aXbbc(`);
    assert.equal(maskSecrets('$1 $& \\1', ['$&']), `$1 ${M} \\1`);
  });

  it('masks many secrets in one pass and leaves other text alone', () => {
    const secrets = Array.from({ length: 200 }, (_, i) => `secret-${i}-value`);
    const text = secrets.map((s, i) => `${i}:${s}`).join(' ');
    assert.equal(createMasker(secrets)(text), secrets.map((_, i) => `${i}:${M}`).join(' '));
  });

  it('masks a secret made of backslashes in a long run of backslashes (each character matches one way, not every way)', () => {
    // Before, a backslash could be read as \\ or \\\\ at every step: 12 of them in a 2 kB run took 7 s, 24 would not end.
    const secret = `${'\\'.repeat(24)}x`;
    const run = '\\'.repeat(5000);
    assert.equal(maskSecrets(`${run}y ${JSON.stringify({ k: secret })}`, [secret]), `${run}y {"k":"${M}"}`);
    assert.equal(maskSecrets(`${run}y${secret}z`, [secret]), `${run}y${M}z`);
  });

  it('masks the shell-quoted form Copy as cURL writes', () => {
    assert.equal(maskSecrets(`-H 'X-Key: it'\\''s'`, ["it's"]), `-H 'X-Key: ${M}'`);
  });
});

describe('maskJsonValue and maskItem', () => {
  it('masks strings, keys and numbers of a parsed value without breaking it', () => {
    const m = createMasker(['sec"ret', 1234]);
    const value = JSON.parse('{"a":"x sec\\"ret y","sec\\"ret":[1234,5,{"n":12345}],"__proto__":{"k":"sec\\"ret"}}') as unknown;
    const masked = maskJsonValue(value, m) as Record<string, unknown>;
    assert.deepEqual(JSON.parse(JSON.stringify(masked)), { a: `x ${M} y`, [M]: [M, 5, { n: `${M}5` }], ['__proto__']: { k: M } });
    assert.equal(Object.getPrototypeOf(masked), Object.prototype, 'a "__proto__" key stays a key');
  });

  it('masks a value nested deeper than the stack allows to recurse', () => {
    const depth = 200_000;
    const value = JSON.parse(`${'['.repeat(depth)}"tok"${']'.repeat(depth)}`) as unknown;
    let node = maskJsonValue(value, createMasker(['tok']));
    for (let i = 0; i < depth; i++) node = (node as unknown[])[0];
    assert.equal(node, M);
  });

  it('masks a message whose JSON holds an escaped secret, and never drops the item', () => {
    const secret = 'q"1\\';
    const data = JSON.stringify({ echo: secret, n: 7 });
    const item: MessageItem = { kind: 'message', t: 1, offset: 0, format: 'ndjson', data, json: JSON.parse(data), size: data.length, seq: 1 };
    const masked = maskItem(item, [secret]) as MessageItem;
    assert.equal(masked.data, `{"echo":"${M}","n":7}`);
    assert.deepEqual(masked.json, { echo: M, n: 7 });
    const numeric = maskItem({ ...item, data: '{"pin":1234}', json: { pin: 1234 } }, [1234] as unknown as string[]) as MessageItem;
    assert.deepEqual(numeric.json, { pin: M });
  });

  it('masks the response URL and headers and the reconnect id', () => {
    const items: TimelineItem[] = [
      { kind: 'response', t: 1, offset: 0, status: 200, statusText: 'OK', headers: { location: 'https://h/?key=k%20y' }, url: 'https://h/?key=k+y', redirected: true, format: 'sse', formatSource: 'content-type', ttfbMs: 1 },
      { kind: 'reconnect', t: 2, offset: 0, attempt: 1, lastEventId: 'k y', delayMs: 0 },
    ];
    const text = JSON.stringify(items.map((i) => maskItem(i, ['k y'])));
    assert.doesNotMatch(text, /k\+y|k%20y|k y/);
  });
});

describe('secrets a request carries, and Copy as cURL', () => {
  const secret = "it's 100%";
  const spec: RequestSpec = {
    method: 'POST',
    url: `https://user:p%40ss@api.example/v1?key=${encodeURIComponent(secret)}`,
    params: [{ name: 'q', value: secret }],
    headers: [{ name: 'X-Key', value: secret }, { name: 'Proxy-Authorization', value: `Basic ${Buffer.from('me:hunter2').toString('base64')}` }],
    body: { kind: 'json', text: JSON.stringify({ key: secret }) },
  };

  it('finds the URL password (as written and decoded) and Basic passwords', () => {
    assert.equal(urlPassword('http://user:p%40ss@h/'), 'p@ss');
    assert.equal(urlPassword('http://user@h/'), undefined);
    assert.equal(urlPassword('not a url'), undefined);
    assert.deepEqual(secretsOfRequest(spec).sort(), ['hunter2', 'p%40ss', 'p@ss', Buffer.from('me:hunter2').toString('base64')].sort());
    assert.deepEqual(secretsOfRequest({ method: 'GET', url: 'http://h/', headers: [{ name: 'Authorization', value: 'Basic eDp5', enabled: false }] }), []);
  });

  it('hides URL credentials and query values in logs', () => {
    assert.equal(redactUrl('http://user:p%40ss@h/a?k=v'), 'http://***:***@h/a?k=%E2%80%A6');
  });

  it('leaks no secret in any form: URL, query, headers, body, Basic and URL passwords', () => {
    const curl = curlWithSecretsMasked(spec, [secret]);
    const back = parseCurl(curl).spec;
    const seen = [back.url, decodeURIComponent(back.url), JSON.stringify(back.headers), JSON.stringify(back.body)].join('\n');
    for (const s of [secret, 'p@ss', 'p%40ss', 'hunter2', Buffer.from('me:hunter2').toString('base64')]) assert.ok(!seen.includes(s), `${s} leaked:\n${curl}`);
    assert.match(curl, /••••••/);
    assert.equal(new URL(back.url).host, 'api.example', 'the rest of the request is kept');
    // What the panel did before: mask the finished command.
    const old = maskSecrets(toCurl(prepareRequest(spec)), [secret, ...secretsOfRequest(spec)]);
    assert.ok(!old.includes("it'\\''s") && !old.includes('100%25'), old);
  });

  it('masks the message of a request that cannot be built', () => {
    assert.throws(
      () => curlWithSecretsMasked({ method: 'GET', url: `ftp://h/${secret}` }, [secret]),
      (err: unknown) => err instanceof RequestError && !err.message.includes(secret) && err.message.includes(M),
    );
  });
});
