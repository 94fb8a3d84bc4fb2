/**
 * Reports of `stream-viewer test`: a readable listing, JUnit XML (one
 * testsuite per collection file, one testcase per request or flow, the
 * junit-10 schema CI servers read), TAP 13 and JSON. Received text goes
 * through `printable` in the listing; XML and TAP escape what they must.
 */
import type { CheckResult } from '../core/expect/model';
import { testName, type TestResult } from '../core/testing/cases';
import type { PlannedTest } from '../core/testing/runner';
import type { Palette } from './listing';
import { printable } from './terminal-text';

/** Everything a report shows. */
export interface Report {
  /** The plan in order; `result` is undefined for tests `--bail` kept from running. */
  tests: (PlannedTest & { result: TestResult | undefined })[];
  durationMs: number;
  /** The report's name (the first path given). */
  name: string;
}

/** The reporter names `--reporter` takes. */
export type ReporterName = 'pretty' | 'junit' | 'tap' | 'json';

function failed(r: TestResult): CheckResult[] {
  return r.checks.filter((c) => !c.ok);
}

/** What a failed test says: why it could not run, or its failed checks, one per line. */
function failureText(r: TestResult): string {
  return r.error ?? failed(r).map((c) => `${c.name}: ${c.message}`).join('\n');
}

function counts(report: Report): { passed: number; failed: number; errors: number; skipped: number } {
  const c = { passed: 0, failed: 0, errors: 0, skipped: 0 };
  for (const t of report.tests) {
    if (!t.result) c.skipped++;
    else if (t.result.error !== undefined) c.errors++;
    else if (t.result.ok) c.passed++;
    else c.failed++;
  }
  return c;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** The live listing: a line per finished test, then a summary. */
export function pretty(p: Palette): { line(t: PlannedTest, r: TestResult): string; summary(report: Report): string } {
  return {
    line(t, r) {
      const name = `${p.dim(`${t.file} ›`)} ${printable(testName(t.test.path))}${t.test.kind === 'flow' ? p.dim(' (flow)') : ''}`;
      const time = p.dim(` ${Math.round(r.durationMs)} ms`);
      if (r.ok) return `${p.green('✔')} ${name}${time}\n`;
      const lines = failureText(r).split('\n').map((l) => `    ${p.red(printable(l))}\n`);
      return `${p.red('✖')} ${name}${time}\n${lines.join('')}`;
    },
    summary(report) {
      const c = counts(report);
      const parts = [p.green(`${c.passed} passed`), c.failed > 0 ? p.red(`${c.failed} failed`) : '', c.errors > 0 ? p.red(`${c.errors} could not run`) : '', c.skipped > 0 ? p.yellow(`${c.skipped} not run (--bail)`) : ''];
      return `\n${parts.filter(Boolean).join(', ')} ${p.dim(`(${report.tests.length} tests, ${(report.durationMs / 1000).toFixed(1)} s)`)}\n`;
    },
  };
}

/** XML text: markup escaped, characters XML 1.0 cannot hold replaced. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}

/** JUnit XML. */
export function junit(report: Report): string {
  const files = [...new Set(report.tests.map((t) => t.file))];
  const all = counts(report);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="${xml(report.name)}" tests="${report.tests.length}" failures="${all.failed}" errors="${all.errors}" time="${seconds(report.durationMs)}">`];
  for (const file of files) {
    const tests = report.tests.filter((t) => t.file === file);
    const c = counts({ ...report, tests });
    const time = tests.reduce((s, t) => s + (t.result?.durationMs ?? 0), 0);
    const suite = tests[0]!.collection.name ?? file;
    out.push(`  <testsuite name="${xml(suite)}" file="${xml(file)}" tests="${tests.length}" failures="${c.failed}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(time)}">`);
    for (const t of tests) {
      const r = t.result;
      const head = `    <testcase name="${xml(testName(t.test.path))}" classname="${xml(suite)}" time="${seconds(r?.durationMs ?? 0)}"`;
      if (r?.ok === true) out.push(`${head}/>`);
      else if (!r) out.push(`${head}>`, `      <skipped message="not run: an earlier test failed (--bail)"/>`, '    </testcase>');
      else {
        const tag = r.error !== undefined ? 'error' : 'failure';
        const text = failureText(r);
        out.push(`${head}>`, `      <${tag} message="${xml(text.split('\n')[0]!)}" type="${xml(r.error !== undefined ? 'not-run' : failed(r)[0]?.name ?? 'failed')}">${xml(text).replace(/&#10;/g, '\n')}</${tag}>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** TAP version 13. */
export function tap(report: Report): string {
  const out = ['TAP version 13', `1..${report.tests.length}`];
  report.tests.forEach((t, i) => {
    // A test name must not end the line or start a directive.
    const name = `${t.file} › ${testName(t.test.path)}`.replace(/[\r\n]/g, ' ').replace(/#/g, '\\#');
    const r = t.result;
    if (!r) out.push(`ok ${i + 1} - ${name} # SKIP not run: an earlier test failed (--bail)`);
    else if (r.ok) out.push(`ok ${i + 1} - ${name}`);
    else {
      out.push(`not ok ${i + 1} - ${name}`, '  ---', `  message: ${JSON.stringify(r.error ?? failed(r)[0]?.message ?? 'failed')}`, '  failures:');
      for (const line of failureText(r).split('\n')) out.push(`    - ${JSON.stringify(line)}`);
      out.push(`  duration_ms: ${Math.round(r.durationMs)}`, '  ...');
    }
  });
  return `${out.join('\n')}\n`;
}

/** One JSON object: every test with its checks. */
export function json(report: Report): string {
  const c = counts(report);
  const tests = report.tests.map((t) => ({ file: t.file, name: testName(t.test.path), kind: t.test.kind, status: !t.result ? 'skipped' : t.result.error !== undefined ? 'error' : t.result.ok ? 'passed' : 'failed', durationMs: Math.round(t.result?.durationMs ?? 0), error: t.result?.error, checks: t.result?.checks ?? [] }));
  return `${JSON.stringify({ ...c, total: report.tests.length, durationMs: Math.round(report.durationMs), tests }, null, 2)}\n`;
}

/** Every reporter by name. */
export const REPORTERS: Record<ReporterName, (report: Report, p: Palette) => string> = {
  pretty: (report, p) => {
    const list = pretty(p);
    return report.tests.map((t) => (t.result ? list.line(t, t.result) : '')).join('') + list.summary(report);
  },
  junit,
  tap,
  json,
};
