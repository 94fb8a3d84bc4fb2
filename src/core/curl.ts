/**
 * cURL in and out: paste a `curl …` command to get a request, or copy a
 * request as one. Only the flags that change the HTTP request are read;
 * others are skipped so that commands copied from browsers still import.
 */
import type { PreparedRequest } from './request';
import type { KeyValue, RequestBody, RequestSpec } from './spec';

/** Why a cURL command could not be imported. */
export class CurlImportError extends Error {
  override name = 'CurlImportError';
}

/** Splits a POSIX shell command line into words (quotes, escapes, line continuations). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const text = command.replace(/\\\r?\n/g, ' ');
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw new CurlImportError('Unterminated single quote');
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      // Bash ANSI-C quoting, as Chrome's "Copy as cURL (bash)" produces.
      i += 2;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\') {
          const n = text[i + 1] ?? '';
          const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' };
          if (n === 'u' || n === 'x') {
            const len = n === 'u' ? 4 : 2;
            word += String.fromCharCode(parseInt(text.slice(i + 2, i + 2 + len), 16));
            i += 2 + len;
            continue;
          }
          word += map[n] ?? n;
          i += 2;
        } else word += text[i++];
      }
      if (i >= text.length) throw new CurlImportError("Unterminated $'…' quote");
      inWord = true;
      i++;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && '"\\$`'.includes(text[i + 1] ?? '')) {
          word += text[i + 1];
          i += 2;
        } else word += text[i++];
      }
      if (i >= text.length) throw new CurlImportError('Unterminated double quote');
      inWord = true;
      i++;
    } else if (c === '\\') {
      word += text[i + 1] ?? '';
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const DATA_FLAGS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
const FLAGS_WITH_VALUE = new Set([
  '-A', '--user-agent', '-e', '--referer', '-u', '--user', '-o', '--output', '-m', '--max-time', '--connect-timeout',
  '-x', '--proxy', '--retry', '-w', '--write-out', '--cacert', '--cert', '--key', '-T', '--upload-file', '-r', '--range', '-c', '--cookie-jar',
]);

/** A request imported from cURL. */
export interface CurlImport {
  spec: RequestSpec;
  /** Flags that were skipped because they do not map onto a request here. */
  ignored: string[];
}

/** Parses a `curl …` command line. */
export function parseCurl(command: string): CurlImport {
  const words = shellWords(command.trim());
  if (words[0] !== 'curl') throw new CurlImportError('Not a cURL command: it must start with "curl"');
  let method: string | undefined;
  let url: string | undefined;
  const headers: KeyValue[] = [];
  const data: string[] = [];
  let json = false;
  let head = false;
  let get = false;
  const ignored: string[] = [];
  for (let i = 1; i < words.length; i++) {
    let w = words[i]!;
    let inline: string | undefined;
    const eq = w.startsWith('--') ? w.indexOf('=') : -1;
    if (eq > 0) {
      inline = w.slice(eq + 1);
      w = w.slice(0, eq);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = words[++i];
      if (v === undefined) throw new CurlImportError(`${w} needs a value`);
      return v;
    };
    if (w === '-X' || w === '--request') method = value().toUpperCase();
    else if (w.startsWith('-X') && w.length > 2) method = w.slice(2).toUpperCase();
    else if (w === '-H' || w === '--header') {
      const h = value();
      const colon = h.indexOf(':');
      if (colon > 0) headers.push({ name: h.slice(0, colon).trim(), value: h.slice(colon + 1).trim() });
    } else if (DATA_FLAGS.has(w)) {
      data.push(value());
      if (w === '--json') json = true;
    } else if (w === '-b' || w === '--cookie') headers.push({ name: 'Cookie', value: value() });
    else if (w === '-A' || w === '--user-agent') headers.push({ name: 'User-Agent', value: value() });
    else if (w === '-e' || w === '--referer') headers.push({ name: 'Referer', value: value() });
    else if (w === '-u' || w === '--user') headers.push({ name: 'Authorization', value: `Basic ${Buffer.from(value()).toString('base64')}` });
    else if (w === '-I' || w === '--head') head = true;
    else if (w === '-G' || w === '--get') get = true;
    else if (w === '--url') url = value();
    else if (w === '-N' || w === '--no-buffer' || w === '-s' || w === '--silent' || w === '-S' || w === '--show-error' || w === '-L' || w === '--location' || w === '--compressed' || w === '-k' || w === '--insecure' || w === '-v' || w === '--verbose' || w === '-i' || w === '--include') {
      // Streaming, redirects and decompression are what we do anyway; -k and -v have no meaning here.
      if (w === '-k' || w === '--insecure') ignored.push(w);
    } else if (FLAGS_WITH_VALUE.has(w)) {
      ignored.push(`${w} ${value()}`);
    } else if (w.startsWith('-')) ignored.push(w);
    else url ??= w;
  }
  if (!url) throw new CurlImportError('The cURL command has no URL');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `http://${url}`;
  const text = data.join('&');
  let body: RequestBody = { kind: 'none' };
  if (get && data.length > 0) url += (url.includes('?') ? '&' : '?') + text;
  else if (data.length > 0) {
    const ct = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
    if (json || /json/i.test(ct)) body = { kind: 'json', text };
    else if (!ct || /x-www-form-urlencoded/i.test(ct)) {
      body = { kind: 'form', fields: [...new URLSearchParams(text)].map(([name, v]) => ({ name, value: v })) };
    } else body = { kind: 'raw', text, contentType: ct };
    if (json) {
      if (!headers.some((h) => h.name.toLowerCase() === 'content-type')) headers.push({ name: 'Content-Type', value: 'application/json' });
      if (!headers.some((h) => h.name.toLowerCase() === 'accept')) headers.push({ name: 'Accept', value: 'application/json' });
    }
  }
  const finalMethod = method ?? (head ? 'HEAD' : data.length > 0 && !get ? 'POST' : 'GET');
  return { spec: { method: finalMethod, url, headers, body }, ignored };
}

/** Quotes a word for a POSIX shell. */
function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\-.,:/@%+=]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Writes a prepared request as a `curl` command (with `-N` so it streams). */
export function toCurl(request: PreparedRequest): string {
  const parts = ['curl', '-N'];
  const hasBody = request.body !== undefined;
  if (request.method !== (hasBody ? 'POST' : 'GET')) parts.push('-X', request.method);
  parts.push(shellQuote(request.url));
  for (const [name, value] of request.headers) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (hasBody) parts.push('--data-raw', shellQuote(request.body!));
  return parts.join(' ');
}
