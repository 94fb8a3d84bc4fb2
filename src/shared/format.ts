/**
 * How times and sizes read everywhere (CLI, webview): one place, so the
 * terminal and the panel never disagree.
 */

/** `1234.5` → `1234.5 ms`; whole numbers keep one decimal so columns align. */
export function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** Bytes in B, kB, MB (decimal units, as network tools show them). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  if (n < 1_000_000_000) return `${(n / 1_000_000).toFixed(1)} MB`;
  return `${(n / 1_000_000_000).toFixed(2)} GB`;
}

/** Shortens text to one line of at most `max` characters for previews. */
export function previewText(text: string, max: number): string {
  const oneLine = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const flat = oneLine.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** How many names a message lists before it says how many more there are. */
export const LISTED_NAMES = 20;

/** `a, b, c` — the first `max` items, then `… and N more`, so a file of 20 000 requests gives a readable message. */
export function listSome(items: readonly string[], max = LISTED_NAMES): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')}, … and ${items.length - max} more`;
}
