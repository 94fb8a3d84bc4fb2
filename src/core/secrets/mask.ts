/**
 * Secret values never show: wherever a secret would appear in text (an
 * echoed header, a JSON body, a URL, a log line) it is replaced by a mask.
 * Servers and tools rarely echo a value byte for byte: they JSON-escape it
 * (once, or twice when a JSON document is printed as a JSON string),
 * percent-encode it (`encodeURIComponent`, forms with `+` for space, either
 * hex case) or shell-quote it, so each character of a secret matches any of
 * the forms it takes under those encodings. A secret of 1-3 characters is
 * masked only where it stands alone (see `MIN_EMBEDDED_SECRET_LENGTH`).
 */

/** What a secret value is replaced with. */
export const SECRET_MASK = '••••••';

/**
 * Secrets shorter than this are masked only where they stand alone (not
 * next to a letter or digit). Masked inside words, a one-letter secret
 * wrecks every text ("expected" → "e••••••pected") and tells itself by
 * where the masks fall; standing alone ("Bearer e", `"pin":"42"`) is how a
 * value is echoed.
 */
export const MIN_EMBEDDED_SECRET_LENGTH = 4;

/** Replaces every secret in a text. */
export type Masker = (text: string) => string;

const SAFE = /^[A-Za-z0-9]$/;

function hex(code: number, width: number, upper: boolean): string {
  const h = code.toString(16).padStart(width, '0');
  return upper ? h.toUpperCase() : h;
}

/** `\uXXXX` for each UTF-16 unit of `text`, as JSON encoders that escape non-ASCII write it. */
function unicodeEscape(text: string, upper: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += `\\u${hex(text.charCodeAt(i), 4, upper)}`;
  return out;
}

/** Percent-encodes every UTF-8 byte of `text` but letters and digits. */
function percentEncode(text: string, upper: boolean): string {
  let out = '';
  for (const b of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(b);
    out += SAFE.test(c) ? c : `%${hex(b, 2, upper)}`;
  }
  return out;
}

/** JSON string escaping of `text`, without the quotes. */
function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Every form one character (code point) of a secret takes under the encodings above. */
function characterForms(ch: string): string[] {
  if (SAFE.test(ch)) return [ch];
  const json = new Set([jsonEscape(ch), unicodeEscape(ch, false), unicodeEscape(ch, true)]);
  if (ch === '/') json.add('\\/');
  const forms = new Set<string>([ch, ...json]);
  // A JSON document shown inside a JSON string (the CLI's --json output of an echoed body).
  for (const j of json) forms.add(jsonEscape(j));
  for (const upper of [false, true]) {
    forms.add(percentEncode(ch, upper));
    // A JSON escape inside a URL, e.g. a JSON query parameter.
    for (const j of json) forms.add(percentEncode(j, upper));
  }
  if (ch === ' ') forms.add('+');
  // POSIX shell single quoting, as Copy as cURL writes it.
  if (ch === "'") forms.add(`'\\''`);
  return [...forms];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A regular-expression source matching `secret` in any of its forms. The
 * common whole forms (as written, JSON-escaped once and twice) come first.
 * Then each character may take any of its forms; those groups are atomic
 * (a lookahead captures the longest form that fits, a backreference takes
 * it), because forms that overlap, like `\\` and `\\\\` for a backslash,
 * would otherwise let a run of backslashes cost exponential time.
 */
function secretPattern(secret: string, group: () => string): string {
  const whole = new Set([secret, jsonEscape(secret), jsonEscape(jsonEscape(secret))]);
  let flexible = '';
  for (const ch of secret) {
    const forms = characterForms(ch)
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp);
    if (forms.length === 1) flexible += forms[0]!;
    else {
      const name = group();
      flexible += `(?=(?<${name}>${forms.join('|')}))\\k<${name}>`;
    }
  }
  return [...[...whole].sort((a, b) => b.length - a.length).map(escapeRegExp), flexible].join('|');
}

/** The distinct non-empty secret values, as strings (a JSON environment can hold numbers). */
function secretTexts(secrets: Iterable<unknown>): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (s === undefined || s === null) continue;
    const text = typeof s === 'string' ? s : String(s);
    if (text !== '') out.add(text);
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** Builds a masker for a set of secrets: one pass over the text, whatever their number. */
export function createMasker(secrets: Iterable<unknown>, mask = SECRET_MASK): Masker {
  const texts = secretTexts(secrets);
  if (texts.length === 0) return (text) => text;
  let pattern: RegExp;
  try {
    let groups = 0;
    const group = (): string => `g${groups++}`;
    const alone = (t: string, p: string): string => (t.length < MIN_EMBEDDED_SECRET_LENGTH ? `(?<![A-Za-z0-9])(?:${p})(?![A-Za-z0-9])` : p);
    pattern = new RegExp(texts.map((t) => alone(t, secretPattern(t, group))).join('|'), 'g');
  } catch {
    // A pattern too large to compile (megabytes of secrets): fall back to the values as written.
    return (text) => texts.reduce((out, s) => out.split(s).join(mask), String(text));
  }
  return (text) => (typeof text === 'string' ? text : String(text)).replace(pattern, () => mask);
}

let lastKey: string | undefined;
let lastMasker: Masker | undefined;
/** The array last asked for and its elements then, to skip even building the key when it is the same. */
let lastSecrets: readonly unknown[] | undefined;
let lastCopy: unknown[] = [];

/** The masker for `secrets`, built once for callers that mask text after text with the same secrets. */
export function maskerFor(secrets: readonly unknown[]): Masker {
  if (lastMasker && secrets === lastSecrets && secrets.length === lastCopy.length && secrets.every((s, i) => s === lastCopy[i])) return lastMasker;
  const key = secretTexts(secrets).join('\u0000');
  if (key !== lastKey || !lastMasker) {
    lastMasker = createMasker(secrets);
    lastKey = key;
  }
  lastSecrets = secrets;
  lastCopy = [...secrets];
  return lastMasker;
}

/** Replaces every secret value in `text` (in any of its escaped or encoded forms) with a mask. */
export function maskSecrets(text: string, secrets: readonly unknown[]): string {
  return secrets.length === 0 ? text : maskerFor(secrets)(text);
}

/**
 * A parsed JSON value with every secret masked in its strings and keys; a
 * number that holds a secret becomes the masked string. Walks without
 * recursion, so a deeply nested value cannot overflow the stack.
 */
export function maskJsonValue(value: unknown, mask: Masker): unknown {
  const leaf = (v: unknown): unknown => {
    if (typeof v === 'string') return mask(v);
    if (typeof v === 'number' || typeof v === 'bigint') {
      const masked = mask(String(v));
      return masked === String(v) ? v : masked;
    }
    return v;
  };
  const container = (v: unknown): v is object => typeof v === 'object' && v !== null;
  const empty = (v: object): Record<string, unknown> | unknown[] => (Array.isArray(v) ? [] : {});
  if (!container(value)) return leaf(value);
  const root = empty(value);
  const stack: [object, Record<string, unknown> | unknown[]][] = [[value, root]];
  while (stack.length > 0) {
    const [source, target] = stack.pop()!;
    for (const [key, v] of Object.entries(source)) {
      const out = container(v) ? empty(v) : leaf(v);
      if (container(v)) stack.push([v, out as Record<string, unknown> | unknown[]]);
      if (Array.isArray(target)) target.push(out);
      // defineProperty: a "__proto__" key from JSON.parse stays a plain key.
      else Object.defineProperty(target, mask(key), { value: out, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}
