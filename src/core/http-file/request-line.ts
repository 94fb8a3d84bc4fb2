/**
 * The parts of a `.http` block after its comments and variables: the
 * request line with its continuation lines, the checks that it is a request
 * line at all, the body by its Content-Type (or a `< ./file` reference),
 * and the URL with a scheme. What cannot be a request is named with its
 * line so the block is refused, never sent as a guess.
 */
import { contentTypeEssence } from '../detect';
import type { KeyValue, RequestBody } from '../spec';
import { replaceVariables } from '../../shared/variable-syntax';
import type { Line } from './lines';
import type { BodyFileReference } from './model';

/** A comment line (`#` or `//`). */
export const COMMENT = /^\s*(#|\/\/)/;
const REQUEST_LINE = /^([A-Z]+)\s+(\S.*?)(?:\s+(HTTP\/\d(?:\.\d)?))?\s*$/;
const VERSION_AT_END = /^(.*?)\s+(HTTP\/\d(?:\.\d)?)$/;
/** Methods a request line may start with; one of them alone is a request line missing its URL. */
const METHOD_WORDS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'SSE', 'GRAPHQL', 'WEBSOCKET', 'WS', 'GRPC', 'MQTT', 'AMQP', 'RPC']);

/** A request line and the continuation lines of its target. */
export interface RequestTarget {
  method: string;
  target: string;
  httpVersion?: string;
  /** Index of the first line after the target. */
  next: number;
  /** Where the target's last line ends (no line break). */
  end: number;
}

/** Reads the request line at `lines[i]` and its continuation lines (`?a=1`, `&b=2`, or indented parts of the target). */
export function readTarget(lines: readonly Line[], i: number): RequestTarget {
  const first = lines[i]!;
  let method = 'GET';
  let target = first.text.trim();
  let httpVersion: string | undefined;
  const rl = REQUEST_LINE.exec(target);
  if (rl && rl[1] !== target) {
    method = rl[1]!;
    target = rl[2]!;
    httpVersion = rl[3];
  } else {
    const v = VERSION_AT_END.exec(target);
    if (v) [target, httpVersion] = [v[1]!, v[2]];
  }
  let j = i + 1;
  while (j < lines.length && /^\s*[?&]|^\s+\S/.test(lines[j]!.text) && !COMMENT.test(lines[j]!.text)) {
    const part = lines[j]!.text.trim();
    const v = VERSION_AT_END.exec(part);
    target += v ? v[1] : part;
    if (v) httpVersion = v[2];
    j++;
  }
  return { method, target, httpVersion, next: j, end: lines[j - 1]!.end };
}

/** Shortened for a message. */
const quote = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * Why the line read as the request line is none (a method alone, a body
 * file before any request, a command line), naming the line; undefined when
 * it is one. Spaces inside `{{…}}` are a dynamic variable's arguments, and
 * spaces in the query are encoded when sent.
 */
export function targetProblem(line: Line, t: RequestTarget): string | undefined {
  const text = line.text.trim();
  if (METHOD_WORDS.has(text.toUpperCase())) return `line ${line.number}: ${quote(text)} is a request line without a URL`;
  if (t.target.startsWith('<')) return `line ${line.number}: ${quote(text)} is a body file with no request line before it`;
  if (/^curl\s/i.test(text)) return `line ${line.number}: a curl command is not a request line here (write METHOD URL, or use Import from cURL)`;
  // A space in the query is encoded when sent (REST Client sends `?q=a b`); before it, the line is something else.
  if (/\s/.test(replaceVariables(t.target, 'v').split('?')[0]!)) return `line ${line.number}: ${quote(text)} is not a request line (METHOD URL [HTTP/x.y]): a URL holds no spaces`;
  return undefined;
}

/** Why a line in the headers is neither a header nor where the headers end; names the line. */
export function headerLineProblem(line: Line): string {
  return `line ${line.number}: ${quote(line.text.trim())} is not a header (Name: value); put a blank line before a body`;
}

/** A body by its Content-Type: JSON, form fields, a `< ./file` reference, or raw text. */
export function readBody(text: string, contentType: string | undefined, unsupported: string[]): { body?: RequestBody; bodyFile?: BodyFileReference } {
  if (text === '') return {};
  const file = /^<(@\w*)?\s+(\S.*?)\s*$/.exec(text);
  if (file && !text.includes('\n')) {
    return { body: { kind: 'raw', text: '' }, bodyFile: { path: file[2]!, substituteVariables: file[1] !== undefined } };
  }
  if (/^<@?\w*\s+\S/m.test(text)) unsupported.push('bodies that mix text and `< file` parts (multipart)');
  const essence = contentTypeEssence(contentType);
  if (essence === 'application/json' || essence.endsWith('+json')) return { body: { kind: 'json', text } };
  if (essence === 'application/x-www-form-urlencoded') {
    // REST Client lets a form body run over several lines, each starting with `&`.
    const joined = text.split('\n').map((l) => l.trim()).join('');
    const fields = joined.split('&').filter((p) => p !== '').map((p) => {
      const eq = p.indexOf('=');
      return { name: decode(eq < 0 ? p : p.slice(0, eq)), value: eq < 0 ? '' : decode(p.slice(eq + 1)) };
    });
    return { body: { kind: 'form', fields } };
  }
  return { body: contentType === undefined ? { kind: 'raw', text } : { kind: 'raw', text, contentType } };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** `/path` with a `Host:` header, or `host/path`, as a full URL (REST Client and JetBrains default to http). */
export function withScheme(target: string, headers: KeyValue[], warnings: string[]): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || target.startsWith('{{')) return target;
  const host = headers.find((h) => h.name.toLowerCase() === 'host')?.value;
  if (target.startsWith('/') && host) {
    const scheme = /:443$/.test(host) ? 'https' : 'http';
    warnings.push(`the URL is built from the Host header as ${scheme}://${host}${target}`);
    return `${scheme}://${host}${target}`;
  }
  if (target.startsWith('/')) {
    warnings.push(`"${target}" names no host (no Host header); give a full URL`);
    return target;
  }
  warnings.push(`"${target}" has no scheme; http:// is assumed`);
  return `http://${target}`;
}
