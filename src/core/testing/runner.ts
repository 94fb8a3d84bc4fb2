/**
 * Runs the tests of one or more collections, up to `jobs` at a time, in
 * file order in the report whatever order they finish in; `bail` stops
 * starting new tests after the first failure.
 */
import type { Collection } from '../collections/model';
import type { TestCase, TestResult } from './cases';
import { runFlowTest } from './flow-test';
import { runRequestTest, type TestContext } from './request-test';

/** A test and the collection (file) it belongs to. */
export interface PlannedTest {
  /** The collection file (how reports group tests). */
  file: string;
  collection: Collection;
  test: TestCase;
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
export function runTest(t: PlannedTest): Promise<TestResult> {
  return t.test.kind === 'request' ? runRequestTest(t.test.request, t.test.path, t.context) : runFlowTest(t.collection, t.test.flow, t.test.path, t.context);
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
