/** Which names count as credentials in an import, and credentials written into JSON bodies. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importRequests } from '../../src/core/import/index';
import { isSecretName, SecretRegistry } from '../../src/core/import/secrets';
import { hideJsonSecrets } from '../../src/core/import/json-body-secrets';
import { allRequests } from './helpers/imports';

describe('import secrets', () => {
  it('names credentials word by word', () => {
    for (const n of ['apiKey', 'api_key', 'x-api-key', 'access_token', 'accessToken', 'password', 'client_secret', 'clientsecret', 'OPENAI_API_KEY', 'session_id']) assert.equal(isSecretName(n), true, n);
    for (const n of ['max_tokens', 'completion_tokens', 'keywords', 'monkey', 'model', 'baseUrl']) assert.equal(isSecretName(n), false, n);
  });

  it('replaces strings under credential keys in a JSON body, keeping its layout and everything else', () => {
    const secrets = new SecretRegistry();
    const text = '{\n  "username": "ann",\n  "password": "hunter2",\n  "max_tokens": 5,\n  "nested": { "api_key": "k-1", "token": "{{tok}}" },\n  "id": {{id}}\n}';
    const out = hideJsonSecrets(text, secrets, 'Login');
    assert.equal(out, '{\n  "username": "ann",\n  "password": "{{secret:password}}",\n  "max_tokens": 5,\n  "nested": { "api_key": "{{secret:api_key}}", "token": "{{tok}}" },\n  "id": {{id}}\n}');
    assert.deepEqual(secrets.needed.map((s) => s.where), ['Login: body field password', 'Login: body field api_key']);
  });

  it('a Postman login body keeps no password', async () => {
    const doc = { info: { name: 'L', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'Login', request: { method: 'POST', url: 'https://x.example/login', body: { mode: 'raw', raw: '{"user":"a","password":"pw-123456"}', options: { raw: { language: 'json' } } } } }] };
    const { collection, summary } = await importRequests([{ source: 'l.json', text: JSON.stringify(doc) }]);
    assert.deepEqual(allRequests(collection)[0]!.request.body, { kind: 'json', text: '{"user":"a","password":"{{secret:password}}"}' });
    assert.deepEqual(summary.secrets.map((s) => s.env), ['STREAM_VIEWER_SECRET_PASSWORD']);
  });
});
