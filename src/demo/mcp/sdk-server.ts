/**
 * The demo's MCP server, built with the official TypeScript SDK: tools
 * (one reports progress and logs, one is slow and honours cancellation), a
 * prompt, resources (listed two per page) and a resource template.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListResourcesRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** Resources the demo serves, listed `PAGE` at a time. */
const RESOURCES = [
  { uri: 'demo://readme', name: 'readme', title: 'Read me', mimeType: 'text/markdown', text: '# Stream Viewer MCP demo\n\nEvery byte of every reply is in the timeline.' },
  { uri: 'demo://config.json', name: 'config', title: 'Configuration', mimeType: 'application/json', text: '{"mode":"demo","items":3}' },
  { uri: 'demo://notes/1', name: 'note-1', title: 'First note', mimeType: 'text/plain', text: 'Streamable HTTP: one POST per message.' },
  { uri: 'demo://notes/2', name: 'note-2', title: 'Second note', mimeType: 'text/plain', text: 'Replies are JSON or an SSE stream.' },
  { uri: 'demo://notes/3', name: 'note-3', title: 'Third note', mimeType: 'text/plain', text: 'Mcp-Session-Id keeps the session.' },
];
const PAGE = 2;

const wait = (ms: number, signal: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve(false)), { once: true });
  });

/** A fresh server for one session. */
export function createDemoMcpServer(): McpServer {
  const mcp = new McpServer({ name: 'stream-viewer-demo', version: '1.0.0' }, { capabilities: { logging: {} }, instructions: 'A demo server for Stream Viewer: try count (progress) and slow (cancel it).' });

  mcp.registerTool('echo', { title: 'Echo', description: 'Returns its text.', inputSchema: { text: z.string().describe('What to echo') } }, ({ text }) => ({ content: [{ type: 'text', text }] }));

  mcp.registerTool(
    'add',
    { title: 'Add', description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() }, outputSchema: { sum: z.number() } },
    ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }], structuredContent: { sum: a + b } }),
  );

  mcp.registerTool(
    'count',
    {
      title: 'Count',
      description: 'Counts to `to`, one step every `delayMs`, with a progress notification and a log message per step (send _meta.progressToken to get progress).',
      inputSchema: { to: z.number().int().min(1).max(100).default(5), delayMs: z.number().int().min(0).max(5000).default(100), label: z.enum(['steps', 'items', 'seconds']).optional(), loud: z.boolean().optional() },
    },
    async ({ to, delayMs, label }, extra) => {
      const token = extra._meta?.progressToken;
      for (let i = 1; i <= to; i++) {
        if (!(await wait(delayMs, extra.signal))) break;
        if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: i, total: to, message: `${i} of ${to}` } });
        await extra.sendNotification({ method: 'notifications/message', params: { level: 'info', logger: 'count', data: `step ${i}` } });
      }
      return { content: [{ type: 'text', text: `Counted to ${to} ${label ?? 'steps'}.` }] };
    },
  );

  mcp.registerTool(
    'slow',
    { title: 'Slow', description: 'Takes `seconds` (default 30) unless cancelled; reports progress every second.', inputSchema: { seconds: z.number().int().min(1).max(600).default(30) } },
    async ({ seconds }, extra) => {
      const token = extra._meta?.progressToken;
      for (let i = 1; i <= seconds; i++) {
        if (!(await wait(1000, extra.signal))) return { content: [{ type: 'text', text: `Cancelled after ${i - 1} s.` }], isError: true };
        if (token !== undefined) await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: i, total: seconds } });
      }
      return { content: [{ type: 'text', text: `Done after ${seconds} s.` }] };
    },
  );

  mcp.registerPrompt(
    'review',
    { title: 'Review code', description: 'Asks for a review of some code.', argsSchema: { code: z.string(), language: z.string().optional() } },
    ({ code, language }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Please review this ${language ?? ''} code:\n\n${code}` } }] }),
  );

  for (const r of RESOURCES) {
    mcp.registerResource(r.name, r.uri, { title: r.title, mimeType: r.mimeType }, (uri) => ({ contents: [{ uri: uri.href, mimeType: r.mimeType, text: r.text }] }));
  }
  mcp.registerResource(
    'item',
    new ResourceTemplate('demo://items/{id}', { list: undefined }),
    { title: 'Item by id', mimeType: 'application/json' },
    (uri, { id }) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ id, name: `Item ${String(id)}` }) }] }),
  );
  // The SDK lists every resource at once; a paged list shows how clients follow nextCursor.
  mcp.server.setRequestHandler(ListResourcesRequestSchema, (request) => {
    const start = Number(request.params?.cursor ?? 0) || 0;
    const page = RESOURCES.slice(start, start + PAGE).map(({ uri, name, title, mimeType }) => ({ uri, name, title, mimeType }));
    return { resources: page, ...(start + PAGE < RESOURCES.length ? { nextCursor: String(start + PAGE) } : {}) };
  });
  return mcp;
}
