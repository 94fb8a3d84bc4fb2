/** Reading the real import fixtures and checking what an import made of them. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import type { Collection, Folder, SavedRequest } from '../../../src/core/collections/model';
import { importRequests, type ImportResult } from '../../../src/core/import/index';

const root = resolve(__dirname, '..', '..', '..');

/** Path of a file in test/fixtures/import. */
export function fixture(name: string): string {
  return join(root, 'test', 'fixtures', 'import', name);
}

/** Imports fixtures by name. */
export function importFixtures(...names: string[]): Promise<ImportResult> {
  return importRequests(names.map((n) => ({ source: n, text: readFileSync(fixture(n), 'utf8') })));
}

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(root, 'schemas', 'streams.schema.json'), 'utf8')) as object);

/** Schema errors of a collection (empty when it is valid). */
export function schemaErrors(collection: Collection): string {
  return validate(collection) ? '' : JSON.stringify(validate.errors, null, 2);
}

/** Every request with its folder path (`Folder/Sub/Name`). */
export function allRequests(c: { requests?: SavedRequest[]; folders?: Folder[] }, prefix = ''): { path: string; request: SavedRequest }[] {
  return [...(c.requests ?? []).map((request) => ({ path: prefix + request.name, request })), ...(c.folders ?? []).flatMap((f) => allRequests(f, `${prefix}${f.name}/`))];
}
