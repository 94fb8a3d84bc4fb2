/**
 * Bruno import, on Bruno's own test collection (part of it, see
 * test/fixtures/import/README.md), read with Bruno's parser.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { importRequests, type FolderFile, type ImportResult } from '../../src/core/import/index';
import { allRequests, fixture, schemaErrors } from './helpers/imports';

const DIR = fixture('bruno-tests-collection');

function filesOf(dir: string): FolderFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((full) => ({ path: relative(dir, full).split(sep).join('/'), text: readFileSync(full, 'utf8') }));
}

const importBruno = (): Promise<ImportResult> => importRequests([{ source: 'bruno-tests-collection', files: filesOf(DIR) }]);

describe('Bruno import of a real collection', () => {
  it('every request file becomes a request in a valid collection, folders kept', async () => {
    const files = filesOf(DIR).filter((f) => f.path.endsWith('.bru') && !f.path.startsWith('environments/') && f.path !== 'collection.bru' && !f.path.endsWith('folder.bru'));
    const { collection, summary } = await importBruno();
    assert.equal(summary.sources[0]!.format, 'bruno');
    assert.equal(summary.sources[0]!.imported, files.length, JSON.stringify(summary.sources[0]!.skipped.filter((s) => !/not carried over/.test(s.reason))));
    assert.equal(schemaErrors(collection), '');
    assert.ok(allRequests(collection).some((r) => r.path === 'auth/bearer/via auth/Bearer Auth 200'));
  });

  it('inherit auth takes the collection bearer auth; collection headers go with every request', async () => {
    const { collection } = await importBruno();
    const r = allRequests(collection).find((x) => x.path === 'auth/inherit auth/inherit Bearer Auth 200')!.request;
    assert.ok(r.headers!.some((h) => h.name === 'Authorization' && h.value === 'Bearer {{bearer_auth_token}}'), JSON.stringify(r.headers));
    assert.ok(r.headers!.some((h) => h.name === 'collection-header' && h.value === 'collection-header-value'));
  });

  it('environments come in with credential-named values as secrets, never their values', async () => {
    const { collection, summary } = await importBruno();
    const prod = collection.environments?.find((e) => e.name === 'Prod')?.variables;
    assert.equal(prod?.host, 'https://testbench-sanity.usebruno.com');
    assert.equal(prod?.bearer_auth_token, '{{secret:bearer_auth_token}}');
    assert.equal(prod?.basic_auth_password, '{{secret:basic_auth_password}}');
    const text = JSON.stringify(collection);
    assert.ok(!text.includes('your_secret_token') && !text.includes('"della"'));
    assert.ok(summary.secrets.some((s) => s.env === 'STREAM_VIEWER_SECRET_BEARER_AUTH_TOKEN'));
  });

  it('scripts, tests, assertions, digest auth and file bodies are named in the summary', async () => {
    const { summary } = await importBruno();
    const reasons = summary.sources[0]!.skipped.map((s) => `${s.item}: ${s.reason}`).join('\n');
    for (const want of [/echo\/echo json: tests are not carried over/, /auth\/digest\/Digest Auth 200: digest auth/, /file-binary\/binary upload json: file body/, /echo\/echo multipart: form field "file" is a file/]) assert.match(reasons, want);
  });

  it('a second import adds nothing', async () => {
    const first = await importBruno();
    const again = await importRequests([{ source: 'again', files: filesOf(DIR) }], { existing: first.collection });
    assert.equal(again.summary.sources[0]!.imported, 0);
    assert.deepEqual(again.collection, first.collection);
  });
});
