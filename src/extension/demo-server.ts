/**
 * The demo server, run inside the extension host on demand so that "Open
 * Demo Server" works with no terminal. One instance per window.
 */
import type { DemoServer } from '../demo/server';
import { startDemoServer } from '../demo/server';
import { log } from './log';

let running: Promise<DemoServer> | undefined;

/** Starts the demo server once (on `port`, or a free port if that one is busy). */
export function ensureDemoServer(port: number): Promise<DemoServer> {
  if (running) return running;
  const starting = startDemoServer({ port }).catch(async (err: unknown) => {
    log().warn(`Demo server could not use port ${port} (${err instanceof Error ? err.message : String(err)}); using a free port`);
    return startDemoServer({ port: 0 });
  });
  running = starting;
  starting.then(
    (s) => log().info(`Demo server on ${s.url}`),
    () => (running = undefined),
  );
  return starting;
}

/** Stops the demo server if it runs. */
export async function stopDemoServer(): Promise<void> {
  const server = running;
  running = undefined;
  if (server) await (await server).close();
}
