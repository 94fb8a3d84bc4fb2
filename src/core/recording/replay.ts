/**
 * Replays a recording through the engine: a `fetch` that answers from the
 * recording (status, headers, chunks at their recorded times, scaled by
 * `speed`) so the very same parsing path produces the timeline again.
 */
import type { EndItem } from '../items';
import { sleep } from '../clock';
import { runStream, type SessionHooks } from '../session';
import type { RequestSpec } from '../spec';
import type { RecordedConnection, Recording } from './format';

/** Replay options. */
export interface ReplayOptions {
  /** 1 = original timing, 2 = twice as fast, 0 or Infinity = as fast as possible. */
  speed?: number;
}

/** A signal that never aborts, for waits nobody can cancel. */
const NEVER = new AbortController().signal;

/** Waits `ms` (or until `signal` aborts) without leaving a listener behind on the signal. */
async function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms > 0) await sleep(ms, signal ?? NEVER);
}

function bodyOf(c: RecordedConnection, speed: number, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  let i = 0;
  let last = c.t;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = c.chunks[i++];
      if (!chunk || signal?.aborted) {
        controller.close();
        return;
      }
      if (speed > 0 && Number.isFinite(speed)) await wait((chunk.t - last) / speed, signal);
      last = chunk.t;
      controller.enqueue(chunk.data.slice());
    },
  });
}

/** A `fetch` that answers each call with the recording's next connection. */
export function recordingFetch(rec: Recording, options: ReplayOptions = {}): typeof fetch {
  const speed = options.speed ?? 1;
  let next = 0;
  const replayFetch = async (_input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const c = rec.connections[next++];
    if (!c) throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('the recording has no more connections'), { code: 'ECONNREFUSED' }) });
    const signal = init?.signal ?? undefined;
    if (speed > 0 && Number.isFinite(speed)) await wait(c.t / speed, signal);
    // Null-body statuses cannot carry a stream.
    const body = [101, 204, 205, 304].includes(c.status) ? null : bodyOf(c, speed, signal);
    const headers = new Headers();
    for (const [k, v] of Object.entries(c.headers)) {
      // The recorded bytes are already decoded: do not let fetch decode them again.
      // A masked secret (••••••) is not a valid header byte string: it replays as asterisks.
      if (k.toLowerCase() !== 'content-encoding' && k.toLowerCase() !== 'content-length') headers.set(k, v.replace(/[\u0100-\uffff]/g, '*'));
    }
    return new Response(body, { status: c.status, statusText: c.statusText, headers });
  };
  return replayFetch as typeof fetch;
}

/**
 * The request to replay. A recording keeps the request as written, so its URL
 * may still hold `{{variables}}`; nothing is sent, but the URL must parse:
 * the URL that answered (recorded, secrets masked) stands in for it.
 */
function replayedRequest(rec: Recording): RequestSpec {
  if (!rec.request.url.includes('{{')) return rec.request;
  const answered = rec.connections[0]?.url;
  return { ...rec.request, url: answered && !answered.includes('{{') ? answered : 'http://recording.invalid/', params: [] };
}

/**
 * Replays a recording into `hooks.onItem`, as the original run produced it.
 * Only connections that answered are recorded, so the replay reconnects at
 * most once per recorded connection: a stream that went on reconnecting to
 * a dead server (every 3 s, or in a busy loop with `retry: 0`) would
 * otherwise replay forever. Running out of connections ends the replay the
 * way the recording ended.
 */
export function replayRecording(rec: Recording, hooks: Omit<SessionHooks, 'fetch'>, options: ReplayOptions = {}): Promise<EndItem> {
  const settings = { ...rec.settings, raw: true };
  const recorded = rec.connections.length;
  const original = settings.reconnect;
  const cap = Math.max(0, recorded - 1);
  const capped = original?.enabled === true && (original.maxReconnects === undefined || original.maxReconnects > cap);
  if (capped) settings.reconnect = { ...original, maxReconnects: cap };
  const asRecorded = (end: EndItem): EndItem => (capped && end.reason === 'max-reconnects' ? { ...end, reason: rec.end?.reason ?? 'eof' } : end);
  const speed = options.speed ?? 1;
  return runStream(replayedRequest(rec), settings, {
    ...hooks,
    // Between recorded connections a replay waits as it waits between chunks: scaled, or not at all at full speed.
    delayScale: speed > 0 && Number.isFinite(speed) ? 1 / speed : 0,
    onItem: (item) => hooks.onItem(item.kind === 'end' ? asRecorded(item) : item),
    fetch: recordingFetch(rec, options),
  }).then(asRecorded);
}
