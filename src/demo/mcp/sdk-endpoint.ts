/**
 * The SDK server over Streamable HTTP at `/mcp` (replies as SSE streams,
 * with event ids for resumption) and `/mcp/json` (replies as one JSON
 * body): one SDK transport per session, found by its Mcp-Session-Id.
 */
import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { DemoRequest } from '../stream-helpers';
import { OrderedEventStore } from './event-store';
import { originAllowed } from './origin';
import { createDemoMcpServer } from './sdk-server';

/** Sessions of both modes, by session id (ids are random, so the modes never meet). */
const sessions = new Map<string, StreamableHTTPServerTransport>();

/** Most sessions kept: a client that never ends its sessions must not grow the demo without bound. */
const MAX_SESSIONS = 200;

function parsed(body: string): unknown {
  try {
    return body === '' ? undefined : JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Serves one HTTP request to the SDK server; `json` picks one JSON body per reply instead of an SSE stream. */
export async function serveSdkMcp(r: DemoRequest, json: boolean): Promise<void> {
  const { req, res } = r;
  // Browser clients on other origins need the session id readable.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id, MCP-Protocol-Version');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST, DELETE', 'Access-Control-Allow-Headers': 'Content-Type, Accept, Authorization, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID', 'Access-Control-Max-Age': '600' }).end();
    return;
  }
  if (!originAllowed(r)) return;
  const body = parsed(r.body);
  const id = req.headers['mcp-session-id'];
  let transport = typeof id === 'string' ? sessions.get(id) : undefined;
  if (!transport && id === undefined && req.method === 'POST' && isInitializeRequest(body)) {
    if (sessions.size >= MAX_SESSIONS) {
      const oldest = sessions.keys().next().value;
      if (oldest !== undefined) await sessions.get(oldest)?.close();
    }
    const created = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: json,
      eventStore: json ? undefined : new OrderedEventStore(),
      onsessioninitialized: (sid) => void sessions.set(sid, created),
      onsessionclosed: (sid) => void sessions.delete(sid),
    });
    created.onclose = () => {
      if (created.sessionId) sessions.delete(created.sessionId);
    };
    await createDemoMcpServer().connect(created);
    transport = created;
  }
  if (!transport) {
    const status = id === undefined ? 400 : 404;
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: id === undefined ? 'Bad Request: No valid session ID provided' : 'Session not found' }, id: null }));
    return;
  }
  await transport.handleRequest(req, res, body);
}
