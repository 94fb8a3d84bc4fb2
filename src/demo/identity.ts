/**
 * How the demo server says who it is, and how a client checks: `npm start`
 * runs one and the extension's "Open Demo Server" reuses it rather than
 * starting a second one on another port, so both must recognise it the same way.
 */
import { isJsonObject } from '../shared/json-object';

/** The path the demo server answers with its identity. */
export const HEALTH_PATH = '/health';

/** The `service` field of that answer; anything else on the port is not ours. */
const DEMO_SERVICE = 'stream-viewer-demo';

/** The identity answer's body. */
export function healthBody(): string {
  return JSON.stringify({ service: DEMO_SERVICE, status: 'ok' });
}

/**
 * Whether a Stream Viewer demo server answers at `baseUrl`. Resolves false,
 * never throws, for a closed port, another program, or no answer within
 * `timeoutMs` (a port that accepts and then says nothing must not hang the caller).
 */
export async function isDemoServer(baseUrl: string, timeoutMs = 1000): Promise<boolean> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(new URL(HEALTH_PATH, baseUrl), { signal: ctrl.signal, redirect: 'error' });
    if (!res.ok) {
      await res.body?.cancel();
      return false;
    }
    const body = (await res.json()) as unknown;
    return isJsonObject(body) && body.service === DEMO_SERVICE;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
