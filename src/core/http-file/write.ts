/**
 * Writes an edited request back into its `.http` block: only the parts that
 * changed are rewritten (the request line, each header line, the body), so
 * comments, metadata, variables, spacing and the rest of the file keep every
 * byte they had.
 */
import type { SavedRequest } from '../collections/model';
import type { KeyValue, RequestBody } from '../spec';
import type { HttpBlock } from './model';

/** One replacement in the file. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The file's text with `block`'s request replaced by `request`. `block` is
 * what `parseHttpFile(text)` returned for this same text. Disabled headers
 * and query parameters are written as comments (`# Name: value`) — a `.http`
 * file has no other way to keep a switched-off row. Settings are not written,
 * and a `< ./file` body stays that line (edit the file it names instead).
 * `{{$env:NAME}}` is written as `{{$processEnv NAME}}`, which REST Client
 * and httpyac read.
 */
export function replaceBlock(text: string, block: HttpBlock, request: SavedRequest): string {
  const layout = block.layout;
  if (!layout) throw new Error(`Block "${block.name}" has no request to replace`);
  const before = block.request;
  const eol = /\r\n/.test(text.slice(block.startOffset, block.endOffset)) ? '\r\n' : '\n';
  const edits: Edit[] = [];
  const url = withParams(request.url, request.params);
  if (request.method !== before.method || url !== withParams(before.url, before.params)) {
    edits.push({ ...layout.target, text: `${request.method} ${url}${layout.httpVersion ? ` ${layout.httpVersion}` : ''}` });
  }
  const oldHeaders = before.headers ?? [];
  const newHeaders = request.headers ?? [];
  const line = (h: KeyValue): string => `${h.enabled === false ? '# ' : ''}${h.name}: ${h.value}`;
  const same = (a: KeyValue | undefined, b: KeyValue): boolean => a !== undefined && a.name === b.name && a.value === b.value && (a.enabled !== false) === (b.enabled !== false);
  // The i-th new header takes the i-th header line; extra ones follow the last header line; missing ones lose theirs.
  for (let i = 0; i < Math.max(oldHeaders.length, newHeaders.length); i++) {
    const span = layout.headerLines[i];
    const h = newHeaders[i];
    if (span && h) {
      if (!same(oldHeaders[i], h)) edits.push({ ...span, text: line(h) });
    } else if (span) {
      edits.push({ start: span.start, end: lineEnd(text, span.end), text: '' });
    } else if (h) {
      const at = layout.headerLines.length > 0 ? layout.headerLines[layout.headerLines.length - 1]!.end : layout.headerInsert;
      edits.push({ start: at, end: at, text: eol + line(h) });
    }
  }
  if (!sameBody(before.body, request.body) && !block.bodyFile) {
    const body = bodyText(request.body).replace(/\n/g, eol);
    // A new body goes after the blank line (its end is where a block without a body has one), or after a new one.
    const hadBody = layout.body.end > layout.body.start;
    edits.push({ ...layout.body, text: hadBody || body === '' ? body : (layout.hasBlankLine ? eol : eol + eol) + body });
  }
  let out = text;
  for (const e of edits) e.text = toHttpSyntax(e.text);
  // From the end backwards, so earlier offsets stay right; at one offset, the later edit's text goes after the earlier's.
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.i - a.i);
  for (const { e } of order) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Where the line break after `end` ends (so that removing a line removes its break too). */
function lineEnd(text: string, end: number): number {
  if (text.startsWith('\r\n', end)) return end + 2;
  if (text[end] === '\n' || text[end] === '\r') return end + 1;
  return end;
}

function withParams(url: string, params: KeyValue[] | undefined): string {
  const on = (params ?? []).filter((p) => p.enabled !== false);
  if (on.length === 0) return url;
  const query = on.map((p) => `${formEncode(p.name)}=${formEncode(p.value)}`).join('&');
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

function bodyText(body: RequestBody | undefined): string {
  if (!body || body.kind === 'none') return '';
  if (body.kind === 'form') return body.fields.filter((f) => f.enabled !== false).map((f) => `${formEncode(f.name)}=${formEncode(f.value)}`).join('&');
  return body.text;
}

function sameBody(a: RequestBody | undefined, b: RequestBody | undefined): boolean {
  return bodyText(a) === bodyText(b);
}

/** Escapes only what would split or change a `name=value&…` pair, so `{{variables}}` stay readable. */
function formEncode(s: string): string {
  return s.replace(/[%&=+#\s]/g, (c) => encodeURIComponent(c));
}

/** Our `{{$env:NAME}}` and `{{$datetime:iso8601:-1:d}}` in the syntax the other clients read. */
function toHttpSyntax(text: string): string {
  return text
    .replace(/\{\{\s*\$env:([^{}\s]+)\s*\}\}/g, '{{$processEnv $1}}')
    .replace(/\{\{\s*(\$(?:timestamp|datetime|localDatetime|randomInt):[^{}\s]+)\s*\}\}/g, (_, name: string) => `{{${name.split(':').join(' ')}}}`);
}
