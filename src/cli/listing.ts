/**
 * The readable, coloured listing printed without `--json`: one line per
 * item with its time since the request, like a DevTools EventStream tab.
 * Whatever the server sent goes through `printable`, so it can show
 * control characters but never send them to the terminal.
 */
import { assertNever, type TimelineItem } from '../core/items';
import { formatBytes, formatMs } from '../shared/format';
import { printable } from './terminal-text';

/** ANSI styling that disappears when colour is off. */
export interface Palette {
  dim(s: string): string;
  bold(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

/** A palette with colour on or off. */
export function palette(color: boolean): Palette {
  const id = (s: string): string => s;
  if (!color) return { dim: id, bold: id, red: id, green: id, yellow: id, cyan: id, magenta: id };
  return {
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    magenta: wrap(35, 39),
  };
}

const TIME_WIDTH = 12;

/** Renders one item as lines of text (none for items the listing skips). */
export function listItem(item: TimelineItem, p: Palette, includeHeaders: boolean): string[] {
  const time = p.dim(`+${formatMs(item.t)}`.padStart(TIME_WIDTH));
  switch (item.kind) {
    case 'request':
      return [`${time} ${p.bold('→')} ${p.bold(printable(item.method))} ${printable(item.url)}${item.attempt > 0 ? p.dim(` (reconnect ${item.attempt})`) : ''}`];
    case 'response': {
      const ok = item.status < 300 ? p.green : item.status < 400 ? p.yellow : p.red;
      const ct = printable(item.headers['content-type'] ?? 'no content type');
      const lines = [
        `${time} ${p.bold('←')} ${ok(`${item.status} ${printable(item.statusText)}`)}  ${ct}  ${p.dim(`format ${item.format} (${item.formatSource}), first byte ${formatMs(item.ttfbMs)}`)}`,
      ];
      if (includeHeaders) for (const [k, v] of Object.entries(item.headers)) lines.push(`${' '.repeat(TIME_WIDTH + 3)}${p.dim(printable(`${k}: ${v}`))}`);
      return lines;
    }
    case 'message': {
      const label = item.format === 'sse' ? p.cyan(printable(item.event ?? 'message')) : p.cyan(item.format);
      const id = item.id ? p.dim(` id=${printable(item.id)}`) : '';
      const bad = item.error ? ` ${p.red(`(invalid JSON: ${printable(item.error)})`)}` : '';
      return [`${time} ${label}${id} ${p.dim(formatBytes(item.size))}  ${item.data.split('\n').map(printable).join(p.dim('⏎'))}${bad}`];
    }
    case 'chunk':
      return [`${time} ${p.cyan('chunk')} ${p.dim(formatBytes(item.size))}  ${printable(JSON.stringify(item.data))}`];
    case 'comment':
      return [`${time} ${p.dim(`: ${printable(item.data)}`)}`];
    case 'retry':
      return [`${time} ${p.magenta('retry')} ${item.ms} ms`];
    case 'reconnect':
      return [
        `${time} ${p.magenta('reconnect')} #${item.attempt} in ${item.delayMs} ms${item.lastEventId ? ` with Last-Event-ID ${printable(item.lastEventId)}` : ''}`,
      ];
    case 'raw':
      return [];
    case 'error':
      return [`${time} ${item.fatal ? p.red('✖ error') : p.yellow('⚠ warning')} ${printable(item.message)}`];
    case 'end':
      return [
        `${time} ${p.bold('■')} ${item.reason === 'eof' ? 'end of stream' : item.reason}: ${item.events} events, ${formatBytes(item.bytes)} in ${formatMs(item.ms)}`,
      ];
    default:
      return assertNever(item);
  }
}
