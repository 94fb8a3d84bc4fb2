/**
 * Runs one saved request as a test: the one stream run (masking, analysis)
 * fed to the expect checker, stopped at `stopAfterMs` or at the test's
 * time limit, with every message masked.
 */
import type { ResolverSources } from '../collections/resolver';
import type { SavedRequest } from '../collections/model';
import { ExpectChecker } from '../expect/checker';
import type { CheckResult, Expect } from '../expect/model';
import type { RecordingSink } from '../recording/recorder';
import { StreamRun } from '../run/stream-run';
import { maskSecrets } from '../secrets/mask';
import { prepareRequest, type PreparedRequest } from './prepare';
import type { TestResult } from './cases';
import { testName } from './cases';

/** Longest a test may take when its block sets no `stopAfterMs`. */
export const DEFAULT_TEST_LIMIT_MS = 60_000;

/** What every test of a run shares. */
export interface TestContext {
  /** Where `{{variables}}` come from: --var values, the environment, secrets, the process environment. */
  sources: ResolverSources;
  /** Cancels the tests (each stream ends as aborted). */
  signal?: AbortSignal;
  /** Longest a test without `stopAfterMs` may take, ms. */
  limitMs?: number;
  /** Where a request's stream is recorded (to open it in the panel later), by the test's path and the request's name. */
  record?: (path: readonly string[], request: string) => RecordingSink | undefined;
}

/** Prepares a request, catching what a bad file throws, as a result. */
export function prepareSafely(request: SavedRequest, label: string, sources: ResolverSources): PreparedRequest {
  try {
    return prepareRequest(request, label, sources);
  } catch (err) {
    return { ok: false, error: `"${label}": ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Sends a prepared request and checks its stream against `expect`. */
export async function checkStream(prepared: Extract<PreparedRequest, { ok: true }>, expect: Expect, ctx: TestContext, record?: RecordingSink): Promise<CheckResult[]> {
  const checker = new ExpectChecker(expect, { strict: true });
  const controller = new AbortController();
  const outer = ctx.signal;
  const onAbort = (): void => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  const limit = expect.stopAfterMs ?? ctx.limitMs ?? DEFAULT_TEST_LIMIT_MS;
  let overLimit = false;
  const timer = setTimeout(() => {
    overLimit = expect.stopAfterMs === undefined;
    controller.abort();
  }, limit);
  const run = new StreamRun({
    request: prepared.written,
    resolved: prepared.spec,
    settings: prepared.settings,
    secrets: prepared.secrets,
    signal: controller.signal,
    record,
    analysis: { diagnostics: true, eventSource: false },
    onItem: (item) => checker.add(item),
  });
  await run.done;
  clearTimeout(timer);
  outer?.removeEventListener('abort', onAbort);
  const checks = checker.results({ merged: run.merged(), timing: run.timing(), problems: run.problems });
  if (overLimit) checks.unshift({ name: 'stream', ok: false, message: `the stream did not end within ${limit} ms; set expect.stopAfterMs to check a stream that never ends` });
  else if (outer?.aborted === true) checks.unshift({ name: 'stream', ok: false, message: 'cancelled' });
  return checks.map((c) => ({ ...c, message: maskSecrets(c.message, prepared.secrets) }));
}

/** Runs a request with an `expect` block as a test. */
export async function runRequestTest(request: SavedRequest, path: string[], ctx: TestContext): Promise<TestResult> {
  const started = performance.now();
  const prepared = prepareSafely(request, testName(path), ctx.sources);
  if (!prepared.ok) return { kind: 'request', path, ok: false, error: prepared.error, checks: [], durationMs: 0 };
  const checks = await checkStream(prepared, request.expect ?? {}, ctx, ctx.record?.(path, request.name));
  return { kind: 'request', path, ok: checks.every((c) => c.ok), checks, durationMs: performance.now() - started };
}
