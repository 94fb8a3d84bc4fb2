import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareRequest, RequestError } from '../../src/core/request';
import { resolveSpec, substituteVariables, variableNames } from '../../src/core/variables';

describe('prepareRequest', () => {
  it('appends enabled params and skips disabled rows', () => {
    const r = prepareRequest({
      method: 'post',
      url: 'http://h/x?a=1',
      params: [
        { name: 'b', value: '2 3' },
        { name: 'c', value: 'off', enabled: false },
      ],
      headers: [
        { name: 'Authorization', value: 'Bearer t' },
        { name: 'X-Off', value: '1', enabled: false },
      ],
      body: { kind: 'json', text: '{"q":1}' },
    });
    assert.equal(r.method, 'POST');
    assert.equal(r.url, 'http://h/x?a=1&b=2+3');
    assert.deepEqual(r.headers, [
      ['Authorization', 'Bearer t'],
      ['Content-Type', 'application/json'],
    ]);
    assert.equal(r.body, '{"q":1}');
  });

  it('keeps a Content-Type the user set', () => {
    const r = prepareRequest({ method: 'POST', url: 'http://h/', headers: [{ name: 'content-type', value: 'application/vnd.x+json' }], body: { kind: 'json', text: '{}' } });
    assert.deepEqual(r.headers, [['content-type', 'application/vnd.x+json']]);
  });

  it('encodes form bodies', () => {
    const r = prepareRequest({ method: 'POST', url: 'http://h/', body: { kind: 'form', fields: [{ name: 'a b', value: 'c&d' }] } });
    assert.equal(r.body, 'a+b=c%26d');
    assert.deepEqual(r.headers, [['Content-Type', 'application/x-www-form-urlencoded']]);
  });

  it('rejects bad input with typed errors', () => {
    const code = (fn: () => unknown): string => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof RequestError);
        return `${e.code}: ${e.message}`;
      }
      return 'no error';
    };
    assert.match(code(() => prepareRequest({ method: 'GET', url: 'localhost:3000/sse' })), /invalid-url/);
    assert.match(code(() => prepareRequest({ method: 'GET', url: 'example.com/sse' })), /add a scheme/);
    assert.match(code(() => prepareRequest({ method: 'GET', url: 'ftp://h/' })), /Unsupported URL scheme/);
    assert.match(code(() => prepareRequest({ method: 'GET', url: 'http://h/{{host}}' })), /unresolved variable/);
    assert.match(code(() => prepareRequest({ method: 'GET', url: 'http://h/', body: { kind: 'raw', text: 'x' } })), /cannot have a body/);
    assert.match(code(() => prepareRequest({ method: 'GET', url: 'http://h/', headers: [{ name: 'Bad Name', value: '' }] })), /Invalid header name/);
    assert.match(code(() => prepareRequest({ method: 'G ET', url: 'http://h/' })), /Invalid HTTP method/);
  });
});

describe('variables', () => {
  it('substitutes known names and reports missing ones', () => {
    const vars: Record<string, string> = { host: '127.0.0.1:3001', 'secret:TOKEN': 's3cr3t' };
    const r = substituteVariables('http://{{host}}/x?k={{ secret:TOKEN }}&m={{missing}}', (n) => vars[n]);
    assert.equal(r.text, 'http://127.0.0.1:3001/x?k=s3cr3t&m={{missing}}');
    assert.deepEqual(r.missing, ['missing']);
    assert.deepEqual(variableNames('{{a}}{{b}}{{a}}'), ['a', 'b']);
  });

  it('resolves a whole spec', () => {
    const { spec, missing } = resolveSpec(
      {
        method: 'POST',
        url: '{{base}}/chat',
        headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
        body: { kind: 'json', text: '{"model":"{{model}}"}' },
      },
      (n) => ({ base: 'http://h', token: 't' })[n],
    );
    assert.equal(spec.url, 'http://h/chat');
    assert.equal(spec.headers![0]!.value, 'Bearer t');
    assert.deepEqual(spec.body, { kind: 'json', text: '{"model":"{{model}}"}' });
    assert.deepEqual(missing, ['model']);
  });
});
