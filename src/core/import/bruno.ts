/**
 * Bruno collections: a folder holding `bruno.json`, one `.bru` file per
 * request in sub-folders, `folder.bru`/`collection.bru` with shared
 * headers and auth, and `environments/*.bru`. Every file is read by
 * Bruno's own parser (`@usebruno/lang`). Sub-folders stay folders; auth
 * set to inherit takes the nearest folder's or the collection's; scripts,
 * tests, assertions, file bodies and gRPC/WebSocket requests are reported.
 */
import { bruToEnvJsonV2, bruToJsonV2, collectionBruToJson } from '@usebruno/lang';
import type { SavedRequest } from '../collections/model';
import type { KeyValue, RequestBody } from '../spec';
import { isJsonObject } from '../../shared/json-object';
import { addRequest, label, skip, type ImportContext } from './context';
import { formField, headerRow, methodOf, textBody } from './request-parts';
import { isSecretName } from './secrets';
import type { FolderFile } from './types';

type Json = Record<string, unknown>;
const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : '');
const list = (x: unknown): Json[] => (Array.isArray(x) ? x.filter(isJsonObject) : []);

/** Whether a folder's files are a Bruno collection. */
export function isBrunoFolder(files: readonly FolderFile[]): boolean {
  return files.some((f) => f.path === 'bruno.json') && files.some((f) => f.path.endsWith('.bru'));
}

