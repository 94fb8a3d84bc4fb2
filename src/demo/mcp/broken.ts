/**
 * Hand-written MCP servers that each break one rule of Streamable HTTP, at
 * `/mcp/broken/<rule>`, so every MCP diagnostic can be seen (and tested)
 * against a real server. Apart from its fault each answers like a small
 * correct server: initialize, ping, tools/list and tools/call of `count`
 * (progress notifications, then the result) as an SSE stream.
 */
import type { ServerResponse } from 'node:http';
import type { DemoRequest } from '../stream-helpers';
import { originAllowed } from './origin';

/** The faults, by the path segment that selects them. */
export const BROKEN_MCP_RULES = {
  'content-type': 'replies to requests with Content-Type text/plain',
  'notification-status': 'answers notifications with 200 and a body instead of 202',
  'session-missing': 'issues no Mcp-Session-Id, then refuses every request for lacking one',
  'session-changed': 'sends a new Mcp-Session-Id with every reply',
  'unknown-id': 'answers requests with an id that was never sent',
  'sse-no-ids': 'gives the first event of a stream an id and the others none',
  'resume-repeats': 'replays a dropped stream from its start on Last-Event-ID',
  'resume-loses': 'replays nothing of a dropped stream on Last-Event-ID',
  'ended-session-200': 'keeps answering a session it ended with DELETE',
  cors: 'refuses the CORS preflight and hides Mcp-Session-Id from browsers',
  origin: 'answers pages on any origin (no Origin check)',
  expiring: 'no fault: a client\'s first session (initialize with id 1) has ended by its first call, as after a restart, and gets 404, as the spec asks',
} as const;

/** A rule name. */
export type BrokenMcpRule = keyof typeof BROKEN_MCP_RULES;

type Json = Record<string, unknown>;

/** Events of each stream, kept for resumption: stream id → [event id, data]. */
const streams = new Map<string, [string, string][]>();
/** Sessions ended (by DELETE, or at the first call for an `expiring` one). */
const ended = new Set<string>();
let counter = 0;
/** `expiring` sessions that end at their first call. */
const expiring = new Set<string>();
/** Streams still being written, by stream id: a resumption waits for them to finish. */
const writing = new Map<string, Promise<void>>();
const MAX_KEPT = 500;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_KEPT) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

function rememberEnded(id: string): void {
  if (ended.size >= MAX_KEPT) ended.delete(ended.values().next().value as string);
  ended.add(id);
}

