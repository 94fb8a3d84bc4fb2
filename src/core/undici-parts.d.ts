/**
 * Types of the parts of undici a stream fetch loads by their files (fetch,
 * the two proxy-aware agents, and the dispatcher methods the proxy agent
 * connects with): the package's index also loads its WebSocket, cache,
 * cookie and mock modules.
 */
declare module 'undici/lib/web/fetch/index.js' {
  export { fetch } from 'undici';
}

declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import { EnvHttpProxyAgent } from 'undici';
  export = EnvHttpProxyAgent;
}

declare module 'undici/lib/dispatcher/proxy-agent.js' {
  import { ProxyAgent } from 'undici';
  export = ProxyAgent;
}

declare module 'undici/lib/dispatcher/dispatcher.js' {
  import { Dispatcher } from 'undici';
  export = Dispatcher;
}

declare module 'undici/lib/api/index.js' {
  const api: Record<string, unknown>;
  export = api;
}
