/**
 * JSON-RPC 2.0 as MCP uses it: the four kinds of message, told apart by
 * their members, and the bodies that carry them (one message or a batch).
 * Anything else is reported as a typed problem, never thrown.
 */

/** A request id: MCP forbids null for requests. */
export type RpcId = string | number;

/** Parameters or a result: a JSON object. */
export type RpcObject = Record<string, unknown>;

/** A call that expects an answer. */
export interface RpcRequest {
  jsonrpc: '2.0';
  id: RpcId;
  method: string;
  params?: RpcObject;
}

/** A call that expects none. */
export interface RpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: RpcObject;
}

/** A successful answer. */
export interface RpcResultResponse {
  jsonrpc: '2.0';
  id: RpcId;
  result: RpcObject;
}

/** A failed answer; `id` is null when the server could not read the request's. */
export interface RpcErrorResponse {
  jsonrpc: '2.0';
  id: RpcId | null;
  error: { code: number; message: string; data?: unknown };
}

/** Any JSON-RPC message. */
export type RpcMessage = RpcRequest | RpcNotification | RpcResultResponse | RpcErrorResponse;

/** Which of the four a message is. */
export type RpcKind = 'request' | 'notification' | 'result' | 'error';

function isObject(value: unknown): value is RpcObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The kind of a message already known to be one. */
export function rpcKind(m: RpcMessage): RpcKind {
  if ('method' in m) return 'id' in m ? 'request' : 'notification';
  return 'error' in m ? 'error' : 'result';
}

/** Why a value is not a JSON-RPC message, or undefined when it is one. */
export function rpcProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (value.jsonrpc !== '2.0') return '"jsonrpc" is not "2.0"';
  const id = value.id;
  const goodId = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (typeof value.method === 'string') {
    if ('id' in value && !goodId) return 'a request id must be a string or a number';
    if ('params' in value && !isObject(value.params) && !Array.isArray(value.params)) return '"params" is not an object';
    return undefined;
  }
  if ('result' in value === 'error' in value) return 'neither a call (method) nor exactly one of result and error';
  if ('error' in value) {
    const e = value.error;
    if (!isObject(e) || typeof e.code !== 'number' || typeof e.message !== 'string') return '"error" needs a numeric code and a message';
    if (!goodId && id !== null) return 'an error response id must be a string, a number or null';
    return undefined;
  }
  if (!goodId) return 'a response id must be a string or a number';
  if (!isObject(value.result)) return '"result" is not an object';
  return undefined;
}

/** Messages read from a body or an SSE event's data. */
export interface ParsedRpc {
  messages: RpcMessage[];
  /** What was wrong with the text or with some of its values. */
  problems: string[];
}

/** Reads one JSON-RPC message, or a batch of them, from text. */
export function parseRpcText(text: string): ParsedRpc {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { messages: [], problems: [`not JSON (${err instanceof Error ? err.message : String(err)})`] };
  }
  const values = Array.isArray(value) ? value : [value];
  const messages: RpcMessage[] = [];
  const problems: string[] = [];
  for (const v of values) {
    const problem = rpcProblem(v);
    if (problem === undefined) messages.push(v as RpcMessage);
    else problems.push(problem);
  }
  return { messages, problems };
}

/** A stable key for an id: 1 and "1" are different ids. */
export function idKey(id: RpcId | null): string {
  return typeof id === 'number' ? `n:${id}` : `s:${String(id)}`;
}
