import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CurlImportError, parseCurl, shellWords, toCurl } from '../../src/core/curl';
import { prepareRequest } from '../../src/core/request';

describe('cURL import', () => {
  it('reads method, URL, headers and a JSON body from a typical LLM command', () => {
    const { spec } = parseCurl(`curl -N https://api.example.com/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H 'Authorization: Bearer sk-123' \\
  -d '{"model":"m","stream":true,"messages":[{"role":"user","content":"it'"'"'s"}]}'`);
    assert.equal(spec.method, 'POST');
    assert.equal(spec.url, 'https://api.example.com/v1/chat/completions');
    assert.deepEqual(spec.headers, [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Authorization', value: 'Bearer sk-123' },
    ]);
    assert.deepEqual(spec.body, { kind: 'json', text: `{"model":"m","stream":true,"messages":[{"role":"user","content":"it's"}]}` });
  });

  it('handles -X, --data-urlencode forms, -G, --json and $-quoting from browsers', () => {
    assert.equal(parseCurl('curl -X PUT http://h/x').spec.method, 'PUT');
    assert.equal(parseCurl('curl --request=patch http://h/x').spec.method, 'PATCH');
    assert.deepEqual(parseCurl('curl http://h/x -d a=1 -d b=2').spec.body, {
      kind: 'form',
      fields: [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ],
    });
    const g = parseCurl('curl -G http://h/x -d q=1');
    assert.equal(g.spec.method, 'GET');
    assert.equal(g.spec.url, 'http://h/x?q=1');
    const j = parseCurl(`curl --json '{"a":1}' h:3000/x`);
    assert.equal(j.spec.url, 'http://h:3000/x');
    assert.equal(j.spec.body!.kind, 'json');
    assert.ok(j.spec.headers!.some((h) => h.name === 'Content-Type' && h.value === 'application/json'));
    assert.deepEqual(shellWords(`curl $'a\\nb' "c\\"d" e\\ f`), ['curl', 'a\nb', 'c"d', 'e f']);
    assert.deepEqual(parseCurl('curl -k -m 5 http://h/').ignored, ['-k', '-m 5']);
  });

  it('rejects what is not a usable cURL command', () => {
    assert.throws(() => parseCurl('wget http://h/'), CurlImportError);
    assert.throws(() => parseCurl('curl -H "X: y"'), /no URL/);
    assert.throws(() => parseCurl("curl 'http://h/"), /Unterminated/);
  });

  it('round-trips through toCurl', () => {
    const prepared = prepareRequest({
      method: 'POST',
      url: 'http://127.0.0.1:3001/echo?x=1',
      headers: [{ name: 'X-Quote', value: "it's" }],
      body: { kind: 'json', text: '{"a": "b c"}' },
    });
    const command = toCurl(prepared);
    assert.equal(command, `curl -N 'http://127.0.0.1:3001/echo?x=1' -H 'X-Quote: it'\\''s' -H 'Content-Type: application/json' --data-raw '{"a": "b c"}'`);
    const back = parseCurl(command).spec;
    assert.equal(back.method, 'POST');
    assert.equal(back.url, prepared.url);
    assert.deepEqual(back.body, { kind: 'json', text: '{"a": "b c"}' });
    assert.equal(toCurl(prepareRequest({ method: 'DELETE', url: 'http://h/' })), 'curl -N -X DELETE http://h/');
  });
});
