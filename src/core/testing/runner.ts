/**
 * Runs the tests of one or more collections, up to `jobs` at a time, in
 * file order in the report whatever order they finish in; `bail` stops
 * starting new tests after the first failure.
 */
import type { Collection } from '../collections/model';
import type { TestCase, TestResult, UnreadableFile } from './cases';
import { runFlowTest } from './flow-test';
import { runRequestTest, type TestContext } from './request-test';
import { preloadStreamFetch } from '../stream-fetch';

/** A test and the collection (file) it belongs to. */
export interface PlannedTest {
  /** The collection file (how reports group tests). */
  file: string;
  /** The file's collection (an empty one for a file that cannot be read). */
  collection: Collection;
  test: TestCase | UnreadableFile;
  /** Variables, secrets and limits for this test. */
  context: TestContext;
}

/** How to run a plan. */
export interface RunOptions {
  jobs?: number;
  bail?: boolean;
  onStart?(t: PlannedTest): void;
  onResult?(t: PlannedTest, r: TestResult): void;
}

/** Runs one test. */
export async function runTest(t: PlannedTest): Promise<TestResult> {
  const test = t.test;
  if (test.kind === 'file') return { kind: 'file', path: test.path, ok: false, error: test.error, checks: [], durationMs: 0 };
  // Loaded before the test's clock starts: a `stopAfterMs` or `maxTtfbMs` measures the server, not module loading.
  await preloadStreamFetch();
  return test.kind === 'request' ? runRequestTest(test.request, test.path, t.context) : runFlowTest(t.collection, test.flow, test.path, t.context);
}

/** Runs the plan; the results are in the plan's order, undefined for tests `bail` kept from starting. */
export async function runTests(plan: readonly PlannedTest[], options: RunOptions = {}): Promise<(TestResult | undefined)[]> {
  const results: (TestResult | undefined)[] = plan.map(() => undefined);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < plan.length && !(options.bail === true && failed)) {
      const i = next++;
      const t = plan[i]!;
      options.onStart?.(t);
      const r = await runTest(t);
      results[i] = r;
      if (!r.ok) failed = true;
      options.onResult?.(t, r);
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, plan.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}
