/**
 * `run`'s CI assertions for a saved MCP request, checked on the call it
 * makes: `--expect-status` and `--max-ttfb` on the HTTP reply to the
 * method's POST, `--expect-events` on the JSON-RPC messages that came for
 * it (notifications in between and the response), `--expect-event` on
 * their kinds (a notification's method, or `result` / `error`).
 */
import type { MessageItem, ResponseItem } from '../core/items';
import type { McpEvent } from '../core/mcp/client';
import { idKey, type RpcId } from '../core/mcp/jsonrpc';
import type { RpcCall } from '../core/mcp/rpc-log';
import { ExpectChecker } from '../core/expect/checker';
import type { CheckResult, Expect } from '../core/expect/model';

/** Feeds the stream assertions what an MCP call showed. */
export class McpExpectations {
  private readonly expectations: Expect | undefined;
  private id: RpcId | undefined;
  /** The exchange of each request sent, and the response head of each exchange. */
  private readonly exchanges = new Map<string, number>();
  private readonly heads = new Map<number, ResponseItem>();
  private call: RpcCall | undefined;

  constructor(expectations: Expect | undefined) {
    this.expectations = expectations;
  }

  /** The call the assertions are about. */
  watch(id: RpcId): void {
    this.id = id;
  }

  /** Every event of the session. */
  add(e: McpEvent): void {
    if (!this.expectations) return;
    if (e.type === 'rpc' && e.record.dir === 'out' && 'id' in e.record.message && e.record.message.id !== null) this.exchanges.set(idKey(e.record.message.id), e.record.exchange);
    else if (e.type === 'item' && e.item.kind === 'response' && !this.heads.has(e.exchange)) this.heads.set(e.exchange, e.item);
    else if (e.type === 'call' && e.call.dir === 'out') {
      this.exchanges.set(idKey(e.call.id), e.call.request.exchange);
      if (this.id !== undefined && idKey(e.call.id) === idKey(this.id)) this.call = e.call;
    }
  }

  /** The results (none without assertions). */
  results(): CheckResult[] {
    if (!this.expectations) return [];
    const checker = new ExpectChecker(this.expectations);
    const exchange = this.id === undefined ? undefined : this.exchanges.get(idKey(this.id));
    const head = exchange === undefined ? undefined : this.heads.get(exchange);
    if (head) checker.add(head);
    const c = this.call;
    const records = c ? [...c.between, ...(c.response ? [c.response] : [])] : [];
    records.forEach((r, i) => {
      const m = r.message;
      const kind = 'method' in m ? m.method : 'error' in m ? 'error' : 'result';
      const item: MessageItem = { kind: 'message', format: 'sse', event: kind, data: JSON.stringify(m), id: '', size: 0, seq: i + 1, t: r.t, offset: 0 };
      checker.add(item);
    });
    return checker.results({});
  }
}
