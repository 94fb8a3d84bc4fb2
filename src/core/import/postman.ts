/**
 * Postman collections (v2.0 and v2.1) and environment files. Folders stay
 * folders; `{{variables}}` are the same syntax here and stay as they are;
 * collection variables become an environment; bearer, basic and API-key
 * auth become headers (or a query parameter) with the credential kept as a
 * secret. Scripts, other auth schemes, file bodies and requests a
 * collection cannot hold are reported.
 */
import type { Environment, SavedRequest } from '../collections/model';
import type { KeyValue, RequestBody } from '../spec';
import { isJsonObject } from '../../shared/json-object';
import { addRequest, label, skip, type ImportContext } from './context';
import { formField, headerRow, headerValue, methodOf, textBody } from './request-parts';
import { isSecretName, type SecretNamer } from './secrets';

type Json = Record<string, unknown>;

const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : '');
const list = (x: unknown): Json[] => (Array.isArray(x) ? x.filter(isJsonObject) : []);

/** Whether parsed JSON is a Postman collection. */
export function isPostmanCollection(doc: unknown): boolean {
  if (!isJsonObject(doc) || !Array.isArray(doc.item)) return false;
  // Newman and older exports also take `{name, item}` without `info`.
  if (!isJsonObject(doc.info)) return typeof doc.name === 'string' && doc.item.every((i) => isJsonObject(i) && (i.request !== undefined || Array.isArray(i.item)));
  return /getpostman\.com|postman\.com/.test(str(doc.info.schema) + str(doc.info._postman_schema)) || typeof doc.info._postman_id === 'string';
}

/** Whether parsed JSON is a Postman environment export. */
export function isPostmanEnvironment(doc: unknown): boolean {
  return isJsonObject(doc) && Array.isArray(doc.values) && (doc._postman_variable_scope === 'environment' || doc._postman_variable_scope === 'globals');
}

/** Variables of a Postman list (`variable` or `values`), credentials moved to secrets. */
function variablesOf(rows: Json[], secrets: SecretNamer, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of rows) {
    const name = str(v.key) || str(v.id);
    if (name === '' || v.disabled === true || v.enabled === false) continue;
    const value = str(v.value);
    out[name] = isSecretName(name) || v.type === 'secret' ? secrets.replace(value, name, `${where}: variable ${name}`) : value;
  }
  return out;
}

/** Imports a Postman environment file as an environment. */
export function importPostmanEnvironment(doc: Json, ctx: ImportContext): void {
  const name = str(doc.name) || 'Postman environment';
  const env: Environment = { name, variables: variablesOf(list(doc.values), ctx.secrets, `environment ${name}`) };
  ctx.builder.addEnvironment(env);
  ctx.summary.environments.push(name);
}

/** An auth block's parameters as a map: v2.1 lists `{key, value}`, v2.0 has an object. */
function authParams(auth: Json, type: string): Record<string, string> {
  const raw = auth[type];
  if (Array.isArray(raw)) return Object.fromEntries(list(raw).map((p) => [str(p.key), str(p.value)]));
  if (isJsonObject(raw)) return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, str(v)]));
  return {};
}

interface Target {
  headers: KeyValue[];
  params: KeyValue[];
}

/** Applies bearer, basic or API-key auth; anything else is reported. */
function applyAuth(auth: Json | undefined, into: Target, ctx: ImportContext, where: string): void {
  if (auth === undefined) return;
  const type = str(auth.type);
  if (type === '' || type === 'noauth' || type === 'inherit') return;
  const p = authParams(auth, type);
  if (type === 'bearer') {
    into.headers.push({ name: 'Authorization', value: `Bearer ${ctx.secrets.replace(p.token ?? '', 'token', `${where}: bearer token`)}` });
  } else if (type === 'basic') {
    const credential = `${p.username ?? ''}:${p.password ?? ''}`;
    // The header holds base64 of user:password, which no variable can compute: the whole of it is the secret.
    const value = ctx.secrets.replace(Buffer.from(credential, 'utf8').toString('base64'), 'basic_auth', `${where}: basic auth`, `base64 of "${p.username ?? ''}:<password>"`);
    into.headers.push({ name: 'Authorization', value: `Basic ${value}` });
  } else if (type === 'apikey') {
    const key = p.key || 'X-API-Key';
    const value = ctx.secrets.replace(p.value ?? '', key, `${where}: API key ${key}`);
    if (p.in === 'query') into.params.push({ name: key, value });
    else into.headers.push({ name: key, value });
  } else {
    skip(ctx, where, `${type} auth is not carried over: add its header by hand (its credentials were not copied)`);
  }
}

