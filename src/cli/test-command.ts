/**
 * `stream-viewer test <collection|folder>... [--env NAME] [--var k=v]...
 * [--filter TEXT] [--reporter pretty|junit|tap|json] [--out FILE] [--bail]
 * [--jobs N] [--timeout MS]`: every request with an `expect` block and every
 * flow; the report on stdout or in `--out`, progress on stdout (stderr when
 * the report takes stdout). Exit 0 when
 * all pass, 1 when a check failed, 2 on bad usage.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { COLLECTION_SUFFIX, type Collection } from '../core/collections/model';
import { SECRET_ENV_PREFIX, secretEnvName } from '../core/collections/resolver';
import { listTests, testName } from '../core/testing/cases';
import { runTests, type PlannedTest } from '../core/testing/runner';
import { MIN_EMBEDDED_SECRET_LENGTH } from '../core/secrets/mask';
import { UsageError } from './args';
import { addVar, environmentOf, readCollectionFile } from './collection-file';
import { palette } from './listing';
import { pretty, REPORTERS, type Report, type ReporterName } from './test-reports';

/** Help for `stream-viewer test`. */
export const TEST_USAGE = `Usage: stream-viewer test <file.streams.json|folder>... [options]

Runs every saved request that has an "expect" block, and every flow, and
reports what passed. Folders are searched for *.streams.json files.

Options:
      --env <NAME>          use this environment of each collection
      --var <name=value>    set a variable (repeatable; wins over --env)
      --filter <TEXT>       only tests whose file or folder/name contains TEXT
      --reporter <name>     pretty (default), junit, tap or json
      --out <FILE>          write the report to FILE (progress on stdout; without
                            --out, a junit/tap/json report's progress is on stderr)
      --bail                stop after the first failed test
      --jobs <N>            run N tests at a time (default 1)
      --timeout <MS>        longest a test may run unless its block sets
                            stopAfterMs (default 60000)
      --no-color            plain output (also NO_COLOR=1)

Secrets: {{secret:NAME}} comes from ${SECRET_ENV_PREFIX}<NAME>; the values the
tests use are masked in every report (a secret of 1-3 characters only where
it stands alone, with a warning).
A test that cannot run (a variable with no value, a collection file that
does not parse) is reported as an error and the others still run.
Exit codes: 0 all passed, 1 a test failed or could not run, 2 bad usage or no tests found.`;

/** How a file that cannot be read is named in reports. */
const UNREADABLE_NAME = '(collection file)';

/** Collection files under `dir` (no hidden folders, no node_modules), sorted. */
function collectionsIn(dir: string, depth = 0): string[] {
  if (depth > 12) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? collectionsIn(join(dir, e.name), depth + 1) : e.name.endsWith(COLLECTION_SUFFIX) ? [join(dir, e.name)] : []));
}

function filesOf(paths: string[]): string[] {
  return paths.flatMap((p) => {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new UsageError(`No such file or folder: ${p}`);
    }
    return isDir ? collectionsIn(p) : [p];
  });
}

