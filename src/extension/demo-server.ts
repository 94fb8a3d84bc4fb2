/**
 * The demo server behind "Open Demo Server". When one already answers on the
 * configured port (`npm start`'s, `npm run demo`, another window's) that one
 * is used, so the panel and the sandbox collection talk to the same server;
 * otherwise one runs inside the extension host, so the command needs no
 * terminal. At most one is started per window.
 */
import type { DemoServer, FoundDemoServer } from '../demo/server';
import { findOrStartDemoServer } from '../demo/server';
import { log } from './log';

let current: Promise<FoundDemoServer> | undefined;

function find(port: number): Promise<FoundDemoServer> {
  const finding = findOrStartDemoServer({
    port,
    onBusy: (err) => log().warn(`Demo server could not use port ${port} (${err instanceof Error ? err.message : String(err)}); using a free port`),
  });
  finding.then(
    (f) => {
      log().info(f.started ? `Demo server on ${f.server.url}` : `Using the demo server already running on ${f.server.url}`);
      // One this window did not start may stop at any time: look again next time.
      if (!f.started && current === finding) current = undefined;
    },
    () => {
      if (current === finding) current = undefined;
    },
  );
  return finding;
}

/** The demo server for `port`: the one this window started, else one already running there, else a new one. */
export async function ensureDemoServer(port: number): Promise<DemoServer> {
  current ??= find(port);
  return (await current).server;
}

/** Stops the demo server if this window started it; one it found keeps running. */
export async function stopDemoServer(): Promise<void> {
  const finding = current;
  current = undefined;
  const found = await finding?.catch(() => undefined);
  if (found?.started) await found.server.close();
}