function parsed(parse: (text: string) => unknown, file: FolderFile, ctx: ImportContext): Json | undefined {
  try {
    const out = parse(file.text);
    if (isJsonObject(out) && typeof out.error !== 'string') return out;
    skip(ctx, file.path, `Bruno could not read it${isJsonObject(out) ? `: ${str(out.error)}` : ''}`);
  } catch (err) {
    skip(ctx, file.path, `Bruno could not read it: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  return undefined;
}

/** Headers and auth a collection or folder gives the requests under it. */
interface Shared {
  headers: Json[];
  auth: Json | undefined;
}

function authOf(doc: Json, mode: string): Json | undefined {
  const auth = isJsonObject(doc.auth) ? doc.auth : {};
  return mode === '' ? undefined : { mode, ...auth };
}

function applyAuth(auth: Json | undefined, headers: KeyValue[], params: KeyValue[], ctx: ImportContext, where: string): void {
  const mode = str(auth?.mode);
  if (auth === undefined || mode === 'none' || mode === '' || mode === 'inherit') return;
  const p = isJsonObject(auth[mode]) ? auth[mode] : {};
  if (mode === 'bearer') headers.push({ name: 'Authorization', value: `Bearer ${ctx.secrets.replace(str(p.token), 'token', `${where}: bearer token`)}` });
  else if (mode === 'basic') {
    const encoded = Buffer.from(`${str(p.username)}:${str(p.password)}`, 'utf8').toString('base64');
    headers.push({ name: 'Authorization', value: `Basic ${ctx.secrets.replace(encoded, 'basic_auth', `${where}: basic auth`, `base64 of "${str(p.username)}:<password>"`)}` });
  } else if (mode === 'apikey') {
    const key = str(p.key) || 'X-API-Key';
    const value = ctx.secrets.replace(str(p.value), key, `${where}: API key ${key}`);
    if (p.placement === 'queryparams') params.push({ name: key, value });
    else headers.push({ name: key, value });
  } else skip(ctx, where, `${mode} auth is not carried over: add its header by hand (its credentials were not copied)`);
}

function bodyOf(doc: Json, mode: string, ctx: ImportContext, where: string): RequestBody | undefined {
  const body = isJsonObject(doc.body) ? doc.body : {};
  switch (mode) {
    case '':
    case 'none':
      return undefined;
    case 'json':
      return str(body.json) === '' ? undefined : { kind: 'json', text: str(body.json) };
    case 'text':
      return textBody(str(body.text), 'text/plain');
    case 'xml':
      return textBody(str(body.xml), 'application/xml');
    case 'formUrlEncoded':
      return { kind: 'form', fields: list(body.formUrlEncoded).map((f) => formField(str(f.name), str(f.value), ctx.secrets, where, f.enabled !== false)) };
    case 'multipartForm': {
      const rows = list(body.multipartForm);
      for (const f of rows.filter((r) => r.type === 'file')) skip(ctx, where, `form field "${str(f.name)}" is a file: file fields are not carried over`);
      const text = rows.filter((r) => r.type !== 'file');
      if (text.length === 0) return undefined;
      skip(ctx, where, 'multipart form data is sent URL-encoded (text fields only)');
      return { kind: 'form', fields: text.map((f) => formField(str(f.name), str(f.value), ctx.secrets, where, f.enabled !== false)) };
    }
    case 'graphql': {
      const g = isJsonObject(body.graphql) ? body.graphql : {};
      skip(ctx, where, 'GraphQL body sent as plain JSON {query, variables}: no GraphQL tooling here');
      let variables: unknown;
      try {
        variables = str(g.variables).trim() === '' ? {} : (JSON.parse(str(g.variables)) as unknown);
      } catch {
        variables = str(g.variables);
      }
      return { kind: 'json', text: JSON.stringify({ query: str(g.query), variables }, null, 2) };
    }
    default:
      skip(ctx, where, `${mode} body is not carried over`);
      return undefined;
  }
}

function noteUnsupported(doc: Json, ctx: ImportContext, where: string): void {
  const script = isJsonObject(doc.script) ? doc.script : {};
  if (str(script.req).trim() !== '') skip(ctx, where, 'pre-request script is not carried over');
  if (str(script.res).trim() !== '') skip(ctx, where, 'post-response script is not carried over');
  if (str(doc.tests).trim() !== '') skip(ctx, where, 'tests are not carried over');
  if (list(doc.assertions).length > 0) skip(ctx, where, 'assertions are not carried over (see --expect-* for CI checks)');
  const vars = isJsonObject(doc.vars) ? doc.vars : {};
  if (list(vars.req).length > 0 || list(vars.res).length > 0) skip(ctx, where, 'request variables (vars) are not carried over');
}

function importRequest(file: FolderFile, folders: string[], shared: Shared, ctx: ImportContext): void {
  const doc = parsed(bruToJsonV2, file, ctx);
  if (doc === undefined) return;
  const meta = isJsonObject(doc.meta) ? doc.meta : {};
  const name = str(meta.name) || file.path.split('/').pop()!.replace(/\.bru$/, '');
  const where = label(folders, name);
  const http = isJsonObject(doc.http) ? doc.http : undefined;
  if (http === undefined) return skip(ctx, where, `${str(meta.type) === 'grpc-request' || doc.grpc !== undefined ? 'gRPC' : 'WebSocket or other non-HTTP'} requests are not carried over`);
  noteUnsupported(doc, ctx, where);
  const method = methodOf(http.method);
  if (method === undefined) return skip(ctx, where, `method ${str(http.method).toUpperCase()} is not one a collection can hold`);
  const pathValues = new Map(list(doc.params).filter((p) => p.type === 'path').map((p) => [str(p.name), str(p.value)]));
  // Query rows repeat what the URL already holds; path parameters (`:id`) take their value or a variable.
  const url = str(http.url).replace(/\/:([A-Za-z_][\w-]*)/g, (_m, n: string) => `/${pathValues.get(n) || `{{${n}}}`}`);
  const headers = [...shared.headers, ...list(doc.headers)].map((h) => headerRow(str(h.name), str(h.value), ctx.secrets, where, str(h.name), h.enabled !== false));
  const params: KeyValue[] = [];
  const mode = str(http.auth);
  applyAuth(mode === 'inherit' ? shared.auth : authOf(doc, mode), headers, params, ctx, where);
  const body = bodyOf(doc, str(http.body), ctx, where);
  const saved: SavedRequest = { name, method, url };
  if (params.length > 0) saved.params = params;
  if (headers.length > 0) saved.headers = headers;
  if (body !== undefined) saved.body = body;
  addRequest(ctx, folders, saved);
}

function sharedOf(file: FolderFile | undefined, parent: Shared, ctx: ImportContext): Shared {
  if (file === undefined) return parent;
  const doc = parsed(collectionBruToJson, file, ctx);
  if (doc === undefined) return parent;
  const auth = isJsonObject(doc.auth) ? doc.auth : {};
  const mode = str(auth.mode);
  noteUnsupported(doc, ctx, file.path);
  return { headers: [...parent.headers, ...list(doc.headers)], auth: mode === '' || mode === 'inherit' ? parent.auth : auth };
}

/** Imports a Bruno collection folder. */
export function importBruno(files: readonly FolderFile[], ctx: ImportContext): void {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const shared = new Map<string, Shared>([['', sharedOf(byPath.get('collection.bru'), { headers: [], auth: undefined }, ctx)]]);
  /** Headers and auth for a folder, from its own folder.bru over its parents'. */
  const sharedFor = (dir: string[]): Shared => {
    const key = dir.join('/');
    const known = shared.get(key);
    if (known !== undefined) return known;
    const made = sharedOf(byPath.get(`${key}/folder.bru`), sharedFor(dir.slice(0, -1)), ctx);
    shared.set(key, made);
    return made;
  };
  const requests = files.filter((f) => f.path.endsWith('.bru') && !f.path.startsWith('environments/') && f.path !== 'collection.bru' && !f.path.endsWith('/folder.bru') && f.path !== 'folder.bru');
  for (const file of [...requests].sort((a, b) => a.path.localeCompare(b.path))) {
    const dir = file.path.split('/').slice(0, -1);
    importRequest(file, dir, sharedFor(dir), ctx);
  }
  for (const file of files.filter((f) => /^environments\/[^/]+\.bru$/.test(f.path))) {
    const doc = parsed(bruToEnvJsonV2, file, ctx);
    if (doc === undefined) continue;
    const name = file.path.slice('environments/'.length, -'.bru'.length);
    const variables: Record<string, string> = {};
    for (const v of list(doc.variables)) {
      if (v.enabled === false) continue;
      const key = str(v.name);
      variables[key] = v.secret === true || isSecretName(key) ? ctx.secrets.replace(str(v.value), key.replace(/[^A-Za-z0-9_]/g, '_'), `environment ${name}: variable ${key}`) : str(v.value);
    }
    ctx.builder.addEnvironment({ name, variables });
    ctx.summary.environments.push(name);
  }
}
