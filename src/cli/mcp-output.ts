/**
 * How `stream-viewer mcp` prints a session: with `--json`, the `rpc` lines
 * (each JSON-RPC message, in the order sent and received) beside the usual
 * `response`, `message`, `error`, `diagnostic` and `end` lines of every HTTP
 * exchange, each tagged with its exchange; without, a readable listing.
 */
import type { McpEvent } from '../core/mcp/client';
import { toJsonLine } from '../core/json-lines';
import type { RpcMessage } from '../core/mcp/jsonrpc';
import { formatMs, previewText } from '../shared/format';
import { diagnosticLine, listDiagnostic } from './analysis-output';
import { listItem, type Palette } from './listing';
import { printable } from './terminal-text';

/** The `--json` lines of an event (none for what the contract leaves out). */
export function mcpJsonLines(e: McpEvent): Record<string, unknown>[] {
  switch (e.type) {
    case 'exchange':
      return [{ type: 'exchange', n: e.exchange.n, method: e.exchange.method, url: e.exchange.url, purpose: e.exchange.purpose, t: e.exchange.t }];
    case 'item': {
      const line = toJsonLine(e.item);
      return line ? [{ ...line, exchange: e.exchange }] : [];
    }
    case 'rpc':
      return [{ type: 'rpc', dir: e.record.dir, message: e.record.message, t: e.record.t, exchange: e.record.exchange }];
    case 'call':
      return [{ type: 'call', id: e.call.id, method: e.call.method, state: e.call.state, ...(e.call.durationMs === undefined ? {} : { durationMs: e.call.durationMs }), between: e.call.between.length }];
    case 'diagnostic':
      return [{ ...diagnosticLine(e.diagnostic), ...(e.diagnostic.exchange === undefined ? {} : { exchange: e.diagnostic.exchange }) }];
    case 'session':
      return e.state.connected ? [{ type: 'session', sessionId: e.state.sessionId ?? null, protocolVersion: e.state.protocolVersion ?? null, serverInfo: e.state.serverInfo ?? null, capabilities: e.state.capabilities ?? null }] : [];
    case 'exchange-end':
      return [];
  }
}

/** What a message is, in a few words: `→ tools/list #2`, `← result #2`. */
function summary(m: RpcMessage): string {
  if ('method' in m) return 'id' in m ? `${m.method} #${String(m.id)}` : m.method;
  if ('error' in m) return `error #${String(m.id)} ${m.error.code} ${m.error.message}`;
  return `result #${String(m.id)}`;
}

/** Tracks exchange start times so each item shows the session's clock. */
export class McpListing {
  private readonly starts = new Map<number, number>();

  constructor(private readonly p: Palette) {}

  /** The listing lines of an event. */
  lines(e: McpEvent): string[] {
    const p = this.p;
    const time = (t: number): string => p.dim(`+${formatMs(t)}`.padStart(12));
    switch (e.type) {
      case 'exchange':
        this.starts.set(e.exchange.n, e.exchange.t);
        return [`${time(e.exchange.t)} ${p.dim(`── #${e.exchange.n} ${e.exchange.method} ${printable(e.exchange.purpose)}`)}`];
      case 'item': {
        const item = e.item;
        // SSE events and JSON bodies show as the messages they carry.
        if (item.kind === 'message' || item.kind === 'chunk' || item.kind === 'request') return [];
        return listItem({ ...item, t: item.t + (this.starts.get(e.exchange) ?? 0) }, p, false);
      }
      case 'rpc': {
        const m = e.record.message;
        const arrow = e.record.dir === 'out' ? p.bold('→') : p.bold('←');
        const label = 'error' in m ? p.red(summary(m)) : e.record.dir === 'out' ? p.cyan(summary(m)) : p.magenta(summary(m));
        const body = 'params' in m && m.params !== undefined ? m.params : 'result' in m ? m.result : undefined;
        return [`${time(e.record.t)} ${arrow} ${printable(label)} ${p.dim(printable(previewText(body === undefined ? '' : JSON.stringify(body), 160)))}`];
      }
      case 'call': {
        const c = e.call;
        const took = c.durationMs === undefined ? '' : ` in ${formatMs(c.durationMs)}`;
        const between = c.between.length > 0 ? `, ${c.between.length} message${c.between.length === 1 ? '' : 's'} in between` : '';
        const mark = c.state === 'result' ? p.green('✔') : c.state === 'cancelled' ? p.yellow('◼') : p.red('✖');
        return [`${' '.repeat(13)}${mark} ${printable(c.method)} #${String(c.id)} ${c.state}${took}${between}`];
      }
      case 'diagnostic':
        return listDiagnostic(e.diagnostic, p);
      case 'session':
        if (!e.state.connected) return [];
        return [`${' '.repeat(13)}${p.bold('session')} ${printable(e.state.sessionId ?? '(none)')} · protocol ${printable(e.state.protocolVersion ?? '?')} · server ${printable(JSON.stringify(e.state.serverInfo ?? {}))}`];
      case 'exchange-end':
        return [];
    }
  }
}