function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} takes a whole number of at least ${min}, got "${value}"`);
  return n;
}

/**
 * Secrets from `STREAM_VIEWER_SECRET_<NAME>`, with a warning (once per name,
 * naming the variable, never the value) when a test uses one too short to
 * mask reliably: it is masked only where it stands alone, since masking it
 * inside words ("e••••••pected") would wreck the report and tell the secret.
 */
function secretLookup(env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream): (name: string) => string | undefined {
  const warned = new Set<string>();
  return (name) => {
    const value = env[secretEnvName(name)];
    if (value !== undefined && value !== '' && value.length < MIN_EMBEDDED_SECRET_LENGTH && !warned.has(name)) {
      warned.add(name);
      stderr.write(`stream-viewer: warning: ${secretEnvName(name)} is ${value.length} character${value.length === 1 ? '' : 's'} long: too short to mask reliably (it is masked only where it stands alone, not inside words); use a secret of ${MIN_EMBEDDED_SECRET_LENGTH} or more characters\n`);
    }
    return value;
  };
}

/** Builds the plan from argv (throws UsageError). */
function plan(values: Record<string, string | boolean | string[] | undefined>, paths: string[], env: NodeJS.ProcessEnv, stderr: NodeJS.WritableStream): PlannedTest[] {
  const vars: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const v of (values.var as string[] | undefined) ?? []) addVar(vars, v);
  const envName = values.env as string | undefined;
  const filter = (values.filter as string | undefined)?.toLowerCase();
  const limitMs = wholeNumber('timeout', values.timeout as string | undefined, 1);
  const secret = secretLookup(env, stderr);
  const out: PlannedTest[] = [];
  for (const file of filesOf(paths)) {
    let c: Collection;
    try {
      c = readCollectionFile(file);
    } catch (err) {
      // One broken file is a test that could not run; the other files still run.
      if (!(err instanceof UsageError)) throw err;
      if (filter === undefined || file.toLowerCase().includes(filter)) out.push({ file, collection: { version: 1 }, test: { kind: 'file', path: [UNREADABLE_NAME], error: err.message }, context: { sources: {} } });
      continue;
    }
    const tests = listTests(c).filter((t) => filter === undefined || `${file} ${testName(t.path)}`.toLowerCase().includes(filter));
    if (tests.length === 0) continue;
    const environment = environmentOf(c, file, envName);
    const context = { sources: { overrides: vars, environment, processEnv: env, secret }, limitMs };
    for (const test of tests) out.push({ file, collection: c, test, context });
  }
  return out;
}

/** Runs `stream-viewer test`; returns the exit code. */
export async function runTestCommand(argv: string[], env: NodeJS.ProcessEnv, stdout: NodeJS.WritableStream & { isTTY?: boolean }, stderr: NodeJS.WritableStream & { isTTY?: boolean }): Promise<number> {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: argv,
        allowPositionals: true,
        options: { env: { type: 'string' }, var: { type: 'string', multiple: true }, filter: { type: 'string' }, reporter: { type: 'string' }, out: { type: 'string' }, bail: { type: 'boolean' }, jobs: { type: 'string' }, timeout: { type: 'string' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
  })();
  if (values.help === true) {
    stdout.write(`${TEST_USAGE}\n`);
    return 0;
  }
  const reporter = (values.reporter ?? 'pretty') as ReporterName;
  if (!(reporter in REPORTERS)) throw new UsageError(`--reporter takes ${Object.keys(REPORTERS).join(', ')}, got "${reporter}"`);
  if (positionals.length === 0) throw new UsageError('test needs a collection file or a folder: stream-viewer test <file.streams.json|folder>...');
  const jobs = wholeNumber('jobs', values.jobs, 1) ?? 1;
  const tests = plan(values, positionals, env, stderr);
  if (tests.length === 0) throw new UsageError(`No tests found in ${positionals.join(', ')}${values.filter === undefined ? '' : ` matching "${values.filter}"`}: a test is a request with an "expect" block, or a flow`);
  // Reports render results whose messages were masked where they were made, with the secrets each test used.
  const color = values['no-color'] !== true && stdout.isTTY === true && !env.NO_COLOR;
  // Progress goes to stdout unless the report itself does; then to stderr, so a CI log still shows it.
  const progressOn = reporter === 'pretty' || values.out !== undefined ? stdout : stderr;
  const progress = pretty(palette(progressOn === stdout ? color : values['no-color'] !== true && stderr.isTTY === true && !env.NO_COLOR));
  const started = performance.now();
  const results = await runTests(tests, {
    jobs,
    bail: values.bail === true,
    onResult: (t, r) => void progressOn.write(progress.line(t, r)),
  });
  const report: Report = { tests: tests.map((t, i) => ({ ...t, result: results[i] })), durationMs: performance.now() - started, name: basename(positionals[0]!) };
  // The pretty lines were printed as the tests finished: only the summary is left for stdout.
  const text = reporter === 'pretty' && values.out === undefined ? progress.summary(report) : REPORTERS[reporter](report, palette(color && values.out === undefined));
  if (values.out !== undefined) {
    try {
      writeFileSync(values.out, text);
    } catch (err) {
      throw new UsageError(`Cannot write ${values.out}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  } else stdout.write(text);
  // Unless the summary was the report, it closes the progress.
  if (reporter !== 'pretty' || values.out !== undefined) progressOn.write(progress.summary(report));
  return results.every((r) => r?.ok === true) ? 0 : 1;
}
