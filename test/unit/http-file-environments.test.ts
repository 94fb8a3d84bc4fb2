import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createResolver } from '../../src/core/collections/resolver';
import { httpClientEnvironments, restClientEnvironments } from '../../src/core/http-file/environments';
import { httpRunSources } from '../../src/core/http-file/run-sources';
import { resolveSpec } from '../../src/core/variables';

describe('.http environments', () => {
  it('lays http-client.private.env.json over http-client.env.json, with $shared in each', () => {
    const r = httpClientEnvironments(
      JSON.stringify({ $shared: { version: 'v1', port: 3000 }, dev: { host: 'localhost', port: 8080, SSLConfiguration: { verifyHostCertificate: false } }, prod: { host: 'api.example.com' } }),
      JSON.stringify({ dev: { token: 'dev-secret' }, staging: { host: 's' } }),
    );
    assert.deepEqual(
      r.environments.map((e) => [e.name, { ...e.variables }]),
      [
        ['dev', { version: 'v1', port: '8080', host: 'localhost', token: 'dev-secret' }],
        ['prod', { version: 'v1', port: '3000', host: 'api.example.com' }],
        ['staging', { version: 'v1', port: '3000', host: 's' }],
      ],
    );
    assert.match(r.warnings.join('\n'), /dev\.SSLConfiguration is not a text value/);
  });

  it('reads REST Client environments from settings.json with comments, $shared references and $processEnv', () => {
    const r = restClientEnvironments(`{
      // REST Client
      "editor.tabSize": 2,
      "rest-client.environmentVariables": {
        "$shared": { "version": "v1", "prodToken": "p" },
        "local": { "version": "{{$shared version}}-dev", "host": "localhost", "token": "{{$processEnv LOCAL_TOKEN}}" },
        "production": { "host": "example.com", "token": "{{$shared prodToken}}" },
      },
    }`);
    assert.deepEqual(
      r.environments.map((e) => [e.name, { ...e.variables }]),
      [
        ['local', { version: 'v1-dev', prodToken: 'p', host: 'localhost', token: '{{$env:LOCAL_TOKEN}}' }],
        ['production', { version: 'v1', prodToken: 'p', host: 'example.com', token: '{{prodToken}}' }],
      ],
    );
    assert.deepEqual(r.warnings, []);
  });

  it('reports a file that is not a JSON object instead of failing', () => {
    const r = httpClientEnvironments('{ nope', undefined);
    assert.deepEqual(r.environments, []);
    assert.match(r.warnings[0]!, /http-client\.env\.json is not a JSON object/);
  });

  it('names the values that come from the private file, per environment', () => {
    const r = httpClientEnvironments(
      JSON.stringify({ dev: { host: 'h', user: 'u' }, prod: { host: 'p' } }),
      JSON.stringify({ $shared: { token: 't', user: 'shared-user' }, dev: { password: 'pw' } }),
    );
    assert.deepEqual({ ...r.privateNames }, { dev: ['password', 'token'], prod: ['token', 'user'] });
  });
});

describe('.http run sources', () => {
  const envs = httpClientEnvironments(JSON.stringify({ dev: { host: 'h', token: 'public?' } }), JSON.stringify({ dev: { token: 'secret-token', key: 'k' } }));

  it('lays the file variables over the chosen environment and marks the private names as secrets', () => {
    const s = httpRunSources(envs, 'dev', { key: 'from-file' }, { A: 'dotenv' }, { A: 'process', B: 'b' });
    assert.deepEqual({ ...s.environment }, { host: 'h', token: 'secret-token', key: 'from-file' });
    assert.deepEqual([...s.secretVariables], ['token']);
    assert.deepEqual(s.processEnv, { A: 'dotenv', B: 'b' });
  });

  it('masks a private value a request uses, through another variable too', () => {
    const s = httpRunSources(envs, 'dev', { auth: 'Bearer {{token}}' }, {}, {});
    const resolver = createResolver({ environment: s.environment, secretVariables: s.secretVariables });
    const r = resolveSpec({ method: 'GET', url: '{{host}}/x', headers: [{ name: 'Authorization', value: '{{auth}}' }] }, resolver.lookup);
    assert.equal(r.spec.headers![0]!.value, 'Bearer secret-token');
    assert.deepEqual(resolver.secretsUsed(), ['secret-token']);
  });

  it('without an environment, has the file variables only and no secrets', () => {
    const s = httpRunSources(envs, undefined, { a: '1' }, {}, {});
    assert.deepEqual({ ...s.environment }, { a: '1' });
    assert.equal(s.secretVariables.size, 0);
  });
});

