/**
 * An MCP client for Streamable HTTP that sends every HTTP exchange through
 * the engine (`Exchange` → the stream run), so each byte of each reply is a
 * timeline item. It negotiates the protocol version, initializes, keeps the
 * session id, pairs requests with responses (notifications and server
 * requests in between), answers the server's requests, cancels, listens on
 * the GET stream, resumes a dropped stream with Last-Event-ID and ends the
 * session with DELETE — and reports what the server does against the spec
 * as diagnostics. Everything it learns goes out through one callback.
 */
import { isJsonObject } from '../../shared/json-object';
import { startClock } from '../clock';
import type { KeyValue } from '../spec';
import { mcpFindings, type McpDiagnosticCode, type McpFinding } from './diagnostics';
import type { CallOptions, CallOutcome, McpClientOptions, McpEvent, McpSessionState } from './events';
import { Exchange, type ExchangeOutcome, type ExchangeSpec } from './exchange';
import { idKey, type RpcId, type RpcMessage, type RpcObject, type RpcRequest } from './jsonrpc';
import { enabledHeaders, MCP_ACCEPT, messageHeaders } from './message-headers';
import { preflightProblem, preflightRequest } from './preflight';
import { checkReplyHead, checkAccepted } from './reply-checks';
import { RpcLog, rpcRecord } from './rpc-log';
import { isKnownMcpVersion, MCP_PROTOCOL_VERSIONS } from './versions';

export type { CallOptions, CallOutcome, ExchangeInfo, McpClientOptions, McpEvent, McpSessionState } from './events';

/** The purpose of the exchange that checks the server refuses a foreign Origin. */
const ORIGIN_CHECK = 'origin check';

/** GETs tried to resume one stream while the server still holds the dropped one (409). */
const RESUME_ATTEMPTS = 4;

/** A resumption in progress: what the dropped stream had delivered. */
interface Resumption {
  ids: Set<string>;
  seen: Set<string>;
  repeated: string[];
}

/** A client for one MCP server. */
export class McpClient {
  private readonly now = startClock();
  private readonly log = new RpcLog();
  private readonly waiters = new Map<string, (o: CallOutcome) => void>();
  /** The exchange carrying each call in flight, to drop it on cancel or resume. */
  private readonly carriers = new Map<string, Exchange>();
  private readonly resumptions = new Map<string, Resumption>();
  private readonly reported = new Set<McpDiagnosticCode>();
  private readonly controller = new AbortController();
  private exchanges = 0;
  private nextId = 1;
  private state: McpSessionState = { connected: false };
  private listener: Exchange | undefined;

  constructor(private readonly options: McpClientOptions) {}

  /** What the client knows of the session now. */
  get session(): McpSessionState {
    return this.state;
  }

  /** Ids of the calls in flight. */
  pending(): RpcId[] {
    return this.log.pendingIds();
  }

  /** initialize (newest protocol version first, older ones when refused) and notifications/initialized. */
  async connect(): Promise<CallOutcome> {
    const forced = this.options.protocolVersion;
    const versions = forced ? [forced] : [...MCP_PROTOCOL_VERSIONS];
    let last: CallOutcome = { kind: 'no-response', reason: 'no protocol version to offer' };
    for (const offered of versions) {
      this.setState({ connected: false });
      last = await this.call('initialize', {
        protocolVersion: offered,
        capabilities: {},
        clientInfo: this.options.clientInfo ?? { name: 'stream-viewer', version: '0.1.0' },
      }).outcome;
      if (last.kind === 'error') continue;
      if (last.kind !== 'result') return last;
      const r = last.result;
      const got = r.protocolVersion;
      if (!isKnownMcpVersion(got) && got !== forced) this.report(mcpFindings.versionUnsupported(offered, got));
      this.setState({
        ...this.state,
        connected: true,
        protocolVersion: typeof got === 'string' ? got : offered,
        serverInfo: isJsonObject(r.serverInfo) ? r.serverInfo : undefined,
        capabilities: isJsonObject(r.capabilities) ? r.capabilities : undefined,
        instructions: typeof r.instructions === 'string' ? r.instructions : undefined,
      });
      await this.notify('notifications/initialized');
      return last;
    }
    return last;
  }

