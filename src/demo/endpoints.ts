/**
 * The demo server's endpoint table: one list drives the routing, the index
 * page, `/endpoints.json` and the listing printed at start.
 */
import * as basic from './basic-streams';
import { anthropicMessages, geminiStream, ollamaChat, openAiChat } from './llm';
import type { DemoRequest } from './stream-helpers';
import { isMcpPath, serveMcp } from './mcp/endpoint';
import { room } from './room';

/** One endpoint. */
export interface Endpoint {
  path: string;
  methods: string;
  contentType: string;
  description: string;
  /** An example path with query, for the index page and docs. */
  example: string;
  handle(r: DemoRequest): Promise<void> | void;
}

/** Every endpoint, in the order the index page lists them. */
export const ENDPOINTS: readonly Endpoint[] = [
  { path: '/sse', methods: 'GET', contentType: 'text/event-stream', description: 'The seed article\'s stream done right: an event per second (id, event, retry, data), then a "close" event. Honours Last-Event-ID. Params: count, interval.', example: '/sse?count=5&interval=1000', handle: basic.sse },
  { path: '/sse/seed-bug', methods: 'GET', contentType: 'text/event-stream', description: 'The seed server\'s bug: a blank line after every field, so each field is its own block and "event:" is lost. Params: interval.', example: '/sse/seed-bug?interval=500', handle: basic.seedBug },
  { path: '/ndjson', methods: 'GET', contentType: 'application/x-ndjson', description: 'NDJSON records. Params: count, interval, bad=1 (one invalid line).', example: '/ndjson?count=10&interval=300', handle: basic.jsonLines('application/x-ndjson') },
  { path: '/jsonl', methods: 'GET', contentType: 'application/jsonl', description: 'The same as JSON Lines.', example: '/jsonl?count=10', handle: basic.jsonLines('application/jsonl') },
  { path: '/json-seq', methods: 'GET', contentType: 'application/json-seq', description: 'JSON text sequence (RFC 7464) records. Params: count, interval.', example: '/json-seq?count=10', handle: basic.jsonSeq },
  { path: '/text', methods: 'GET', contentType: 'text/plain', description: 'Plain chunked text, a few words at a time. Params: interval, count.', example: '/text', handle: basic.text },
  { path: '/v1/chat/completions', methods: 'POST, GET', contentType: 'text/event-stream', description: 'OpenAI Chat Completions-style token stream; a tool call when the body has "tools"; usage with stream_options.include_usage; then [DONE]. A last user message "echo:TEXT" makes TEXT the answer.', example: '/v1/chat/completions', handle: openAiChat },
  { path: '/v1/messages', methods: 'POST, GET', contentType: 'text/event-stream', description: 'Anthropic Messages-style stream: thinking block, text block, usage, ping.', example: '/v1/messages', handle: anthropicMessages },
  { path: '/v1beta/models/:model:streamGenerateContent', methods: 'POST, GET', contentType: 'text/event-stream', description: 'Gemini streamGenerateContent with alt=sse (always SSE here), CRLF-delimited; thought parts first when generationConfig.thinkingConfig.includeThoughts is true; usageMetadata on every chunk.', example: '/v1beta/models/gemini-demo:streamGenerateContent?alt=sse', handle: geminiStream },
  { path: '/ollama/api/chat', methods: 'POST, GET', contentType: 'application/x-ndjson', description: 'Ollama-style NDJSON chat stream ending with done: true.', example: '/ollama/api/chat', handle: ollamaChat },
  { path: '/slow', methods: 'GET', contentType: 'text/event-stream', description: 'A few events, then a stall. Params: count, stall (ms), heartbeat=1 (comments during the stall).', example: '/slow?stall=10000', handle: basic.slow },
  { path: '/echo', methods: 'any', contentType: 'text/event-stream', description: 'Echoes the request (method, URL, headers, body) as one event.', example: '/echo', handle: basic.echo },
  { path: '/large', methods: 'GET', contentType: 'text/event-stream', description: 'A large fast stream. Params: count (default 100000), size (bytes per event), format=ndjson.', example: '/large?count=100000', handle: basic.large },
  { path: '/gzip', methods: 'GET', contentType: 'text/event-stream', description: 'SSE compressed with gzip, flushed per event. Params: count, interval.', example: '/gzip', handle: basic.gzipped },
  { path: '/drop', methods: 'GET', contentType: 'text/event-stream', description: 'Two events, half of a third, then the connection is cut.', example: '/drop', handle: basic.drop },
  { path: '/room', methods: 'GET, POST', contentType: 'text/event-stream', description: 'A chat room: GET listens (SSE: "joined", then a "message" event, with an id, for each POST; Last-Event-ID replays what was missed), POST posts its body to every listener and answers 202 with how many got it. Params: room (default lobby).', example: '/room', handle: room },
  { path: '/mcp', methods: 'POST, GET, DELETE', contentType: 'text/event-stream', description: 'MCP server (official SDK) over Streamable HTTP, replies as SSE streams with event ids (resumable): tools echo, add, count (progress), slow (cancel it), prompt review, paged resources. /mcp/json replies with JSON bodies; /mcp/broken/<rule> break one spec rule each.', example: '/mcp', handle: serveMcp },
  { path: '/status/:code', methods: 'any', contentType: 'application/json', description: 'Answers with that HTTP status and a JSON error body.', example: '/status/401', handle: () => undefined },
];

/** Gemini puts the model name in the path: `/v1beta/models/gemini-2.5-flash:streamGenerateContent`. */
const GEMINI_PATH = /^\/v1beta\/models\/[^/:]+:streamGenerateContent$/;

/** Finds the endpoint for a path; `/status/NNN` gets a handler bound to its code. */
export function route(path: string): Endpoint | undefined {
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status) {
    const code = Number(status[1]);
    const base = ENDPOINTS.find((e) => e.path === '/status/:code')!;
    if (code >= 100 && code <= 599) return { ...base, handle: (r) => basic.status(r, code) };
  }
  if (isMcpPath(path)) return ENDPOINTS.find((e) => e.handle === serveMcp);
  if (GEMINI_PATH.test(path)) return ENDPOINTS.find((e) => e.handle === geminiStream);
  // A template (`/:name` in it) names a family of paths, never itself.
  return ENDPOINTS.find((e) => e.path === path && !e.path.includes('/:'));
}
