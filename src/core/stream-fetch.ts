/**
 * The `fetch` a session uses unless its caller brings one: undici's own,
 * through an agent that never gives up on a quiet server by itself.
 * Node's global fetch keeps undici's defaults (300 s for the response head,
 * 300 s between two body chunks), so an event stream quiet for five minutes
 * was cut although nobody asked for a timeout. Here silence is the
 * session's call alone (`StreamSettings.timeoutMs`). undici's `fetch` goes
 * with undici's `Agent`: the global fetch is a different undici copy, and a
 * dispatcher from another copy is not guaranteed to fit it.
 */
import type { Dispatcher, fetch as UndiciFetch } from 'undici';

/** undici timeouts of a stream fetch, in ms; 0 waits forever. */
export interface StreamFetchTimeouts {
  /** Longest wait for the response head. */
  headersTimeout: number;
  /** Longest wait between two chunks of the body. */
  bodyTimeout: number;
}

/** The parts of undici a stream fetch uses. */
interface UndiciParts {
  fetch: typeof UndiciFetch;
  EnvHttpProxyAgent: typeof import('undici').EnvHttpProxyAgent;
  ProxyAgent: typeof import('undici').ProxyAgent;
}

let undiciParts: Promise<UndiciParts> | undefined;

/**
 * undici, loaded on the first request (or `preloadStreamFetch`): it is most
 * of the CLI's code, and `--help` needs none of it. Only the files of fetch
 * and the agents: the package's index would load its WebSocket, cache,
 * cookie and mock modules too, 30 ms of every CLI run.
 */
function loadUndici(): Promise<UndiciParts> {
  undiciParts ??= Promise.all([
    import('undici/lib/web/fetch/index.js'),
    import('undici/lib/dispatcher/env-http-proxy-agent.js'),
    import('undici/lib/dispatcher/proxy-agent.js'),
    import('undici/lib/dispatcher/dispatcher.js'),
    import('undici/lib/api/index.js'),
  ]).then(([f, env, proxy, dispatcher, api]) => {
    // What undici's index does to every dispatcher: the proxy agent opens its tunnel with `connect` from these.
    Object.assign(dispatcher.default.prototype, api.default);
    return { fetch: f.fetch, EnvHttpProxyAgent: env.default, ProxyAgent: proxy.default };
  });
  return undiciParts;
}

/**
 * Loads what the first request needs, ahead of it, so that loading a module
 * (tens of milliseconds, more on a busy machine) is not counted in the
 * stream's own timing: its time to first byte, a test's `stopAfterMs`. An
 * editor starts it when a request panel opens; the CLI awaits it before it
 * sends.
 */
export async function preloadStreamFetch(): Promise<void> {
  await loadUndici();
}

/** What sessions use: no timeout of undici's own (connecting still times out, after undici's 10 s). */
export const NO_TIMEOUTS: StreamFetchTimeouts = { headersTimeout: 0, bodyTimeout: 0 };

/**
 * A `fetch` with its own agent and these undici timeouts. Proxies are
 * honoured: `proxy` when given (an editor's proxy setting), else the usual
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY environment variables.
 */
export function createStreamFetch(timeouts: StreamFetchTimeouts, proxy?: string): typeof fetch {
  let loaded: Promise<{ agent: Dispatcher; fetch: typeof UndiciFetch }> | undefined;
  const streamFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    loaded ??= loadUndici().then((undici) => ({
      agent: proxy ? new undici.ProxyAgent({ uri: proxy, ...timeouts }) : new undici.EnvHttpProxyAgent(timeouts),
      fetch: undici.fetch,
    }));
    const { agent, fetch: undiciFetch } = await loaded;
    // The global and the package's fetch types describe the same WHATWG objects under two declarations.
    return (await undiciFetch(input as Parameters<typeof UndiciFetch>[0], { ...(init as Parameters<typeof UndiciFetch>[1]), dispatcher: agent })) as unknown as Response;
  };
  return streamFetch as typeof fetch;
}

/** The default `fetch` of every session. */
export const streamFetch: typeof fetch = createStreamFetch(NO_TIMEOUTS);
