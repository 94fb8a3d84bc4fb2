/**
 * HAR 1.2 (browser devtools, proxies): each entry becomes a request in a
 * folder named after its host, with the headers a person would send again
 * (no HTTP/2 pseudo-headers, hop-by-hop or browser-set ones; credentials
 * become secrets) and its body. A response that was a stream marks the
 * request with that format.
 */
import type { SavedRequest } from '../collections/model';
import type { KeyValue, RequestBody } from '../spec';
import { isJsonObject } from '../../shared/json-object';
import { addRequest, label, skip, type ImportContext } from './context';
import { formField, headerRow, methodOf, textBody } from './request-parts';
import { isSecretName } from './secrets';
import { streamFormatOf } from './stream-types';

type Json = Record<string, unknown>;
const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');
const list = (x: unknown): Json[] => (Array.isArray(x) ? x.filter(isJsonObject) : []);

/** Headers the client sets itself or that only make sense on the connection they were sent on. */
const NOT_RESENT = /^(:.*|host|connection|keep-alive|proxy-connection|transfer-encoding|upgrade|te|trailer|content-length|accept-encoding|sec-fetch-.*|sec-ch-.*|priority)$/i;

/** Whether parsed JSON is a HAR. */
export function isHar(doc: unknown): boolean {
  return isJsonObject(doc) && isJsonObject(doc.log) && Array.isArray(doc.log.entries);
}

function bodyOf(post: Json | undefined, ctx: ImportContext, where: string): RequestBody | undefined {
  if (post === undefined) return undefined;
  const mime = str(post.mimeType);
  const params = list(post.params);
  if (params.length > 0 && /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(mime)) {
    const files = params.filter((p) => p.fileName !== undefined);
    for (const f of files) skip(ctx, where, `form field "${str(f.name)}" is a file: file fields are not carried over`);
    if (/^multipart/i.test(mime)) skip(ctx, where, 'multipart form data is sent URL-encoded (text fields only)');
    const fields: KeyValue[] = params.filter((p) => p.fileName === undefined).map((p) => formField(str(p.name), str(p.value), ctx.secrets, where));
    return fields.length > 0 ? { kind: 'form', fields } : undefined;
  }
  const text = str(post.text);
  if (text === '') return undefined;
  if (/^multipart\//i.test(mime)) {
    skip(ctx, where, 'multipart body is not carried over');
    return undefined;
  }
  if (/^application\/x-www-form-urlencoded/i.test(mime)) {
    return { kind: 'form', fields: [...new URLSearchParams(text)].map(([name, value]) => formField(name, value, ctx.secrets, where)) };
  }
  return textBody(text, mime === '' ? undefined : mime);
}

function importEntry(entry: Json, index: number, all: ImportContext): void {
  const req = isJsonObject(entry.request) ? entry.request : {};
  const rawUrl = str(req.url);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return skip(all, `entry ${index + 1}`, `URL "${rawUrl.slice(0, 80)}" does not parse`);
  }
  // One secret per credential name and origin: a recorded session's refreshed tokens are one value to set.
  const ctx: ImportContext = { ...all, secrets: all.secrets.scoped(url.origin) };
  const name = `${str(req.method) || 'GET'} ${url.pathname}`;
  const where = label([url.host], name);
  if (url.protocol === 'ws:' || url.protocol === 'wss:') return skip(ctx, where, 'WebSocket requests are not carried over');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return skip(ctx, `entry ${index + 1}`, `${url.protocol} URLs are not requests to re-send`);
  const method = methodOf(req.method);
  if (method === undefined) return skip(ctx, where, `method ${str(req.method)} is not one a collection can hold`);
  const headers = list(req.headers)
    .filter((h) => !NOT_RESENT.test(str(h.name)))
    .map((h) => headerRow(str(h.name), str(h.value), ctx.secrets, where, str(h.name)));
  const post = isJsonObject(req.postData) ? req.postData : undefined;
  const body = bodyOf(post, ctx, where);
  // A form body sets its own type: the captured one would contradict it.
  const sent = body?.kind === 'form' ? headers.filter((h) => h.name.toLowerCase() !== 'content-type') : headers;
  const response = isJsonObject(entry.response) ? entry.response : {};
  const content = isJsonObject(response.content) ? response.content : {};
  const responseType = str(content.mimeType) || str(list(response.headers).find((h) => str(h.name).toLowerCase() === 'content-type')?.value);
  const format = streamFormatOf(responseType);
  // A credential in the query (`?api_key=…`) moves to a parameter row holding its secret.
  const params: KeyValue[] = [];
  for (const [key, value] of [...url.searchParams]) {
    if (!isSecretName(key)) continue;
    params.push({ name: key, value: ctx.secrets.replace(value, key, `${where}: query parameter ${key}`) });
    url.searchParams.delete(key, value);
  }
  const saved: SavedRequest = { name, method, url: url.href };
  if (params.length > 0) saved.params = params;
  if (sent.length > 0) saved.headers = sent;
  if (body !== undefined) saved.body = body;
  if (format !== undefined) saved.settings = { format };
  addRequest(ctx, [url.host], saved);
}

/** Imports every entry of a HAR. */
export function importHar(doc: Json, ctx: ImportContext): void {
  const log = doc.log as Json;
  list(log.entries).forEach((entry, i) => importEntry(entry, i, ctx));
}
