/**
 * Insomnia exports: v4 (JSON, a flat list of resources linked by
 * `parentId`) and v5 (YAML, a tree). Workspaces and request groups become
 * folders; the base environment and each sub-environment over it become
 * environments. Insomnia's `{{ _.name }}` is our `{{name}}`; template tags
 * (`{% … %}`), gRPC and WebSocket requests are reported.
 */
import type { SavedRequest } from '../collections/model';
import type { KeyValue, RequestBody } from '../spec';
import { isJsonObject } from '../../shared/json-object';
import { addRequest, label, skip, type ImportContext } from './context';
import { formField, headerRow, methodOf, textBody } from './request-parts';
import { isSecretName } from './secrets';

type Json = Record<string, unknown>;
const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : '');
const list = (x: unknown): Json[] => (Array.isArray(x) ? x.filter(isJsonObject) : []);

/** Whether a parsed document is an Insomnia v4 or v5 export. */
export function isInsomnia(doc: unknown): boolean {
  if (!isJsonObject(doc)) return false;
  if (doc._type === 'export' && Array.isArray(doc.resources)) return true;
  return typeof doc.type === 'string' && /^collection\.insomnia\.rest\/5\./.test(doc.type);
}

/** `{{ _.name }}` and `{{ name }}` → `{{name}}`. */
function vars(text: string): string {
  return text.replace(/\{\{\s*(?:_\.)?([\w.$-]+)\s*\}\}/g, '{{$1}}');
}

/** Environment data, nested objects flattened to `a.b` names. */
function flatten(data: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (!isJsonObject(data)) return out;
  for (const [k, v] of Object.entries(data)) {
    if (isJsonObject(v)) flatten(v, `${prefix}${k}.`, out);
    else out[prefix + k] = typeof v === 'string' ? vars(v) : JSON.stringify(v);
  }
  return out;
}

function addEnvironments(base: Json | undefined, subs: Json[], ctx: ImportContext): void {
  const baseVars = flatten(base?.data);
  const envs = subs.length > 0 ? subs.map((s) => ({ name: str(s.name) || 'Environment', variables: { ...baseVars, ...flatten(s.data) } })) : Object.keys(baseVars).length > 0 ? [{ name: str(base?.name) || 'Base Environment', variables: baseVars }] : [];
  for (const env of envs) {
    for (const [k, v] of Object.entries(env.variables)) {
      if (isSecretName(k)) env.variables[k] = ctx.secrets.replace(v, k.replace(/\./g, '_'), `environment ${env.name}: variable ${k}`);
    }
    ctx.builder.addEnvironment(env);
    ctx.summary.environments.push(env.name);
  }
}

function auth(a: unknown, headers: KeyValue[], params: KeyValue[], ctx: ImportContext, where: string): void {
  if (!isJsonObject(a) || a.disabled === true) return;
  const type = str(a.type);
  if (type === '' || type === 'none') return;
  if (type === 'bearer') {
    const prefix = str(a.prefix) || 'Bearer';
    headers.push({ name: 'Authorization', value: `${prefix} ${ctx.secrets.replace(vars(str(a.token)), 'token', `${where}: bearer token`)}` });
  } else if (type === 'basic') {
    const encoded = Buffer.from(`${str(a.username)}:${str(a.password)}`, 'utf8').toString('base64');
    headers.push({ name: 'Authorization', value: `Basic ${ctx.secrets.replace(encoded, 'basic_auth', `${where}: basic auth`, `base64 of "${str(a.username)}:<password>"`)}` });
  } else if (type === 'apikey') {
    const key = str(a.key) || 'X-API-Key';
    const value = ctx.secrets.replace(vars(str(a.value)), key, `${where}: API key ${key}`);
    if (a.addTo === 'queryParams') params.push({ name: key, value });
    else headers.push({ name: key, value });
  } else skip(ctx, where, `${type} auth is not carried over: add its header by hand (its credentials were not copied)`);
}

