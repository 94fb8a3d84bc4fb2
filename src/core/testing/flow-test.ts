/**
 * Runs a flow: opens the listener stream, sends each trigger in order once
 * the listener is connected, waits for the step's event on the listener
 * (timed from the moment the trigger is sent), then closes the listener and
 * checks the flow's `expect` block on everything it received.
 */
import type { Collection } from '../collections/model';
import { lookupRequest } from '../collections/tree';
import { ExpectChecker } from '../expect/checker';
import { eventJson, eventType } from '../expect/event-data';
import { expectedText, judgeJsonPath } from '../expect/json-path-check';
import { atEvent, type CheckResult, type EventRef } from '../expect/model';
import type { TimelineItem } from '../items';
import { StreamRun } from '../run/stream-run';
import { maskSecrets } from '../secrets/mask';
import type { TestResult } from './cases';
import { DEFAULT_WITHIN_MS, type EventMatch, type Flow } from './flow-model';
import { checkStream, DEFAULT_TEST_LIMIT_MS, prepareSafely, type TestContext } from './request-test';

/** A step waiting for its event on the listener. */
interface Waiter {
  match: EventMatch;
  sentAt: number;
  /** Listener events seen since the trigger was sent, and the last of them. */
  seen: number;
  last?: EventRef;
  resolve(found: { event: EventRef; afterMs: number } | undefined): void;
}

function matches(m: EventMatch, item: TimelineItem, type: string): boolean {
  if (m.event !== undefined && m.event !== type) return false;
  if (m.jsonPath === undefined || m.jsonPath.length === 0) return true;
  const json = eventJson(item);
  return json !== undefined && m.jsonPath.every((c) => judgeJsonPath(c, json).ok);
}

function describeMatch(m: EventMatch): string {
  const type = m.event === undefined ? 'an event' : `an event "${m.event}"`;
  const paths = (m.jsonPath ?? []).map((c) => `${c.path} ${c.exists === false ? 'absent' : c.equals === undefined && c.matches === undefined ? 'present' : `= ${expectedText(c)}`}`);
  return paths.length === 0 ? type : `${type} with ${paths.join(' and ')}`;
}

/** The result of a flow that could not start. */
function broken(path: string[], error: string): TestResult {
  return { kind: 'flow', path, ok: false, error, checks: [], durationMs: 0 };
}

/** Runs `flow` of collection `c`. */
export async function runFlowTest(c: Collection, flow: Flow, path: string[], ctx: TestContext): Promise<TestResult> {
  const started = performance.now();
  const found = lookupRequest(c, flow.listen);
  if ('error' in found) return broken(path, `listen: ${found.error}`);
  const listener = prepareSafely(found.request, found.path.join('/'), ctx.sources);
  if (!listener.ok) return broken(path, listener.error);
  const secrets = [...listener.secrets];
  const checker = new ExpectChecker(flow.expect ?? {}, { strict: false });
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  let waiter: Waiter | undefined;
  let failure: string | undefined;
  let connected!: (ok: boolean) => void;
  const connection = new Promise<boolean>((r) => (connected = r));
  const run = new StreamRun({
    request: listener.written,
    resolved: listener.spec,
    settings: listener.settings,
    secrets: listener.secrets,
    signal: controller.signal,
    record: ctx.record?.(path, found.request.name),
    analysis: { diagnostics: true, eventSource: false },
    onItem(item) {
      checker.add(item);
      // An HTTP error status is followed by the fatal error that says why: wait for it.
      if (item.kind === 'response' && item.status < 400) connected(true);
      else if (item.kind === 'error' && item.fatal) {
        failure ??= item.message;
        connected(false);
      } else if (item.kind === 'end') {
        failure ??= `the listener ended (${item.reason})`;
        connected(false);
        waiter?.resolve(undefined);
      }
      const type = eventType(item);
      if (type === undefined || item.kind === 'end' || !waiter) return;
      const ref: EventRef = { seq: item.kind === 'message' ? item.seq : waiter.seen + 1, type, t: item.t };
      waiter.seen++;
      waiter.last = ref;
      if (matches(waiter.match, item, type)) waiter.resolve({ event: ref, afterMs: performance.now() - waiter.sentAt });
    },
  });
  const checks: CheckResult[] = [];
  const limit = ctx.limitMs ?? DEFAULT_TEST_LIMIT_MS;
  const timeout = new Promise<false>((r) => setTimeout(() => r(false), limit).unref?.());
  if (!(await Promise.race([connection, timeout]))) {
    checks.push({ name: 'listen', ok: false, message: `the listener "${flow.listen}" did not connect: ${failure ?? `no response within ${limit} ms`}` });
  } else {
    for (let i = 0; i < flow.steps.length && !ctx.signal?.aborted; i++) {
      const step = flow.steps[i]!;
      const name = `steps[${i}]`;
      const trigger = lookupRequest(c, step.send);
      if ('error' in trigger) {
        checks.push({ name, ok: false, message: `send: ${trigger.error}` });
        break;
      }
      const prepared = prepareSafely(trigger.request, trigger.path.join('/'), ctx.sources);
      if (!prepared.ok) {
        checks.push({ name, ok: false, message: prepared.error });
        break;
      }
      secrets.push(...prepared.secrets);
      let arrived: Promise<{ event: EventRef; afterMs: number } | undefined> | undefined;
      const m = step.expectEvent;
      if (m) {
        // Waiting starts before the trigger leaves: the event may come before the trigger's own response ends.
        const within = m.withinMs ?? DEFAULT_WITHIN_MS;
        arrived = new Promise((resolve) => {
          const timer = setTimeout(() => resolve(undefined), within);
          waiter = { match: m, sentAt: performance.now(), seen: 0, resolve: (f) => { clearTimeout(timer); resolve(f); } };
        });
      }
      const sent = await checkStream(prepared, trigger.request.expect ?? {}, ctx);
      for (const s of sent) checks.push({ ...s, name: `${name} ${step.send}: ${s.name}` });
      if (arrived && m) {
        const w = waiter!;
        const got = await arrived;
        waiter = undefined;
        const within = m.withinMs ?? DEFAULT_WITHIN_MS;
        const want = `${describeMatch(m)} on "${flow.listen}" within ${within} ms of sending "${step.send}"`;
        const seen = w.seen === 0 ? 'no events came' : `${w.seen} other event${w.seen === 1 ? '' : 's'} came (the last${atEvent(w.last)})`;
        checks.push(
          got
            ? { name: `${name} event`, ok: true, message: `${describeMatch(m)} came ${got.afterMs.toFixed(0)} ms after sending "${step.send}"${atEvent(got.event)}`, event: got.event }
            : { name: `${name} event`, ok: false, message: `expected ${want}; ${failure !== undefined && !controller.signal.aborted ? `${failure}; ` : ''}${seen}`, event: w.last },
        );
      }
      if (checks.some((x) => !x.ok)) break;
    }
  }
  controller.abort();
  await run.done;
  ctx.signal?.removeEventListener('abort', onAbort);
  if (flow.expect !== undefined) for (const r of checker.results({ merged: run.merged(), timing: run.timing(), problems: run.problems })) checks.push({ ...r, name: `listener ${r.name}` });
  const masked = checks.map((x) => ({ ...x, message: maskSecrets(x.message, secrets) }));
  return { kind: 'flow', path, ok: masked.length > 0 && masked.every((x) => x.ok), checks: masked, durationMs: performance.now() - started };
}
