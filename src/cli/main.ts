/**
 * `stream-viewer`: the engine in a terminal or CI. See USAGE in args.ts and
 * the `--json` contract in json-lines.ts.
 */
import { preloadStreamFetch } from '../core/stream-fetch';
import type { EndItem, TimelineItem } from '../core/items';
import { StreamRun } from '../core/run/stream-run';
import { FileRecording } from '../core/recording/recorder';
import { secretsOfRequest } from '../core/secrets/request-secrets';
import { diagnosticLine, listDiagnostic, listMerged, listStats, mergedLine, statsFields } from './analysis-output';
import { isUsageError, parseCliArgs, USAGE } from './args';
import { toJsonLine, toJsonText } from '../core/json-lines';
import { listItem, palette } from './listing';
import { LineWriter } from './output';
import type { Recording } from '../core/recording/format';
import { readRecording, runRecordingCommand } from './recording-commands';
import { prepareRun, type PreparedRun } from './run-command';
import { ExpectChecker } from '../core/expect/checker';
import type { CheckResult } from '../core/expect/model';
import { maskSecrets } from '../core/secrets/mask';

declare const STREAM_VIEWER_VERSION: string | undefined;

/** Exit code for an end item: 0 for a normal end, 1 when the stream failed. */
function exitCodeFor(end: EndItem): number {
  return end.reason === 'error' || end.reason === 'timeout' ? 1 : 0;
}

/**
 * Subcommands loaded only when asked for: the test runner and its reporters, the importers' YAML and $ref
 * parsers and the MCP client are no start-up cost for streaming. `help` is what the usage error points to.
 */
const SUBCOMMANDS: Record<string, { help: string; run(args: string[]): Promise<number> }> = {
  test: { help: 'test --help', run: async (args) => (await import('./test-command')).runTestCommand(args, process.env, process.stdout, process.stderr) },
  import: { help: '--help', run: async (args) => (await import('./import-command')).runImportCommand(args, process.stdout, process.stderr) },
  mcp: { help: 'mcp --help', run: async (args) => (await import('./mcp-command')).runMcpCommand(args, process.stdout, process.env) },
};

