/**
 * Parses `.http` / `.rest` files as REST Client, httpyac and JetBrains'
 * HTTP Client write them: `###` separators (a title may follow), `# @name`,
 * `@var = value` file variables, a request line with optional method and
 * `HTTP/x.y`, query continuation lines, headers up to a blank line, then a
 * body (or `< ./file`) up to the next `###`. Pure: files named in a block
 * are returned as references for the caller to read.
 */
import type { SavedRequest } from '../collections/model';
import type { KeyValue } from '../spec';
import { splitLines, type Line } from './lines';
import type { BlockLayout, HttpBlock, HttpFile } from './model';
import { COMMENT, headerLineProblem, readBody, readTarget, targetProblem, withScheme } from './request-line';
import { mapVariables } from './variables';

const SEPARATOR = /^###/;
const FILE_VARIABLE = /^\s*@([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/;
const METADATA = /^\s*(?:#|\/\/)\s*@([\w-]+)(?:[\s=]+(.*?))?\s*$/;
const HEADER = /^([!#$%&'*+.^_`|~\w-]+)\s*:\s?(.*?)\s*$/;
/** JetBrains response handlers (`> {% %}`, `> file.js`) and output redirection (`>>`, `>>!`, `<>`). */
const AFTER_BODY = /^(>\s|>\{%|>>|<>\s)/;
/** httpyac keeps a received response in the file after its request: `HTTP/1.1 200 - OK`. */
const SAVED_RESPONSE = /^HTTP\/\d(\.\d)?\s+\d{3}\b/;
/** Protocols some clients run from a `.http` file that are not an HTTP request. */
const OTHER_PROTOCOLS = new Set(['GRAPHQL', 'WEBSOCKET', 'WS', 'GRPC', 'MQTT', 'AMQP', 'RPC']);
/** Metadata that changes nothing we send. */
const HARMLESS_METADATA = new Set(['name', 'no-log', 'no-cookie-jar', 'note', 'title', 'description', 'tag', 'no-reject-unauthorized', 'ratelimit', 'keepStreaming', 'verbose']);

/** Parses a whole file. Never throws: what it cannot read is reported on the block. */
export function parseHttpFile(text: string): HttpFile {
  const lines = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (offset) for (const l of lines) Object.assign(l, { start: l.start + 1, end: l.end + 1, next: l.next + 1 });
  const variables: Record<string, string> = Object.create(null) as Record<string, string>;
  const blocks: HttpBlock[] = [];
  let from = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && (i === 0 || !SEPARATOR.test(lines[i]!.text))) continue;
    const slice = lines.slice(from, i);
    // httpyac and JetBrains also start a new request at a request line after a blank line, without `###`.
    for (let rest = slice; rest.length > 0; ) {
      const parsed = parseBlock(rest, variables, i < lines.length ? lines[i]!.start : text.length);
      if (parsed.block) blocks.push(parsed.block);
      rest = parsed.rest;
    }
    from = i;
  }
  return { blocks, variables };
}

/** One block's lines (its `###` line first, when it has one) → a request, or undefined when it holds none. */
function parseBlock(all: Line[], variables: Record<string, string>, blockEnd: number): { block?: HttpBlock; rest: Line[] } {
  let lines = all;
  let endOffset = blockEnd;
  const warnings: string[] = [];
  const unsupported: string[] = [];
  let title: string | undefined;
  let i = 0;
  if (SEPARATOR.test(lines[0]!.text)) {
    title = lines[0]!.text.replace(/^#+/, '').trim() || undefined;
    i = 1;
  }
  let name: string | undefined;
  const settings: SavedRequest['settings'] = {};
  // Before the request line: comments, metadata, file variables and scripts.
  for (; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (t.trim() === '') continue;
    const meta = METADATA.exec(t);
    if (meta) {
      const key = meta[1]!;
      if (key === 'name' && meta[2]) name = meta[2];
      else if (key === 'no-redirect') settings.followRedirects = false;
      else if (key === 'prompt') warnings.push(`@prompt ${meta[2] ?? ''}: Stream Viewer does not ask; give the value with --var ${(meta[2] ?? '').split(/\s/)[0]}=…`);
      else if (key === 'ref' || key === 'forceRef' || key === 'import' || key === 'loop') unsupported.push(`@${key} (running other requests or files first)`);
      else if (!HARMLESS_METADATA.has(key)) warnings.push(`@${key} is ignored`);
      continue;
    }
    if (COMMENT.test(t)) continue;
    if (/^\s*\/\*/.test(t)) {
      // httpyac's `/* … */` comment blocks.
      while (i < lines.length && !lines[i]!.text.includes('*/')) i++;
      continue;
    }
    const fileVar = FILE_VARIABLE.exec(t);
    if (fileVar) {
      variables[fileVar[1]!] = mapVariables(fileVar[2]!).text;
      continue;
    }
    if (/^\s*\{\{\s*$/.test(t) || /^\s*<\s*\{%/.test(t)) {
      unsupported.push('a pre-request script (it may set variables or headers Stream Viewer would not)');
      const close = /^\s*\{\{\s*$/.test(t) ? /^\s*\}\}\s*$/ : /%\}\s*$/;
      while (i < lines.length && !close.test(lines[i]!.text)) i++;
      continue;
    }
    break;
  }
  if (i >= lines.length) return { rest: [] };
  const next = nextRequest(lines, i + 1);
  const rest = lines.slice(next);
  if (next < lines.length) {
    lines = lines.slice(0, next);
    endOffset = rest[0]!.start;
  }
  const first = lines[i]!;
  const startOffset = lines[0]!.start;
  const block: HttpBlock = { name: '', line: first.number, firstLine: lines[0]!.number, lastLine: lines[lines.length - 1]!.number, startOffset, endOffset, request: { name: '', method: 'GET', url: '' }, warnings, unsupported: undefined };
  const t = readTarget(lines, i);
  let method = t.method;
  const { target, httpVersion } = t;
  let j = t.next;
  const targetEnd = t.end;
  const problem = targetProblem(first, t);
  if (problem !== undefined) unsupported.push(problem);
  if (OTHER_PROTOCOLS.has(method)) unsupported.push(`${method} requests (Stream Viewer sends HTTP requests)`);
  if (/^wss?:\/\//i.test(target)) unsupported.push('WebSocket URLs');
  if (method === 'SSE') {
    // httpyac's SSE keyword: a GET whose response is read as server-sent events.
    method = 'GET';
    settings.format = 'sse';
  }
  // Headers, up to a blank line.
  const headers: KeyValue[] = [];
  const headerLines: BlockLayout['headerLines'] = [];
  for (; j < lines.length; j++) {
    const t = lines[j]!.text;
    if (t.trim() === '') break;
    if (COMMENT.test(t)) continue;
    const h = HEADER.exec(t);
    if (!h) {
      // A line that ends the headers without a blank line is a response handler, a saved response, or a mistake.
      if (!AFTER_BODY.test(t) && !SAVED_RESPONSE.test(t)) unsupported.push(headerLineProblem(lines[j]!));
      break;
    }
    headers.push({ name: h[1]!, value: h[2]! });
    headerLines.push({ start: lines[j]!.start, end: lines[j]!.end });
  }
  const hasBlankLine = j < lines.length && lines[j]!.text.trim() === '';
  if (hasBlankLine) j++;
  // More blank lines before the body are not part of it.
  while (hasBlankLine && j < lines.length - 1 && lines[j]!.text.trim() === '') j++;
  // The body, up to a response handler or the block's end, without trailing blank or comment lines.
  let k = j;
  while (k < lines.length && !AFTER_BODY.test(lines[k]!.text) && !SAVED_RESPONSE.test(lines[k]!.text)) k++;
  if (k < lines.length) warnings.push(SAVED_RESPONSE.test(lines[k]!.text) ? 'the response saved in the file after the request is not sent' : 'the response handler or output redirection after the body is not run');
  let last = k;
  while (last > j && (lines[last - 1]!.text.trim() === '' || COMMENT.test(lines[last - 1]!.text))) last--;
  const bodyStart = j < lines.length ? lines[j]!.start : endOffset;
  const bodyText = last > j ? lines.slice(j, last).map((l) => l.text).join('\n') : '';
  // Where a body would go in a block that has none: at its blank line, else after the headers.
  const noBody = hasBlankLine ? lines[j - 1]!.end : headerLines.length > 0 ? headerLines[headerLines.length - 1]!.end : targetEnd;
  const layout: BlockLayout = {
    target: { start: first.start, end: targetEnd },
    httpVersion,
    headerLines,
    headerInsert: targetEnd,
    body: last > j ? { start: bodyStart, end: lines[last - 1]!.end } : { start: noBody, end: noBody },
    hasBlankLine,
  };
  const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  if (headers.some((h) => h.name.toLowerCase() === 'x-request-type' && /graphql/i.test(h.value))) unsupported.push('GraphQL requests (X-Request-Type: GraphQL)');
  const auth = headers.find((h) => h.name.toLowerCase() === 'authorization')?.value ?? '';
  if (/^Basic\s+\S+(\s+\S+|:\S*)$/i.test(auth.replace(/\{\{[^{}]*\}\}/g, 'v'))) unsupported.push('Authorization: Basic with a user and password in clear (the client encodes them); write the base64 form');
  if (/^(Digest|AWS|AzureAD)\s/i.test(auth)) unsupported.push(`Authorization: ${auth.split(/\s/)[0]} (computed by the client)`);
  const { body, bodyFile } = readBody(bodyText, contentType, unsupported);
  const url = withScheme(target, headers, warnings);
  // Every text that is sent goes through the variable mapping.
  const mapped = (s: string): string => {
    const m = mapVariables(s);
    for (const w of m.warnings) if (!warnings.includes(w)) warnings.push(w);
    for (const u of m.unsupported) if (!unsupported.includes(u)) unsupported.push(u);
    return m.text;
  };
  const request: SavedRequest = { name: '', method, url: mapped(url) };
  if (headers.length > 0) request.headers = headers.map((h) => ({ name: h.name, value: mapped(h.value) }));
  if (body) request.body = body.kind === 'form' ? { kind: 'form', fields: body.fields.map((f) => ({ name: mapped(f.name), value: mapped(f.value) })) } : body.kind === 'none' ? body : { ...body, text: mapped(body.text) };
  if (Object.keys(settings).length > 0) request.settings = settings;
  block.name = name ?? title ?? `${method} ${target}`;
  request.name = block.name;
  block.request = request;
  block.layout = layout;
  if (bodyFile) block.bodyFile = bodyFile;
  if (unsupported.length > 0) block.unsupported = `Not supported in Stream Viewer yet: ${unsupported.join('; ')}.`;
  else delete block.unsupported;
  return { block, rest };
}

/** A request line with a standard method, at the start of a line: where a request without `###` begins. */
const NEXT_REQUEST = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT)\s+\S/;

/**
 * Where the next request of a block begins (`lines.length` when none does):
 * at a request line that follows a blank line, or the comments and `# @name`
 * lines just before it, outside a `> {% … %}` handler script.
 */
function nextRequest(lines: Line[], from: number): number {
  let inScript = false;
  for (let m = from; m < lines.length; m++) {
    const t = lines[m]!.text;
    if (inScript) {
      if (/%\}\s*$/.test(t)) inScript = false;
      continue;
    }
    if (/^>\s*\{%/.test(t) && !/%\}\s*$/.test(t)) {
      inScript = true;
      continue;
    }
    if (!NEXT_REQUEST.test(t)) continue;
    let s = m;
    while (s > from && COMMENT.test(lines[s - 1]!.text)) s--;
    if (s > from && lines[s - 1]!.text.trim() === '') return s;
  }
  return lines.length;
}