function body(b: unknown, ctx: ImportContext, where: string): RequestBody | undefined {
  if (!isJsonObject(b)) return undefined;
  const mime = str(b.mimeType);
  if (typeof b.fileName === 'string' && b.fileName !== '') {
    skip(ctx, where, 'file body is not carried over');
    return undefined;
  }
  const params = list(b.params);
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(mime)) {
    for (const f of params.filter((p) => p.type === 'file')) skip(ctx, where, `form field "${str(f.name)}" is a file: file fields are not carried over`);
    if (/^multipart/i.test(mime)) skip(ctx, where, 'multipart form data is sent URL-encoded (text fields only)');
    const fields = params.filter((p) => p.type !== 'file').map((p) => formField(str(p.name), vars(str(p.value)), ctx.secrets, where, p.disabled !== true));
    return fields.length > 0 ? { kind: 'form', fields } : undefined;
  }
  if (/graphql/i.test(mime)) skip(ctx, where, 'GraphQL body sent as plain JSON {query, variables}: no GraphQL tooling here');
  const text = vars(str(b.text));
  return text === '' ? undefined : textBody(text, mime === '' || /graphql/i.test(mime) ? 'application/json' : mime);
}

function request(r: Json, path: string[], ctx: ImportContext): void {
  const name = str(r.name) || 'Untitled request';
  const where = label(path, name);
  const kind = str(r._type);
  if (kind === 'grpc_request' || kind === 'websocket_request' || /^wss?:\/\//i.test(str(r.url))) {
    return skip(ctx, where, `${kind === 'grpc_request' ? 'gRPC' : 'WebSocket'} requests are not carried over`);
  }
  const method = methodOf(r.method);
  if (method === undefined) return skip(ctx, where, `method ${str(r.method)} is not one a collection can hold`);
  const url = vars(str(r.url));
  if (/\{%/.test(JSON.stringify(r))) skip(ctx, where, 'template tags ({% … %}) are kept as written: Stream Viewer does not run them');
  const headers = list(r.headers).map((h) => headerRow(str(h.name), vars(str(h.value)), ctx.secrets, where, str(h.name), h.disabled !== true));
  const params = list(r.parameters).map((p): KeyValue => (p.disabled === true ? { name: str(p.name), value: vars(str(p.value)), enabled: false } : { name: str(p.name), value: vars(str(p.value)) }));
  auth(r.authentication, headers, params, ctx, where);
  const b = body(r.body, ctx, where);
  const saved: SavedRequest = { name, method, url };
  if (params.length > 0) saved.params = params;
  if (headers.length > 0) saved.headers = headers;
  if (b !== undefined) saved.body = b;
  addRequest(ctx, path, saved);
}

function importV4(doc: Json, ctx: ImportContext): void {
  const resources = list(doc.resources);
  const byId = new Map(resources.map((r) => [str(r._id), r]));
  const workspaces = resources.filter((r) => r._type === 'workspace');
  /** Folder path of a resource: its request groups, and its workspace when there are several. */
  const pathOf = (r: Json): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let p = byId.get(str(r.parentId)); p !== undefined && !seen.has(str(p._id)); p = byId.get(str(p.parentId))) {
      seen.add(str(p._id));
      if (p._type === 'request_group' || (p._type === 'workspace' && workspaces.length > 1)) out.unshift(str(p.name) || 'Untitled folder');
    }
    return out;
  };
  for (const r of resources) {
    if (r._type === 'request' || r._type === 'grpc_request' || r._type === 'websocket_request') request(r, pathOf(r), ctx);
  }
  const envs = resources.filter((r) => r._type === 'environment');
  for (const base of envs.filter((e) => byId.get(str(e.parentId))?._type !== 'environment')) {
    addEnvironments(base, envs.filter((e) => e.parentId === base._id), ctx);
  }
  const unsupported = resources.filter((r) => r._type === 'unit_test_suite' || r._type === 'unit_test');
  if (unsupported.length > 0) skip(ctx, 'tests', `${unsupported.length} unit test resources are not carried over`);
}

function walkV5(items: Json[], path: string[], ctx: ImportContext): void {
  for (const item of items) {
    if (Array.isArray(item.children)) walkV5(list(item.children), [...path, str(item.name) || 'Untitled folder'], ctx);
    else request(item, path, ctx);
    if (isJsonObject(item.scripts) && (str(item.scripts.preRequest) + str(item.scripts.afterResponse)).trim() !== '') skip(ctx, label(path, str(item.name)), 'scripts are not carried over');
  }
}

/** Imports an Insomnia v4 (JSON) or v5 (YAML) export. */
export function importInsomnia(doc: Json, ctx: ImportContext): void {
  if (doc._type === 'export') return importV4(doc, ctx);
  walkV5(list(doc.collection), [], ctx);
  const envs = isJsonObject(doc.environments) ? doc.environments : undefined;
  if (envs !== undefined) addEnvironments(envs, list(envs.subEnvironments), ctx);
}