async function main(argv: string[]): Promise<number> {
  const version = typeof STREAM_VIEWER_VERSION === 'string' ? STREAM_VIEWER_VERSION : 'dev';
  if (argv[0] === 'diff' || argv[0] === 'export') {
    try {
      const color = !argv.includes('--no-color') && process.stdout.isTTY === true && !process.env.NO_COLOR;
      return runRecordingCommand(argv[0], argv.slice(1), palette(color), version);
    } catch (err) {
      if (isUsageError(err)) {
        process.stderr.write(`stream-viewer: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
  }
  // Own keys only: `stream-viewer constructor` is a URL to try, not Object.prototype's.
  const sub = argv[0] !== undefined && Object.hasOwn(SUBCOMMANDS, argv[0]) ? SUBCOMMANDS[argv[0]] : undefined;
  if (sub) {
    try {
      return await sub.run(argv.slice(1));
    } catch (err) {
      if (!isUsageError(err)) throw err;
      process.stderr.write(`stream-viewer: ${err.message}\nTry 'stream-viewer ${sub.help}'.\n`);
      return 2;
    }
  }
  let options;
  let recording: Recording | undefined;
  let saved: PreparedRun | undefined;
  try {
    if (argv[0] === 'run') {
      saved = prepareRun(argv.slice(1), process.env);
      for (const note of saved.notes) process.stderr.write(`stream-viewer: ${note}\n`);
      if (saved.mcp) {
        const { runSavedMcp } = await import('./mcp-command');
        return await runSavedMcp({ ...saved, mcp: saved.mcp }, process.stdout, process.env);
      }
      options = parseCliArgs(saved.rest, process.env, process.stdout.isTTY === true, false);
      // Flags given on the command line win over the saved settings.
      const rest = saved.rest;
      const given = (flag: string): boolean => rest.some((a) => a === flag || a.startsWith(`${flag}=`));
      options.spec = saved.spec;
      options.settings = {
        ...options.settings,
        format: given('--format') ? options.settings.format : (saved.settings.format ?? 'auto'),
        timeoutMs: given('--timeout') ? options.settings.timeoutMs : saved.settings.timeoutMs,
        reconnect: given('--reconnect') || given('--max-reconnects') ? options.settings.reconnect : (saved.settings.reconnect ?? options.settings.reconnect),
        followRedirects: saved.settings.followRedirects,
      };
    } else options = parseCliArgs(argv, process.env, process.stdout.isTTY === true);
    if (options.replay !== undefined) recording = readRecording(options.replay);
  } catch (err) {
    if (isUsageError(err)) {
      process.stderr.write(`stream-viewer: ${err.message}\nTry 'stream-viewer --help'.\n`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    // First Ctrl+C ends the stream cleanly (an `end` line still prints); a second one quits at once.
    if (++interrupts > 1) process.exit(130);
    controller.abort();
  });
  process.on('SIGTERM', () => controller.abort());
  // URL and Basic passwords are secrets too, whether the request was saved or typed.
  const secrets = [...(saved?.secrets ?? []), ...secretsOfRequest(options.spec)];
  // A recording goes to its file as the stream arrives: an unwritable path fails before the request.
  let record: FileRecording | undefined;
  if (options.record !== undefined) {
    try {
      record = new FileRecording(options.record);
    } catch (err) {
      process.stderr.write(`stream-viewer: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
  const writer = new LineWriter(process.stdout, () => controller.abort());
  // Items are masked by the run; what the CLI adds around them (assertions, analysis) is masked here too.
  const out = secrets.length > 0 ? { line: (text: string) => writer.line(maskSecrets(text, secrets)), close: () => writer.close() } : writer;
  // Only a run with something to check feeds a checker: a plain stream pays nothing per event for it.
  const expect = saved?.expectations;
  const checker = expect !== undefined && Object.keys(expect).length > 0 ? new ExpectChecker(expect) : undefined;
  /** Checked once, when the stream ends. */
  let expectations: CheckResult[] = [];
  const p = palette(options.color);
  const print = options.json
    ? (item: TimelineItem): void => {
        if (item.kind === 'end' && options.stats) {
          const line = toJsonLine(item)!;
          line.stats = statsFields(run.timing()!);
          out.line(JSON.stringify(line));
          return;
        }
        const text = toJsonText(item);
        if (text) out.line(text);
      }
    : (item: TimelineItem): void => {
        for (const text of listItem(item, p, options.include)) out.line(text);
      };
  const onEnd = (): void => {
    // What the analysis concludes comes just before the end line.
    if (options.merge) {
      if (options.json) out.line(JSON.stringify(mergedLine(run.merged())));
      else for (const text of listMerged(run.merged(), p)) out.line(text);
    }
    if (options.stats && !options.json) for (const text of listStats(run.timing()!, p)) out.line(text);
    expectations = checker?.results({ merged: run.merged(), timing: run.timing(), problems: run.problems }) ?? [];
    for (const r of expectations) {
      if (options.json) out.line(JSON.stringify({ type: 'assertion', name: r.name, ok: r.ok, message: r.message }));
      else out.line(r.ok ? p.green(`✔ ${r.message}`) : p.red(`✖ ${r.message}`));
    }
  };
  // The HTTP client is loaded before the stream's clock starts: loading it is no part of its time to first byte.
  if (!recording) await preloadStreamFetch();
  const run: StreamRun = new StreamRun({
    request: saved?.written ?? options.spec,
    resolved: options.spec,
    settings: options.settings,
    secrets,
    replay: recording ? { recording, speed: options.speed } : undefined,
    signal: controller.signal,
    ready: () => writer.ready(),
    record,
    analysis: { provider: options.provider, stallMs: options.stallMs, diagnostics: options.diagnostics, eventSource: false },
    onDiagnostic(d) {
      if (options.json) out.line(JSON.stringify(diagnosticLine(d)));
      else for (const text of listDiagnostic(d, p)) out.line(text);
    },
    onItem(item) {
      checker?.add(item);
      if (item.kind === 'end') onEnd();
      print(item);
    },
  });
  // A saved expect block may stop a stream that never ends, and check what came until then.
  const stopAfter = saved?.expectations.stopAfterMs;
  const stopTimer = stopAfter === undefined ? undefined : setTimeout(() => run.stop(), stopAfter);
  const end = await run.done;
  clearTimeout(stopTimer);
  record?.close();
  await out.close();
  const failed = expectations.filter((r) => !r.ok);
  if (failed.length > 0) {
    process.stderr.write(`stream-viewer: ${failed.length} expectation${failed.length === 1 ? '' : 's'} failed: ${failed.map((r) => r.message).join('; ')}\n`);
  }
  return failed.length > 0 ? 1 : exitCodeFor(end);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Everything is written by now (files synchronously, stdout awaited): the agent's kept-alive socket or the
    // timers of an aborted fetch must not keep the process alive, not even for a moment. stderr is written
    // asynchronously on some platforms (pipes on Windows), so it is let through first.
    process.stderr.write('', () => process.exit(code));
  },
  (err: unknown) => {
    process.stderr.write(`stream-viewer: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
