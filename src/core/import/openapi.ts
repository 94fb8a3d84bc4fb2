/**
 * OpenAPI 3.0, 3.1 and 3.2 (JSON or YAML): one request per operation, in a
 * folder per (first) tag. Local `$ref`s are resolved by
 * json-schema-ref-parser; external ones are never fetched (an import does not
 * reach the network). `servers` become environments holding `baseUrl`; path
 * parameters become `{{name}}`; query and header parameters become rows
 * (the optional ones switched off); the body is the spec's example or one
 * built from the schema. An operation that answers with a streaming media
 * type (or an OpenAPI 3.2 `itemSchema`) is saved with that format.
 */
import { dereference } from '@apidevtools/json-schema-ref-parser';
import type { Environment, SavedRequest } from '../collections/model';
import type { KeyValue, RequestBody } from '../spec';
import type { FormatSetting } from '../../shared/stream-formats';
import { isJsonObject } from '../../shared/json-object';
import { addRequest, label, skip, type ImportContext } from './context';
import { formField, headerRow, isJsonType, methodOf } from './request-parts';
import { exampleOf, type RefLookup } from './schema-example';
import { streamFormatOf } from './stream-types';

type Json = Record<string, unknown>;
const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : '');
const list = (x: unknown): Json[] => (Array.isArray(x) ? x.filter(isJsonObject) : []);

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'];

/** Whether a parsed document is an OpenAPI 3.x description. */
export function isOpenApi(doc: unknown): boolean {
  return isJsonObject(doc) && typeof doc.openapi === 'string' && /^3\./.test(doc.openapi) && (isJsonObject(doc.paths) || isJsonObject(doc.webhooks));
}

