/**
 * LLM-style streams in the shapes of the public APIs: OpenAI Chat
 * Completions, Anthropic Messages, Gemini and Ollama chat, written from their
 * documented formats, so the viewer can be tried without an API key.
 */
import { pause, sseEvent, streamHeaders, tokenize, write, intParam, type DemoRequest } from './stream-helpers';

/** The answer every demo model gives: markdown with a code block. */
const DEMO_ANSWER = `Here is a **Server-Sent Events** endpoint in Node:

\`\`\`js
res.writeHead(200, { 'Content-Type': 'text/event-stream' });
res.write('data: hello\\n\\n');
\`\`\`

Each event ends with a *blank line*.`;

const REASONING = 'The user wants a streaming example. SSE is the simplest: one HTTP response, events separated by blank lines.';

interface ChatBody {
  model?: unknown;
  messages?: unknown;
  tools?: unknown;
  stream_options?: { include_usage?: unknown };
}

function parseBody(body: string): ChatBody {
  try {
    const v = JSON.parse(body) as unknown;
    return typeof v === 'object' && v !== null ? (v as ChatBody) : {};
  } catch {
    return {};
  }
}

/** The answer: the demo text, or what follows "echo:" in the last user message (to try any markdown). */
function answerFor(body: ChatBody): string {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const last = messages[messages.length - 1] as { content?: unknown } | undefined;
  const content = typeof last?.content === 'string' ? last.content : '';
  return content.startsWith('echo:') ? content.slice(5) : DEMO_ANSWER;
}

