import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpClientEnvironments, restClientEnvironments } from '../../src/core/http-file/environments';

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
});
