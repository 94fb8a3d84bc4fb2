/**
 * Pairs JSON-RPC requests with their responses, across every HTTP exchange
 * of a session, and gathers what arrived while a request was in flight
 * (progress, logging, the server's own requests). Only calls in flight are
 * kept: a finished call is handed out and forgotten, so a long session
 * stays small.
 */
import { idKey, rpcKind, type RpcId, type RpcKind, type RpcMessage, type RpcRequest } from './jsonrpc';

/** One message as sent or received. */
export interface RpcRecord {
  dir: 'out' | 'in';
  kind: RpcKind;
  message: RpcMessage;
  /** Ms since the session started. */
  t: number;
  /** The HTTP exchange that carried it. */
  exchange: number;
}

/** A request and what became of it. */
export interface RpcCall {
  id: RpcId;
  method: string;
  /** Who asked: the client (`out`) or the server (`in`). */
  dir: 'out' | 'in';
  request: RpcRecord;
  response?: RpcRecord;
  /** Notifications and server requests that belong to it, in order. */
  between: RpcRecord[];
  /** Ms from request to response. */
  durationMs?: number;
  state: 'pending' | 'result' | 'error' | 'cancelled' | 'no-response';
}

/** What a received message was to the log. */
export type Received =
  | { kind: 'response'; call: RpcCall }
  | { kind: 'unknown-response'; pending: RpcId[] }
  | { kind: 'related'; call: RpcCall }
  | { kind: 'unrelated' };

/** Most notifications kept under one call: a chatty tool must not grow a call without bound. */
const MAX_BETWEEN = 1000;

/** The progress token a request asks for (`_meta.progressToken`) or a progress notification reports (`progressToken`). */
function progressToken(m: RpcMessage): unknown {
  const params = 'params' in m ? m.params : undefined;
  if (params === undefined) return undefined;
  if ('id' in m) {
    const meta = params._meta;
    return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).progressToken : undefined;
  }
  return params.progressToken;
}

/** The pairing of one session. */
export class RpcLog {
  private readonly inFlight = new Map<string, RpcCall>();
  /** Exchanges that carry on another's stream (a resumption), by the one they continue. */
  private readonly continued = new Map<number, number>();

  /** Messages on `exchange` belong where those on `original` do (a GET that resumes a POST's stream). */
  continues(exchange: number, original: number): void {
    this.continued.set(exchange, this.continued.get(original) ?? original);
  }

  /** Records a message the client sent; a request starts a call. */
  sent(record: RpcRecord): RpcCall | undefined {
    const m = record.message;
    if (record.kind !== 'request') return undefined;
    const r = m as RpcRequest;
    const call: RpcCall = { id: r.id, method: r.method, dir: 'out', request: record, between: [], state: 'pending' };
    this.inFlight.set(idKey(r.id), call);
    return call;
  }

  /** Records a received message and says what it answered or belongs to. */
  received(record: RpcRecord): Received {
    const m = record.message;
    if (record.kind === 'result' || record.kind === 'error') {
      const id = 'id' in m ? m.id : null;
      const call = id === null ? this.onlyCallOn(record.exchange) : this.inFlight.get(idKey(id));
      if (!call) return { kind: 'unknown-response', pending: [...this.inFlight.values()].map((c) => c.id) };
      this.inFlight.delete(idKey(call.id));
      call.response = record;
      call.durationMs = Math.round((record.t - call.request.t) * 10) / 10;
      call.state = record.kind;
      return { kind: 'response', call };
    }
    const owner = this.owner(record);
    if (!owner) return { kind: 'unrelated' };
    if (owner.between.length < MAX_BETWEEN) owner.between.push(record);
    return { kind: 'related', call: owner };
  }

  /** Ends a call without a response (cancelled, or its stream closed without one). */
  settle(id: RpcId, state: 'cancelled' | 'no-response'): RpcCall | undefined {
    const call = this.inFlight.get(idKey(id));
    if (!call) return undefined;
    this.inFlight.delete(idKey(id));
    call.state = state;
    return call;
  }

  /** A call still in flight. */
  get(id: RpcId): RpcCall | undefined {
    return this.inFlight.get(idKey(id));
  }

  /** Ids of the calls in flight. */
  pendingIds(): RpcId[] {
    return [...this.inFlight.values()].map((c) => c.id);
  }

  /** The call a notification or server request belongs to: by progress token, else the request its POST stream answers. */
  private owner(record: RpcRecord): RpcCall | undefined {
    const token = progressToken(record.message);
    if (token !== undefined) {
      for (const c of this.inFlight.values()) if (progressToken(c.request.message) === token) return c;
    }
    return this.onlyCallOn(record.exchange);
  }

  private onlyCallOn(received: number): RpcCall | undefined {
    const exchange = this.continued.get(received) ?? received;
    for (const c of this.inFlight.values()) if (c.request.exchange === exchange) return c;
    return undefined;
  }
}

/** Builds the record of a message. */
export function rpcRecord(dir: 'out' | 'in', message: RpcMessage, t: number, exchange: number): RpcRecord {
  return { dir, kind: rpcKind(message), message, t, exchange };
}