/** `/v1/chat/completions`: OpenAI Chat Completions chunks, optional tool call and usage, then `[DONE]`. */
export async function openAiChat(r: DemoRequest): Promise<void> {
  const body = parseBody(r.body);
  const model = typeof body.model === 'string' ? body.model : 'demo-1';
  const interval = intParam(r.url, 'interval', 40, 0, 60_000);
  const id = `chatcmpl-demo${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: object, finish: string | null = null, extra: object = {}): string =>
    sseEvent({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra }) });
  r.res.writeHead(200, streamHeaders('text/event-stream'));
  if (!(await write(r, chunk({ role: 'assistant', content: '' })))) return;
  const tokens = tokenize(answerFor(body));
  for (const t of tokens) {
    if (!(await pause(r, interval)) || !(await write(r, chunk({ content: t })))) return;
  }
  let finish = 'stop';
  if (Array.isArray(body.tools) && body.tools.length > 0) {
    finish = 'tool_calls';
    const args = JSON.stringify({ location: 'Hangzhou', unit: 'celsius' });
    const head = { index: 0, id: 'call_demo1', type: 'function', function: { name: 'get_weather', arguments: '' } };
    if (!(await write(r, chunk({ tool_calls: [head] })))) return;
    for (let i = 0; i < args.length; i += 7) {
      if (!(await pause(r, interval)) || !(await write(r, chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(i, i + 7) } }] })))) return;
    }
  }
  if (!(await write(r, chunk({}, finish)))) return;
  if (body.stream_options?.include_usage === true) {
    const usage = { prompt_tokens: 12, completion_tokens: tokens.length, total_tokens: 12 + tokens.length };
    await write(r, sseEvent({ data: JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage }) }));
  }
  await write(r, 'data: [DONE]\n\n');
  r.res.end();
}

/** `/v1/messages`: Anthropic Messages events, with a thinking block then a text block. */
export async function anthropicMessages(r: DemoRequest): Promise<void> {
  const body = parseBody(r.body);
  const model = typeof body.model === 'string' ? body.model : 'demo-claude';
  const interval = intParam(r.url, 'interval', 40, 0, 60_000);
  const send = (event: string, data: object): Promise<boolean> => write(r, sseEvent({ event, data: JSON.stringify({ type: event, ...data }) }));
  r.res.writeHead(200, streamHeaders('text/event-stream'));
  const message = { id: 'msg_demo1', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } };
  if (!(await send('message_start', { message }))) return;
  if (!(await send('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '' } }))) return;
  for (const t of tokenize(REASONING)) {
    if (!(await pause(r, interval)) || !(await send('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: t } }))) return;
  }
  if (!(await send('content_block_stop', { index: 0 }))) return;
  if (!(await send('ping', {}))) return;
  if (!(await send('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }))) return;
  const tokens = tokenize(DEMO_ANSWER);
  for (const t of tokens) {
    if (!(await pause(r, interval)) || !(await send('content_block_delta', { index: 1, delta: { type: 'text_delta', text: t } }))) return;
  }
  if (!(await send('content_block_stop', { index: 1 }))) return;
  if (!(await send('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: tokens.length } }))) return;
  await send('message_stop', {});
  r.res.end();
}

/** `/ollama/api/chat`: Ollama's NDJSON chat stream, ending with `done: true` and counts. */
export async function ollamaChat(r: DemoRequest): Promise<void> {
  const body = parseBody(r.body);
  const model = typeof body.model === 'string' ? body.model : 'demo-llama';
  const interval = intParam(r.url, 'interval', 40, 0, 60_000);
  r.res.writeHead(200, streamHeaders('application/x-ndjson'));
  const tokens = tokenize(DEMO_ANSWER);
  const started = process.hrtime.bigint();
  for (const t of tokens) {
    if (!(await pause(r, interval))) return;
    const line = { model, created_at: new Date().toISOString(), message: { role: 'assistant', content: t }, done: false };
    if (!(await write(r, JSON.stringify(line) + '\n'))) return;
  }
  const total = Number(process.hrtime.bigint() - started);
  const done = { model, created_at: new Date().toISOString(), message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true, total_duration: total, prompt_eval_count: 12, eval_count: tokens.length, eval_duration: total };
  await write(r, JSON.stringify(done) + '\n');
  r.res.end();
}

interface GeminiBody {
  contents?: unknown;
  generationConfig?: { thinkingConfig?: { includeThoughts?: unknown } };
}

/** The text of the last user turn's parts, for "echo:" as in the other dialects. */
function geminiAnswer(body: GeminiBody): string {
  const contents = Array.isArray(body.contents) ? body.contents : [];
  const last = contents[contents.length - 1] as { parts?: unknown } | undefined;
  const parts = Array.isArray(last?.parts) ? (last.parts as { text?: unknown }[]) : [];
  const text = parts.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('');
  return text.startsWith('echo:') ? text.slice(5) : DEMO_ANSWER;
}

/**
 * `/v1beta/models/MODEL:streamGenerateContent?alt=sse`: Gemini's SSE chunks, CRLF-delimited
 * as Google sends them; thought parts first when `thinkingConfig.includeThoughts` asks for them.
 */
export async function geminiStream(r: DemoRequest): Promise<void> {
  const body = parseBody(r.body) as GeminiBody;
  const model = /\/models\/([^/:]+):/.exec(r.url.pathname)?.[1] ?? 'gemini-demo';
  const interval = intParam(r.url, 'interval', 40, 0, 60_000);
  const responseId = `demo${Date.now().toString(36)}`;
  const promptTokenCount = 12;
  const send = (parts: object[], extra: object = {}, usage: object = { promptTokenCount, totalTokenCount: promptTokenCount }): Promise<boolean> =>
    write(r, `data: ${JSON.stringify({ candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }], usageMetadata: usage, modelVersion: model, responseId })}\r\n\r\n`);
  r.res.writeHead(200, streamHeaders('text/event-stream'));
  const thoughts = body.generationConfig?.thinkingConfig?.includeThoughts === true ? tokenize(REASONING) : [];
  // Gemini sends a few tokens per chunk, not one.
  for (let i = 0; i < thoughts.length; i += 4) {
    if (!(await pause(r, interval)) || !(await send([{ text: thoughts.slice(i, i + 4).join(''), thought: true }]))) return;
  }
  const tokens = tokenize(geminiAnswer(body));
  for (let i = 0; i < tokens.length; i += 4) {
    if (!(await pause(r, interval)) || !(await send([{ text: tokens.slice(i, i + 4).join('') }]))) return;
  }
  const usage = { promptTokenCount, candidatesTokenCount: tokens.length, thoughtsTokenCount: thoughts.length, totalTokenCount: promptTokenCount + tokens.length + thoughts.length };
  await send([{ text: '' }], { finishReason: 'STOP' }, usage);
  r.res.end();
}
