/**
 * Turns a `RequestSpec` into what `fetch` needs, validating it on the way so
 * that a bad URL or a body on a GET is a clear message, not a stack trace.
 */
import type { KeyValue, RequestSpec } from './spec';
import { hasVariable } from '../shared/variable-syntax';

/** A request ready to send. */
export interface PreparedRequest {
  method: string;
  url: string;
  /** Header pairs in the order given (duplicates allowed). */
  headers: [string, string][];
  body: string | undefined;
}

/** Why a request cannot be sent, as a typed value. */
export class RequestError extends Error {
  constructor(
    readonly code: 'invalid-url' | 'invalid-request',
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function enabled(rows: KeyValue[] | undefined): KeyValue[] {
  return (rows ?? []).filter((r) => r.enabled !== false && r.name.trim() !== '');
}

function hasHeader(headers: [string, string][], name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([n]) => n.toLowerCase() === lower);
}

/** Parses and checks the URL, appending enabled query params. */
function buildUrl(rawUrl: string, params?: KeyValue[]): URL {
  const text = rawUrl.trim();
  if (text === '') throw new RequestError('invalid-url', 'No URL: enter one, e.g. http://127.0.0.1:3001/sse');
  if (hasVariable(text)) {
    throw new RequestError('invalid-url', `The URL still holds an unresolved variable: ${text}`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    const hint = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? '' : ' (add a scheme, e.g. http://)';
    throw new RequestError('invalid-url', `Invalid URL "${text}"${hint}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RequestError('invalid-url', `Unsupported URL scheme "${url.protocol}" in ${text}: use http or https`);
  }
  for (const p of enabled(params)) url.searchParams.append(p.name, p.value);
  return url;
}

/** Validates a spec and builds the method, URL, headers and body to send. */
export function prepareRequest(spec: RequestSpec): PreparedRequest {
  const method = spec.method.trim().toUpperCase() || 'GET';
  if (!TOKEN.test(method)) throw new RequestError('invalid-request', `Invalid HTTP method "${spec.method}"`);
  const url = buildUrl(spec.url, spec.params);
  const headers: [string, string][] = [];
  for (const h of enabled(spec.headers)) {
    const name = h.name.trim();
    if (!TOKEN.test(name)) throw new RequestError('invalid-request', `Invalid header name "${name}"`);
    if (/[\r\n\0]/.test(h.value)) throw new RequestError('invalid-request', `Header "${name}" holds a line break`);
    headers.push([name, h.value.trim()]);
  }
  let body: string | undefined;
  let contentType: string | undefined;
  const b = spec.body ?? { kind: 'none' };
  switch (b.kind) {
    case 'none':
      break;
    case 'raw':
      body = b.text;
      contentType = b.contentType ?? 'text/plain; charset=utf-8';
      break;
    case 'json':
      body = b.text;
      contentType = 'application/json';
      break;
    case 'form':
      body = new URLSearchParams(enabled(b.fields).map((f): [string, string] => [f.name, f.value])).toString();
      contentType = 'application/x-www-form-urlencoded';
      break;
  }
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) {
    if (body === '') body = undefined;
    else throw new RequestError('invalid-request', `A ${method} request cannot have a body: choose POST or remove the body`);
  }
  if (body !== undefined && contentType && !hasHeader(headers, 'content-type')) headers.push(['Content-Type', contentType]);
  return { method, url: url.toString(), headers, body };
}
