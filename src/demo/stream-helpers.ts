/** Small building blocks the demo endpoints share. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Parsed request the endpoints see. */
export interface DemoRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
  /** Resolves when the client goes away or the server closes. */
  closed: Promise<void>;
  isClosed(): boolean;
}

/** Headers every streaming response carries (the seed's, minus the bug). */
export function streamHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'Access-Control-Allow-Origin': '*',
    'X-Accel-Buffering': 'no',
  };
}

/** A numeric query parameter, clamped; non-numbers give the default. */
export function intParam(url: URL, name: string, def: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw.trim() === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n)) return def;
  return Math.min(max, Math.max(min, Math.round(n)));
}

/** Waits `ms`, or less if the client leaves. Resolves `false` when it left. */
export async function pause(r: DemoRequest, ms: number): Promise<boolean> {
  if (r.isClosed()) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), r.closed]);
  clearTimeout(timer);
  return !r.isClosed();
}

/** Writes respecting backpressure. Resolves `false` when the client left. */
export async function write(r: DemoRequest, chunk: string | Buffer): Promise<boolean> {
  if (r.isClosed()) return false;
  if (r.res.write(chunk)) return true;
  await Promise.race([new Promise<void>((resolve) => r.res.once('drain', () => resolve())), r.closed]);
  return !r.isClosed();
}

/** One well-formed SSE event. */
export function sseEvent(fields: { id?: string | number; event?: string; retry?: number; data: string }): string {
  let out = '';
  if (fields.id !== undefined) out += `id: ${fields.id}\n`;
  if (fields.event !== undefined) out += `event: ${fields.event}\n`;
  if (fields.retry !== undefined) out += `retry: ${fields.retry}\n`;
  for (const line of fields.data.split('\n')) out += `data: ${line}\n`;
  return out + '\n';
}

/** Splits text into word-sized tokens, keeping spaces and newlines attached. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}