  /** Sends a request; `outcome` settles with its response (or why none came). */
  call(method: string, params?: RpcObject, options: CallOptions = {}): { id: RpcId; outcome: Promise<CallOutcome> } {
    const id = this.nextId++;
    const message: RpcRequest = { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) };
    const outcome = new Promise<CallOutcome>((resolve) => this.waiters.set(idKey(id), resolve));
    void this.sendRequest(message, options, false);
    return { id, outcome };
  }

  /** Sends a request and waits for its outcome. */
  request(method: string, params?: RpcObject, options?: CallOptions): Promise<CallOutcome> {
    return this.call(method, params, options).outcome;
  }

  /** Every page of a list (`tools/list`, `prompts/list`, `resources/list`, `resources/templates/list`), following nextCursor. */
  async listAll(method: string, key: string, maxPages = 100): Promise<{ items: unknown[]; pages: number; failed?: CallOutcome }> {
    const items: unknown[] = [];
    let cursor: string | undefined;
    for (let pages = 1; pages <= maxPages; pages++) {
      const o = await this.request(method, cursor === undefined ? undefined : { cursor });
      if (o.kind !== 'result') return { items, pages, failed: o };
      const page = o.result[key];
      if (Array.isArray(page)) items.push(...(page as unknown[]));
      const next = o.result.nextCursor;
      if (typeof next !== 'string' || next === '') return { items, pages };
      cursor = next;
    }
    return { items, pages: maxPages };
  }

  /** Sends a notification (the server must answer 202). */
  async notify(method: string, params?: RpcObject): Promise<void> {
    await this.post({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) }, method, 'notification');
  }

  /** Cancels a call in flight: notifications/cancelled, then its stream is dropped. */
  async cancel(id: RpcId, reason = 'Cancelled by the user'): Promise<void> {
    const call = this.log.get(id);
    if (!call) return;
    const key = idKey(id);
    this.resumptions.delete(key);
    const settled = this.log.settle(id, 'cancelled');
    await this.notify('notifications/cancelled', { requestId: id, reason });
    this.carriers.get(key)?.stop();
    if (settled) this.emit({ type: 'call', call: settled });
    this.resolve(id, { kind: 'cancelled', reason });
  }

  /** Opens the GET stream for messages the server sends on its own (a 405 means it offers none). */
  listen(): void {
    if (this.listener) return;
    const { exchange } = this.open({ method: 'GET', url: this.options.url, headers: this.headers({ accept: 'text/event-stream' }) }, 'listener');
    this.listener = exchange;
    void exchange.done.then(() => (this.listener = undefined));
  }

  /** Ends the session: the listener closes, then DELETE with the session id; `probe` then checks the ended id gets 404. */
  async close(options: { probe?: boolean } = {}): Promise<void> {
    this.listener?.stop();
    const sessionId = this.state.sessionId;
    if (sessionId === undefined) {
      // A stateless server has no session to end.
      if (this.state.connected) this.setState({ ...this.state, connected: false });
      return;
    }
    await this.open({ method: 'DELETE', url: this.options.url, headers: this.headers({}), timeoutMs: this.options.timeoutMs }, 'end session').exchange.done;
    this.setState({ ...this.state, connected: false });
    if (!options.probe) return;
    const id = this.nextId++;
    const message: RpcRequest = { jsonrpc: '2.0', id, method: 'ping' };
    const outcome = new Promise<CallOutcome>((resolve) => this.waiters.set(idKey(id), resolve));
    const status = await this.sendRequest(message, {}, true, true);
    await outcome;
    if (status !== 404) this.report(mcpFindings.endedSessionNot404(status));
  }

  /** A browser's preflight for a POST from `origin`: reports what would stop a browser client. */
  async probeCors(origin: string): Promise<void> {
    const { headers, wanted } = preflightRequest(origin, this.options.headers);
    const o = await this.open({ method: 'OPTIONS', url: this.options.url, headers }, 'preflight').exchange.done;
    const problem = preflightProblem(o, origin, wanted);
    if (problem) this.report(mcpFindings.corsPreflight(problem));
  }

  /**
   * An initialize as a page on `origin` would send it: a server must refuse
   * origins it does not serve. A session it opens anyway is ended at once.
   */
  async probeOrigin(origin: string): Promise<void> {
    const id = this.nextId++;
    const message: RpcRequest = { jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: this.state.protocolVersion ?? MCP_PROTOCOL_VERSIONS[0], capabilities: {}, clientInfo: { name: 'origin-check', version: '0' } } };
    const user = enabledHeaders(this.options.headers).filter((h) => h.name.toLowerCase() !== 'origin');
    const headers = [...user, { name: 'Accept', value: MCP_ACCEPT }, { name: 'Origin', value: origin }];
    const { exchange } = this.open({ method: 'POST', url: this.options.url, headers, body: message, timeoutMs: this.options.timeoutMs }, ORIGIN_CHECK, message);
    const o = await exchange.done;
    this.log.settle(id, 'no-response');
    if (o.status === undefined || o.status >= 300) return;
    this.report(mcpFindings.originNotValidated(origin, o.status));
    const opened = o.headers['mcp-session-id'];
    if (opened !== undefined) await this.open({ method: 'DELETE', url: this.options.url, headers: [...user, { name: 'Mcp-Session-Id', value: opened }] }, 'end origin-check session').exchange.done;
  }

  /** Drops every exchange at once. */
  stop(): void {
    this.controller.abort();
  }

  private async sendRequest(message: RpcRequest, options: CallOptions, retried: boolean, probe = false): Promise<number | undefined> {
    const key = idKey(message.id);
    const sentSession = this.state.sessionId !== undefined;
    // A 404 to a request in a session means the session is gone: its error answers nothing, the request goes again in a new one.
    const mayExpire = sentSession && !retried && message.method !== 'initialize';
    const { n, exchange } = this.open(
      { method: 'POST', url: this.options.url, headers: this.headers({ initialize: message.method === 'initialize' }), body: message, timeoutMs: this.options.timeoutMs },
      message.method,
      message,
      (m, eventId) => {
        if (mayExpire && exchange.httpStatus === 404) return true;
        this.watchResume(key, exchange, m, eventId, options);
        return false;
      },
    );
    this.carriers.set(key, exchange);
    const o = await exchange.done;
    if (this.carriers.get(key) === exchange) this.carriers.delete(key);
    if (!probe) {
      checkReplyHead(o, (f) => this.report(f, n));
      this.checkRefusal(o, n, sentSession, message.method === 'initialize');
    }
    if (!this.log.get(message.id)) return o.status;
    const resumption = this.resumptions.get(key);
    if (resumption) {
      await this.resume(message, n, o.lastEventId, resumption);
      return o.status;
    }
    if (o.status === 404 && mayExpire) {
      this.report(mcpFindings.sessionExpired(message.method), n);
      this.log.settle(message.id, 'no-response');
      const again = await this.connect();
      if (again.kind === 'result') return this.sendRequest(message, options, true);
    }
    const call = this.log.settle(message.id, 'no-response');
    if (call) this.emit({ type: 'call', call });
    const answered = o.status !== undefined && o.status < 300 && (o.essence === 'application/json' || o.essence === 'text/event-stream');
    if (answered && !probe && o.end.reason === 'eof') this.report(mcpFindings.noResponse(message.method, message.id, `${o.essence === 'application/json' ? 'JSON reply' : 'event stream'} of the POST`), n);
    this.resolve(message.id, { kind: 'no-response', reason: o.status === undefined ? 'no HTTP response' : `HTTP ${o.status} without a JSON-RPC response` });
    return o.status;
  }

  /** With `resume`, drops the reply's stream at the first message that came with an event id. */
  private watchResume(key: string, exchange: Exchange, m: RpcMessage, eventId: string | undefined, options: CallOptions): void {
    if (!options.resume || eventId === undefined || eventId === '') return;
    let r = this.resumptions.get(key);
    if (!r) {
      // The response itself leaves nothing to resume.
      if (!('method' in m) || !this.waiters.has(key) || !this.carriers.has(key)) return;
      r = { ids: new Set(), seen: new Set(), repeated: [] };
      this.resumptions.set(key, r);
      exchange.stop();
    }
    r.ids.add(eventId);
    r.seen.add(JSON.stringify(m));
  }

  /** GET with Last-Event-ID: the server replays what the dropped stream had not delivered. */
  private async resume(message: RpcRequest, original: number, lastEventId: string, r: Resumption, attempt = 1): Promise<void> {
    const key = idKey(message.id);
    const headers = [...this.headers({ accept: 'text/event-stream' }), { name: 'Last-Event-ID', value: lastEventId }];
    const timeoutMs = this.options.resumeTimeoutMs ?? 5000;
    const { n, exchange } = this.open({ method: 'GET', url: this.options.url, headers, timeoutMs }, 'resume', undefined, (m, eventId) => {
      // An error status refuses the resumption; its JSON-RPC error answers no request.
      if ((exchange.httpStatus ?? 0) >= 400) return true;
      const text = JSON.stringify(m);
      if ((eventId !== undefined && r.ids.has(eventId)) || r.seen.has(text)) r.repeated.push(eventId ? `event ${eventId}` : text.slice(0, 80));
      // Once the response is in (it is paired right after this hook), the resumed stream has served its purpose.
      queueMicrotask(() => {
        if (!this.log.get(message.id)) exchange.stop();
      });
      return false;
    });
    this.log.continues(n, original);
    this.carriers.set(key, exchange);
    const o = await exchange.done;
    this.carriers.delete(key);
    // 409: the server has not yet seen the old stream go (it still counts it as connected); a client tries again shortly.
    if (o.status === 409 && attempt < RESUME_ATTEMPTS && this.log.get(message.id)) {
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      return this.resume(message, original, lastEventId, r, attempt + 1);
    }
    this.resumptions.delete(key);
    if (r.repeated.length > 0) this.report(mcpFindings.resumeRepeated(`${r.repeated.length} again (${r.repeated.slice(0, 3).join(', ')})`), n);
    if (!this.log.get(message.id)) return;
    const how = o.status === undefined ? 'no HTTP answer' : o.status >= 300 ? `HTTP ${o.status}` : o.end.reason === 'timeout' ? `no data for ${timeoutMs} ms` : 'the stream ended';
    this.report(mcpFindings.resumeLost(`the response to ${message.method} never came (${how})`), n);
    const call = this.log.settle(message.id, 'no-response');
    if (call) this.emit({ type: 'call', call });
    this.resolve(message.id, { kind: 'no-response', reason: `lost on resumption (${how})` });
  }

  /** POSTs a notification or a response; the server must answer 202. */
  private async post(message: RpcMessage, purpose: string, what: 'notification' | 'response'): Promise<void> {
    const sentSession = this.state.sessionId !== undefined;
    const { n, exchange } = this.open({ method: 'POST', url: this.options.url, headers: this.headers({}), body: message, expectsReply: false, timeoutMs: this.options.timeoutMs }, purpose, message);
    const o = await exchange.done;
    checkAccepted(o, what, (f) => this.report(f, n));
    this.checkRefusal(o, n, sentSession, false);
  }

  /** A refusal for want of a session id the server never issued. */
  private checkRefusal(o: ExchangeOutcome, n: number, sentSession: boolean, initialize: boolean): void {
    if (sentSession || initialize || !this.state.connected) return;
    if ((o.status === 400 || o.status === 404) && /session/i.test(o.errorBody ?? '')) this.report(mcpFindings.sessionIdMissing(o.status), n);
  }

  /** The headers of a message to the server. */
  private headers(o: { accept?: string; initialize?: boolean }): KeyValue[] {
    return messageHeaders(this.options.headers, this.state, o);
  }

  /** Starts an exchange, reporting it, its items and the messages it carries. */
  private open(spec: ExchangeSpec, purpose: string, sent?: RpcMessage, onMessage?: (m: RpcMessage, eventId: string | undefined) => boolean): { n: number; exchange: Exchange } {
    const n = ++this.exchanges;
    const info = { n, method: spec.method, url: spec.url, purpose, t: this.now() };
    this.emit({ type: 'exchange', exchange: info });
    if (sent) {
      const record = rpcRecord('out', sent, this.now(), n);
      this.emit({ type: 'rpc', record });
      this.log.sent(record);
    }
    const exchange = new Exchange(spec, {
      secrets: this.options.secrets,
      fetch: this.options.fetch,
      signal: this.controller.signal,
      record: this.options.record?.(info),
      onItem: (item) => {
        if (item.kind === 'response') this.onHead(item.headers, purpose);
        this.emit({ type: 'item', exchange: n, item });
      },
      onMessage: (m, eventId) => {
        // true: shown, but it answers nothing.
        if (onMessage?.(m, eventId) === true) this.emit({ type: 'rpc', record: rpcRecord('in', m, this.now(), n) });
        else this.receive(m, n);
      },
      onFinding: (f) => this.report(f, n),
    });
    void exchange.done.then((outcome) => this.emit({ type: 'exchange-end', exchange: n, outcome }));
    return { n, exchange };
  }

  /** The session id: issued by the reply to initialize, the same on every reply after it. */
  private onHead(headers: Record<string, string>, purpose: string): void {
    const got = headers['mcp-session-id'];
    // The origin check opens a session of its own: not this one.
    if (purpose === ORIGIN_CHECK) return;
    if (purpose === 'initialize' && got !== this.state.sessionId) this.setState({ ...this.state, sessionId: got });
    const issued = this.state.sessionId;
    if (purpose !== 'initialize' && got !== undefined && issued !== undefined && got !== issued) this.report(mcpFindings.sessionIdChanged(issued, got));
    if (got !== undefined && headers['access-control-allow-origin'] !== undefined) {
      const exposed = (headers['access-control-expose-headers'] ?? '').toLowerCase();
      if (!exposed.includes('mcp-session-id') && exposed.trim() !== '*') this.report(mcpFindings.corsSessionIdNotExposed());
    }
  }

  private receive(m: RpcMessage, n: number): void {
    const record = rpcRecord('in', m, this.now(), n);
    this.emit({ type: 'rpc', record });
    const r = this.log.received(record);
    if (r.kind === 'response') {
      this.emit({ type: 'call', call: r.call });
      const res = r.call.response!.message;
      this.resolve(r.call.id, 'error' in res ? { kind: 'error', error: res.error, call: r.call } : { kind: 'result', result: (res as { result: RpcObject }).result, call: r.call });
    } else if (r.kind === 'unknown-response' && !('error' in m && m.id === null)) {
      // An error without an id refuses a message the server could not read: it answers nothing in particular.
      this.report(mcpFindings.unknownResponseId('id' in m ? m.id : undefined, r.pending.map((id) => JSON.stringify(id))), n);
    }
    if (record.kind === 'request') void this.answer(m as RpcRequest);
  }

  /** The server asked something: a ping is answered, anything else is a method this client does not offer. */
  private async answer(request: RpcRequest): Promise<void> {
    const reply: RpcMessage =
      request.method === 'ping'
        ? { jsonrpc: '2.0', id: request.id, result: {} }
        : { jsonrpc: '2.0', id: request.id, error: { code: -32601, message: `Method not found: this client does not offer ${request.method}` } };
    await this.post(reply, `response to ${request.method}`, 'response');
  }

  private resolve(id: RpcId, outcome: CallOutcome): void {
    const key = idKey(id);
    const w = this.waiters.get(key);
    this.waiters.delete(key);
    w?.(outcome);
  }

  private report(f: McpFinding, exchange?: number): void {
    if (this.reported.has(f.code)) return;
    this.reported.add(f.code);
    this.emit({ type: 'diagnostic', diagnostic: { ...f, t: this.now(), ...(exchange === undefined ? {} : { exchange }) } });
  }

  private setState(state: McpSessionState): void {
    this.state = state;
    this.emit({ type: 'session', state });
  }

  private emit(event: McpEvent): void {
    try {
      this.options.onEvent(event);
    } catch {
      // A consumer that throws must not break the session.
    }
  }
}