/** `:name` path segments (Postman path variables) → their value, or `{{name}}`. */
function pathVariables(url: string, vars: Json[]): string {
  const values = new Map(vars.map((v) => [str(v.key), str(v.value)]));
  return url.replace(/\/:([A-Za-z_][\w-]*)/g, (_m, name: string) => `/${values.get(name) || `{{${name}}}`}`);
}

function urlOf(raw: unknown, into: Target): string {
  if (typeof raw === 'string') return raw;
  if (!isJsonObject(raw)) return '';
  let url = str(raw.raw).trim();
  if (url === '') {
    const host = Array.isArray(raw.host) ? raw.host.map(str).join('.') : str(raw.host);
    const path = Array.isArray(raw.path) ? raw.path.map(str).join('/') : str(raw.path);
    url = `${raw.protocol ? `${str(raw.protocol)}://` : ''}${host}${raw.port ? `:${str(raw.port)}` : ''}${path ? `/${path}` : ''}`;
  }
  const query = list(raw.query);
  if (query.length > 0) {
    // The rows keep disabled parameters too; the raw URL only the enabled ones.
    const q = url.indexOf('?');
    if (q !== -1) url = url.slice(0, q);
    for (const row of query) into.params.push(row.disabled === true ? { name: str(row.key), value: str(row.value), enabled: false } : { name: str(row.key), value: str(row.value) });
  }
  return pathVariables(url, list(raw.variable));
}

function headersOf(raw: unknown): Json[] {
  if (typeof raw === 'string') {
    // v2.0 allowed headers as one "Name: value" text.
    return raw.split(/\r?\n/).flatMap((line) => {
      const colon = line.indexOf(':');
      return colon > 0 ? [{ key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() }] : [];
    });
  }
  return list(raw);
}

function fields(rows: Json[], ctx: ImportContext, where: string): KeyValue[] {
  return rows.map((f) => formField(str(f.key), str(f.value), ctx.secrets, where, f.disabled !== true && f.enabled !== false));
}

function bodyOf(raw: unknown, headers: KeyValue[], ctx: ImportContext, where: string): RequestBody | undefined {
  if (!isJsonObject(raw) || raw.disabled === true) return undefined;
  const mode = str(raw.mode);
  if (mode === 'raw') {
    const text = str(raw.raw);
    if (text === '') return undefined;
    const options = isJsonObject(raw.options) && isJsonObject(raw.options.raw) ? raw.options.raw : {};
    const type = headerValue(headers, 'content-type') ?? (options.language === 'json' ? 'application/json' : undefined);
    return textBody(text, type);
  }
  if (mode === 'urlencoded') return { kind: 'form', fields: fields(list(raw.urlencoded), ctx, where) };
  if (mode === 'formdata') {
    const rows = list(raw.formdata);
    const files = rows.filter((f) => f.type === 'file');
    for (const f of files) skip(ctx, where, `form field "${str(f.key)}" is a file: file fields are not carried over`);
    const text = rows.filter((f) => f.type !== 'file');
    if (text.length === 0) return undefined;
    skip(ctx, where, 'multipart form data is sent URL-encoded (text fields only)');
    return { kind: 'form', fields: fields(text, ctx, where) };
  }
  if (mode === 'graphql' && isJsonObject(raw.graphql)) {
    skip(ctx, where, 'GraphQL body sent as plain JSON {query, variables}: no GraphQL tooling here');
    const variables = str(raw.graphql.variables).trim();
    let vars: unknown;
    try {
      vars = variables === '' ? {} : (JSON.parse(variables) as unknown);
    } catch {
      vars = variables;
    }
    return { kind: 'json', text: JSON.stringify({ query: str(raw.graphql.query), variables: vars }, null, 2) };
  }
  if (mode === 'file') skip(ctx, where, 'file body is not carried over');
  else if (mode !== '') skip(ctx, where, `body mode "${mode}" is not carried over`);
  return undefined;
}