function resultFor(m: Json): Json {
  switch (m.method) {
    case 'initialize': {
      const offered = (m.params as Json | undefined)?.protocolVersion;
      return { protocolVersion: typeof offered === 'string' ? offered : '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'broken-demo', version: '1.0.0' } };
    }
    case 'tools/list':
      return { tools: [{ name: 'count', description: 'Counts to 3 with progress.', inputSchema: { type: 'object', properties: { to: { type: 'number' } } } }] };
    case 'tools/call':
      return { content: [{ type: 'text', text: 'Counted.' }] };
    default:
      return {};
  }
}

/** Serves `/mcp/broken/<rule>`. */
export async function serveBrokenMcp(r: DemoRequest, rule: BrokenMcpRule): Promise<void> {
  const { req, res } = r;
  const cors: Record<string, string> = rule === 'cors' ? { 'Access-Control-Allow-Origin': '*' } : { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Mcp-Session-Id' };
  if (req.method === 'OPTIONS') {
    if (rule === 'cors') res.writeHead(405).end();
    else res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, POST, DELETE', 'Access-Control-Allow-Headers': '*' }).end();
    return;
  }
  if (rule !== 'origin' && !originAllowed(r)) return;
  const sid = req.headers['mcp-session-id'];
  if (req.method === 'DELETE') {
    if (typeof sid === 'string') rememberEnded(sid);
    res.writeHead(200, cors).end();
    return;
  }
  if (req.method === 'GET') return resumeOrRefuse(r, rule, cors);
  let m: Json;
  try {
    m = JSON.parse(r.body) as Json;
  } catch {
    res.writeHead(400, { 'Content-Type': 'application/json', ...cors }).end('{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}');
    return;
  }
  const isInit = m.method === 'initialize';
  if ('id' in m && typeof sid === 'string' && expiring.delete(sid)) rememberEnded(sid);
  if (!isInit && typeof sid === 'string' && ended.has(sid) && rule !== 'ended-session-200') return notFound(res, cors);
  if (!isInit && rule === 'session-missing') {
    res.writeHead(400, { 'Content-Type': 'application/json', ...cors }).end('{"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: No valid session ID provided"},"id":null}');
    return;
  }
  const head: Record<string, string> = { ...cors };
  if (isInit && rule !== 'session-missing') head['Mcp-Session-Id'] = `s${++counter}`;
  if (isInit && rule === 'expiring' && m.id === 1) {
    if (expiring.size >= MAX_KEPT) expiring.clear();
    expiring.add(`s${counter}`);
  }
  if (rule === 'session-changed') head['Mcp-Session-Id'] = `s${++counter}`;
  if (!('id' in m)) {
    // A notification or a response: 202 and nothing else, unless that is the fault.
    if (rule === 'notification-status') res.writeHead(200, { ...head, 'Content-Type': 'application/json' }).end('{}');
    else res.writeHead(202, head).end();
    return;
  }
  const id = rule === 'unknown-id' && !isInit ? (typeof m.id === 'number' ? m.id + 1000 : `${String(m.id)}-x`) : m.id;
  const response = JSON.stringify({ jsonrpc: '2.0', id, result: resultFor(m) });
  if (rule === 'content-type') {
    res.writeHead(200, { ...head, 'Content-Type': 'text/plain' }).end(response);
    return;
  }
  const stream = `st${++counter}`;
  const events: [string, string][] = [];
  remember(streams, stream, events);
  let finished = (): void => undefined;
  remember(writing, stream, new Promise<void>((resolve) => (finished = resolve)));
  res.writeHead(200, { ...head, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const send = (data: string): void => {
    const eventId = `${stream}-${events.length + 1}`;
    events.push([eventId, data]);
    const withId = rule !== 'sse-no-ids' || events.length === 1;
    if (!r.isClosed()) res.write(`${withId ? `id: ${eventId}\n` : ''}data: ${data}\n\n`);
  };
  const token = ((m.params as Json | undefined)?._meta as Json | undefined)?.progressToken;
  if (m.method === 'tools/call') {
    for (let i = 1; i <= 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: token ?? 0, progress: i, total: 3 } }));
    }
  }
  send(response);
  finished();
  res.end();
}

function notFound(res: ServerResponse, cors: Record<string, string>): void {
  res.writeHead(404, { 'Content-Type': 'application/json', ...cors }).end('{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}');
}

/** GET: a resumption (with Last-Event-ID) replays the stream as the rule has it; without one there is no listener stream. */
async function resumeOrRefuse(r: DemoRequest, rule: BrokenMcpRule, cors: Record<string, string>): Promise<void> {
  const last = r.req.headers['last-event-id'];
  if (typeof last !== 'string') {
    r.res.writeHead(405, { ...cors, Allow: 'POST, DELETE' }).end();
    return;
  }
  const stream = last.slice(0, last.lastIndexOf('-'));
  // The dropped stream's handler is still writing: replay once it has all its events.
  await writing.get(stream);
  const events = streams.get(stream) ?? [];
  const after = events.findIndex(([id]) => id === last) + 1;
  const replay = rule === 'resume-repeats' ? events : rule === 'resume-loses' ? [] : events.slice(after);
  r.res.writeHead(200, { ...cors, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  for (const [id, data] of replay) r.res.write(`id: ${id}\ndata: ${data}\n\n`);
  r.res.end();
}
