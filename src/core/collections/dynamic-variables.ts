/**
 * Built-in `{{$…}}` values made fresh for each request. The names with
 * arguments follow REST Client's dynamic variables, written with colons so a
 * reference stays one word: `{{$datetime:iso8601:-1:d}}` is REST Client's
 * `{{$datetime iso8601 -1 d}}`.
 *
 * - `$uuid`, `$guid`: a random UUID v4
 * - `$timestamp[:offset:unit]`: Unix time in seconds
 * - `$isoTimestamp`: now, ISO 8601 in UTC
 * - `$datetime:iso8601|rfc1123[:offset:unit]`: UTC; `$localDatetime:…`: the machine's time zone
 * - `$randomInt[:min:max]`: an integer in [min, max) (default [0, 1000))
 *
 * Units: `y` `M` `w` `d` `h` `m` `s` `ms`, as in REST Client.
 */
import { randomInt, randomUUID } from 'node:crypto';

/** Offset units and their setters (months and years by the calendar, the rest by milliseconds). */
const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** `now` moved by `amount` `unit`s, or undefined for a unit that does not exist. */
function shifted(now: Date, amount: number, unit: string): Date | undefined {
  const d = new Date(now.getTime());
  if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() + amount);
  else if (unit === 'M') d.setUTCMonth(d.getUTCMonth() + amount);
  else if (Object.hasOwn(UNIT_MS, unit)) d.setTime(d.getTime() + amount * UNIT_MS[unit]!);
  else return undefined;
  return d;
}

/** The time the arguments after `at` name: now, or now moved by `offset unit`. */
function timeOf(args: string[], at: number, now: Date): Date | undefined {
  if (args.length === at) return now;
  if (args.length !== at + 2 || !/^[+-]?\d+$/.test(args[at]!)) return undefined;
  return shifted(now, Number(args[at]), args[at + 1]!);
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `d` in the machine's time zone: ISO 8601 with its offset, or RFC 1123 with a numeric zone. */
function local(d: Date, format: 'iso8601' | 'rfc1123'): string {
  const off = -d.getTimezoneOffset();
  const zone = `${off < 0 ? '-' : '+'}${pad(Math.trunc(off / 60))}${format === 'iso8601' ? ':' : ''}${pad(off % 60)}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (format === 'iso8601') return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${time}${zone}`;
  return `${DAYS[d.getDay()]}, ${pad(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${time} ${zone}`;
}

/** The value of the built-in `name` (with its leading `$`), or undefined when it is none or its arguments are wrong. */
export function dynamicValue(name: string, now: Date = new Date()): string | undefined {
  const [head, ...args] = name.split(':');
  switch (head) {
    case '$uuid':
    case '$guid':
      return args.length === 0 ? randomUUID() : undefined;
    case '$isoTimestamp':
      return args.length === 0 ? now.toISOString() : undefined;
    case '$timestamp': {
      const t = timeOf(args, 0, now);
      return t && String(Math.floor(t.getTime() / 1000));
    }
    case '$datetime':
    case '$localDatetime': {
      const format = args[0];
      if (format !== 'iso8601' && format !== 'rfc1123') return undefined;
      const t = timeOf(args, 1, now);
      if (!t) return undefined;
      if (head === '$localDatetime') return local(t, format);
      return format === 'iso8601' ? t.toISOString() : t.toUTCString();
    }
    case '$randomInt': {
      if (args.length === 0) return String(randomInt(0, 1000));
      if (args.length !== 2 || !args.every((a) => /^-?\d+$/.test(a))) return undefined;
      const [min, max] = args.map(Number) as [number, number];
      return max > min && Number.isSafeInteger(min) && Number.isSafeInteger(max) && max - min <= 2 ** 48 ? String(randomInt(min, max)) : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether `name` is a built-in this module makes (arguments checked), for editors and importers. */
export function isDynamicVariable(name: string): boolean {
  return dynamicValue(name) !== undefined;
}