function noteScripts(item: Json, ctx: ImportContext, where: string): void {
  for (const e of list(item.event)) {
    const script = isJsonObject(e.script) ? e.script : {};
    const exec = Array.isArray(script.exec) ? script.exec.map(str).join('\n') : str(script.exec);
    if (exec.trim() === '') continue;
    const kind = e.listen === 'prerequest' ? 'pre-request script' : e.listen === 'test' ? 'test script' : `${str(e.listen)} script`;
    skip(ctx, where, `${kind} is not carried over`);
  }
}

function importRequest(item: Json, path: string[], inherited: Json | undefined, ctx: ImportContext): void {
  const name = str(item.name) || 'Untitled request';
  const where = label(path, name);
  noteScripts(item, ctx, where);
  const req: Json = typeof item.request === 'string' ? { url: item.request, method: 'GET' } : isJsonObject(item.request) ? item.request : {};
  const target: Target = { headers: [], params: [] };
  const url = urlOf(req.url, target).trim();
  if (/^wss?:\/\//i.test(url)) return skip(ctx, where, 'WebSocket requests are not carried over');
  if (/^grpcs?:\/\//i.test(url)) return skip(ctx, where, 'gRPC requests are not carried over');
  const method = methodOf(req.method ?? 'GET');
  if (method === undefined) return skip(ctx, where, `method ${str(req.method)} is not one a collection can hold`);
  if (url === '') return skip(ctx, where, 'no URL');
  for (const h of headersOf(req.header)) {
    target.headers.push(headerRow(str(h.key), str(h.value), ctx.secrets, where, str(h.key), h.disabled !== true));
  }
  const auth = isJsonObject(req.auth) ? req.auth : inherited;
  applyAuth(auth, target, ctx, where);
  const body = bodyOf(req.body, target.headers, ctx, where);
  const saved: SavedRequest = { name, method, url };
  if (target.params.length > 0) saved.params = target.params;
  if (target.headers.length > 0) saved.headers = target.headers;
  if (body !== undefined) saved.body = body;
  addRequest(ctx, path, saved);
}

function walk(items: Json[], path: string[], inherited: Json | undefined, ctx: ImportContext): void {
  for (const item of items) {
    if (Array.isArray(item.item)) {
      const name = str(item.name) || 'Untitled folder';
      noteScripts(item, ctx, label(path, name));
      walk(list(item.item), [...path, name], isJsonObject(item.auth) ? item.auth : inherited, ctx);
    } else importRequest(item, path, inherited, ctx);
  }
}

/** Imports a Postman collection (v2.0 or v2.1). */
export function importPostmanCollection(doc: Json, ctx: ImportContext): void {
  const info = isJsonObject(doc.info) ? doc.info : {};
  const name = str(info.name) || str(doc.name) || 'Postman collection';
  noteScripts(doc, ctx, name);
  walk(list(doc.item), [], isJsonObject(doc.auth) ? doc.auth : undefined, ctx);
  const vars = variablesOf(list(doc.variable), ctx.secrets, `${name}: collection variables`);
  if (Object.keys(vars).length > 0) {
    ctx.builder.addEnvironment({ name, variables: vars });
    ctx.summary.environments.push(name);
  }
}