/** Whether a parsed document is a Swagger 2.0 description (reported, not imported). */
export function isSwagger2(doc: unknown): boolean {
  return isJsonObject(doc) && doc.swagger === '2.0';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

/** `Production (EU)` → `production-eu`. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
}

/** An environment per server, named by its description (else `server1`…), `{variables}` in its URL set to their defaults. */
function environmentsOf(doc: Json): Environment[] {
  const used = new Set<string>();
  return list(doc.servers).map((server, i) => {
    const vars = isJsonObject(server.variables) ? server.variables : {};
    const url = str(server.url).replace(/\{([^}]+)\}/g, (m, name: string) => {
      const v = vars[name];
      return isJsonObject(v) && v.default !== undefined ? str(v.default) : m;
    });
    // A short name to type after --env; the URL is in baseUrl.
    const base = slug(str(server.description).split('\n')[0]!) || `server${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return { name, variables: { baseUrl: url.replace(/\/$/, '') } };
  });
}

/** A lookup of `#/…` pointers in `doc`. */
function refLookup(doc: Json): RefLookup {
  return (ref) => {
    if (!ref.startsWith('#/')) return undefined;
    let at: unknown = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      at = isJsonObject(at) && Object.hasOwn(at, key) ? at[key] : undefined;
    }
    return at;
  };
}

function paramValue(p: Json, lookup: RefLookup): string {
  if (p.example !== undefined) return text(p.example);
  if (isJsonObject(p.examples)) {
    const first = Object.values(p.examples).find(isJsonObject);
    if (first?.value !== undefined) return text(first.value);
  }
  const ex = exampleOf(p.schema, lookup);
  return ex === undefined || ex === 'string' ? '' : text(ex);
}

/** Path-level parameters, overridden by the operation's own of the same name and place. */
function parametersOf(pathItem: Json, op: Json): Json[] {
  const byKey = new Map<string, Json>();
  for (const p of [...list(pathItem.parameters), ...list(op.parameters)]) byKey.set(`${str(p.in)}:${str(p.name)}`, p);
  return [...byKey.values()];
}

function mediaExample(media: Json, lookup: RefLookup): unknown {
  if (media.example !== undefined) return media.example;
  if (isJsonObject(media.examples)) {
    const first = Object.values(media.examples).find(isJsonObject);
    if (first?.value !== undefined) return first.value;
  }
  return exampleOf(media.schema, lookup);
}

/** Whether a schema (its `allOf`/`anyOf`/`oneOf` parts included) has a boolean property `name`. */
function hasBooleanProperty(schema: unknown, name: string, depth = 0): boolean {
  if (!isJsonObject(schema) || depth > 4) return false;
  const prop = isJsonObject(schema.properties) ? schema.properties[name] : undefined;
  if (isJsonObject(prop)) {
    const types = Array.isArray(prop.type) ? prop.type : [prop.type];
    if (types.includes('boolean') || list(prop.anyOf).some((s) => s.type === 'boolean')) return true;
  }
  return ['allOf', 'anyOf', 'oneOf'].some((k) => list(schema[k]).some((s) => hasBooleanProperty(s, name, depth + 1)));
}

function bodyOf(op: Json, streams: boolean, lookup: RefLookup, ctx: ImportContext, where: string): RequestBody | undefined {
  const rb = isJsonObject(op.requestBody) ? op.requestBody : undefined;
  const content = rb !== undefined && isJsonObject(rb.content) ? rb.content : undefined;
  if (content === undefined) return undefined;
  const types = Object.keys(content);
  const type = types.find((t) => isJsonType(t)) ?? types.find((t) => /x-www-form-urlencoded/i.test(t)) ?? types[0];
  if (type === undefined || !isJsonObject(content[type])) return undefined;
  const media = content[type];
  let example = mediaExample(media, lookup);
  if (isJsonType(type)) {
    // A body that can ask for a stream (`"stream": true`, as OpenAI's does) asks for it when the operation streams.
    if (streams && isJsonObject(example) && hasBooleanProperty(media.schema, 'stream')) {
      example = { ...example, stream: true };
    }
    return { kind: 'json', text: JSON.stringify(example ?? {}, null, 2) };
  }
  if (/x-www-form-urlencoded/i.test(type)) {
    const fields = isJsonObject(example) ? Object.entries(example).map(([name, value]) => formField(name, text(value), ctx.secrets, where)) : [];
    return { kind: 'form', fields };
  }
  if (/^multipart\//i.test(type)) {
    skip(ctx, where, `${type} body is not carried over (file uploads)`);
    return undefined;
  }
  if (/octet-stream|^image\/|^audio\/|^video\//i.test(type)) {
    skip(ctx, where, `${type} body is not carried over (a file)`);
    return undefined;
  }
  return { kind: 'raw', text: typeof example === 'string' ? example : text(example), contentType: type };
}

/** The stream format a successful response announces, if any. */
function formatOf(op: Json): FormatSetting | undefined {
  const responses = isJsonObject(op.responses) ? op.responses : {};
  for (const [code, response] of Object.entries(responses)) {
    if (!/^(2\d\d|2XX|default)$/i.test(code) || !isJsonObject(response) || !isJsonObject(response.content)) continue;
    for (const [type, media] of Object.entries(response.content)) {
      const format = streamFormatOf(type);
      if (format !== undefined) return format;
      if (isJsonObject(media) && media.itemSchema !== undefined) return 'auto';
    }
  }
  return undefined;
}

/** Security of an operation as headers or query rows, the credential named as a secret. */
function applySecurity(doc: Json, op: Json, headers: KeyValue[], params: KeyValue[], ctx: ImportContext, where: string): void {
  const requirements = Array.isArray(op.security) ? list(op.security) : list(doc.security);
  const first = requirements[0];
  if (first === undefined) return;
  const components = isJsonObject(doc.components) ? doc.components : {};
  const schemes = isJsonObject(components.securitySchemes) ? components.securitySchemes : {};
  for (const schemeName of Object.keys(first)) {
    const scheme = schemes[schemeName];
    if (!isJsonObject(scheme)) continue;
    const type = str(scheme.type);
    const secretWhere = `${where}: security ${schemeName}`;
    if (type === 'http' && /^bearer$/i.test(str(scheme.scheme))) {
      headers.push({ name: 'Authorization', value: `Bearer ${ctx.secrets.reference(schemeName, secretWhere)}` });
    } else if (type === 'http' && /^basic$/i.test(str(scheme.scheme))) {
      headers.push({ name: 'Authorization', value: `Basic ${ctx.secrets.reference(schemeName, secretWhere, 'base64 of "user:password"')}` });
    } else if (type === 'apiKey') {
      const value = ctx.secrets.reference(schemeName, secretWhere);
      const name = str(scheme.name);
      if (scheme.in === 'query') params.push({ name, value });
      else if (scheme.in === 'cookie') headers.push({ name: 'Cookie', value: `${name}=${value}` });
      else headers.push({ name, value });
    } else if (type === 'oauth2' || type === 'openIdConnect') {
      headers.push({ name: 'Authorization', value: `Bearer ${ctx.secrets.reference(schemeName, secretWhere, 'an access token')}` });
      skip(ctx, where, `${type} flow of "${schemeName}" is not carried over: store an access token as the secret`);
    } else skip(ctx, where, `security scheme "${schemeName}" (${type} ${str(scheme.scheme)}) is not carried over`);
  }
}

function operationName(op: Json, method: string, path: string): string {
  const summary = str(op.summary).split('\n')[0]!.trim();
  return str(op.operationId) || (summary.length > 0 && summary.length <= 80 ? summary : `${method} ${path}`);
}

function importOperation(doc: Json, path: string, pathItem: Json, key: string, op: Json, ctx: ImportContext): void {
  const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? [op.tags[0]] : [];
  const name = operationName(op, key.toUpperCase(), path);
  const where = label(tag, name);
  const method = methodOf(key);
  if (method === undefined) return skip(ctx, where, `method ${key.toUpperCase()} is not one a collection can hold`);
  const headers: KeyValue[] = [];
  const params: KeyValue[] = [];
  const lookup = refLookup(doc);
  for (const p of parametersOf(pathItem, op)) {
    const pname = str(p.name);
    if (p.in === 'query') params.push(p.required === true ? { name: pname, value: paramValue(p, lookup) } : { name: pname, value: paramValue(p, lookup), enabled: false });
    else if (p.in === 'header') headers.push(headerRow(pname, paramValue(p, lookup), ctx.secrets, where, pname, p.required === true));
    else if (p.in === 'cookie') skip(ctx, where, `cookie parameter "${pname}" is not carried over`);
  }
  applySecurity(doc, op, headers, params, ctx, where);
  const format = formatOf(op);
  const body = bodyOf(op, format !== undefined, lookup, ctx, where);
  if (isJsonObject(op.callbacks)) skip(ctx, where, 'callbacks are not requests to send');
  const url = `{{baseUrl}}${path.replace(/\{([^}]+)\}/g, '{{$1}}')}`;
  const saved: SavedRequest = { name, method, url };
  if (params.length > 0) saved.params = params;
  if (headers.length > 0) saved.headers = headers;
  if (body !== undefined) saved.body = body;
  if (format !== undefined) saved.settings = { format };
  addRequest(ctx, tag, saved);
}

/** Imports an OpenAPI 3.x description (already parsed from JSON or YAML). */
export async function importOpenApi(parsed: Json, ctx: ImportContext): Promise<void> {
  // Only `#/…` references: a description must not make an import read other files or the network.
  const doc = (await dereference(structuredClone(parsed), {
    resolve: { external: false },
    dereference: { circular: 'ignore' },
  })) as Json;
  for (const env of environmentsOf(doc)) {
    ctx.builder.addEnvironment(env);
    ctx.summary.environments.push(env.name);
  }
  if (list(doc.servers).length === 0) skip(ctx, 'servers', 'none listed: set {{baseUrl}} with --var or an environment');
  const paths = isJsonObject(doc.paths) ? doc.paths : {};
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isJsonObject(pathItem)) continue;
    for (const key of OPERATIONS) if (isJsonObject(pathItem[key])) importOperation(doc, path, pathItem, key, pathItem[key], ctx);
    if (isJsonObject(pathItem.additionalOperations)) {
      for (const [key, op] of Object.entries(pathItem.additionalOperations)) if (isJsonObject(op)) importOperation(doc, path, pathItem, key.toLowerCase(), op, ctx);
    }
  }
  if (isJsonObject(doc.webhooks)) for (const name of Object.keys(doc.webhooks)) skip(ctx, `webhook ${name}`, 'webhooks are sent by the server, not requests to send');
}
