/**
 * Command-line parsing for `stream-viewer`. Bad usage is a `UsageError`
 * (exit code 2), never a crash.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { STREAM_FORMATS, type FormatSetting } from '../shared/stream-formats';
import type { KeyValue, RequestBody, RequestSpec, StreamSettings } from '../core/spec';
import { LLM_PROVIDERS, type LlmProvider } from '../core/llm/types';

/** Wrong flags or arguments: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Whether an error is a {@link UsageError}, wherever it was thrown: a
 * subcommand built as a file of its own (dist/cli-import.js) has its own copy
 * of the class, so `instanceof` cannot tell across files; the name can.
 */
export function isUsageError(err: unknown): err is UsageError {
  return err instanceof Error && err.name === 'UsageError';
}

/** Everything a run needs, parsed from argv. */
export interface CliOptions {
  spec: RequestSpec;
  settings: StreamSettings;
  json: boolean;
  color: boolean;
  /** Print response headers in the readable listing. */
  include: boolean;
  help: boolean;
  version: boolean;
  /** Print the assembled LLM response at the end. */
  merge: boolean;
  /** Force the LLM dialect for --merge. */
  provider?: LlmProvider;
  /** Add timing analytics to the end line. */
  stats: boolean;
  stallMs?: number;
  /** Report protocol diagnostics as they are found (default on). */
  diagnostics: boolean;
  /** Save the stream as a recording to this file. */
  record?: string;
  /** Replay this recording instead of requesting a URL. */
  replay?: string;
  /** Replay speed: 1 original, 0 as fast as possible. */
  speed: number;
}

/** The help text, kept next to the parser so they cannot drift apart. */
export const USAGE = `Usage: stream-viewer [options] <url>
       stream-viewer [options] --replay <recording>
       stream-viewer run <file.streams.json> <request or folder/request> [options]
       stream-viewer run <file.http|file.rest> <@name, ### title or line> [options]
                 [--env NAME] [--var name=value]... [--expect-events N]
                 [--expect-event TYPE]... [--expect-status CODE] [--max-ttfb MS]
       stream-viewer test <file.streams.json|folder>... [--env NAME] [--var name=value]...
                 [--filter TEXT] [--reporter pretty|junit|tap|json] [--out FILE]
                 [--bail] [--jobs N] [--timeout MS]   (stream-viewer test --help)
       stream-viewer diff <recording-a> <recording-b> [--json]
       stream-viewer export <recording> --as sse|ndjson|har
       stream-viewer import <file|folder>... [-o out.streams.json] [--json] [--name NAME]
                 (Postman, Insomnia, Bruno, OpenAPI 3, HAR; summary on stderr)
       stream-viewer mcp <url> [method] [--params JSON] [-H …] [--json]
                 (an MCP server over Streamable HTTP; see stream-viewer mcp --help)

Connects to a streaming HTTP endpoint and prints what arrives, event by event.
Formats: Server-Sent Events, NDJSON / JSON Lines, JSON text sequences, text.

Options:
  -X, --method <METHOD>      HTTP method (default GET, or POST with --data)
  -H, --header 'Name: value' add a request header (repeatable)
  -d, --data <body>          request body; @file reads it from a file
      --format <format>      auto|sse|ndjson|json-seq|text (default auto)
      --json                 one JSON object per line on stdout
      --reconnect            reconnect like a browser EventSource (retry, Last-Event-ID)
      --max-reconnects <n>   stop after n reconnects
      --timeout <ms>         give up when nothing arrives for this long
                             (default: wait as long as the server is silent)
      --max-record-bytes <n> largest event or line kept (default 16 MiB)
      --merge                assemble an LLM response (OpenAI, Anthropic, Gemini,
                             Ollama) and print it at the end
      --provider <name>      force the dialect: ${LLM_PROVIDERS.join(', ')}
      --stats                add timing analytics to the end line
      --stall-ms <ms>        gap that counts as a stall in --stats (default 2000)
      --no-diagnostics       do not report protocol problems
      --record <file>        save the stream as a recording (.streamrec.jsonl)
      --replay <file>        replay a recording through the same parsers
      --speed <n>            replay speed: 1 original (default), 4 faster, 0 instant
  -i, --include              show response headers
      --no-color             plain output (also NO_COLOR=1)
  -h, --help                 show this help
  -V, --version              show the version

Exit codes: 0 the stream ended normally, 1 an error (HTTP >= 400, connection,
timeout, no reconnect attempt ever answered), 2 bad usage.`;

function positiveInt(name: string, value: string | undefined, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || (!allowZero && n === 0)) {
    throw new UsageError(`--${name} takes a whole number${allowZero ? '' : ' above 0'}, got "${value}"`);
  }
  return n;
}

function parseHeader(text: string): KeyValue {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`Header "${text}" is not of the form 'Name: value'`);
  return { name: text.slice(0, colon).trim(), value: text.slice(colon + 1).trim() };
}

/** A text file the command line names, or a usage error that says why it cannot be read. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function readBody(data: string): string {
  if (!data.startsWith('@')) return data;
  const path = data.slice(1);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read body file "${path}": ${err instanceof Error ? err.message : String(err)}`);
  }
}

function bodyFor(text: string): RequestBody {
  try {
    JSON.parse(text);
    return { kind: 'json', text };
  } catch {
    return { kind: 'raw', text };
  }
}

function speedOf(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--speed takes a number of times the original speed (0 = as fast as possible), got "${value}"`);
  return n;
}

/** Parses argv (without node and script). Throws `UsageError` on bad usage. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv, isTty: boolean, urlRequired = true): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        method: { type: 'string', short: 'X' },
        header: { type: 'string', short: 'H', multiple: true },
        data: { type: 'string', short: 'd' },
        format: { type: 'string' },
        json: { type: 'boolean' },
        reconnect: { type: 'boolean' },
        'max-reconnects': { type: 'string' },
        timeout: { type: 'string' },
        'max-record-bytes': { type: 'string' },
        include: { type: 'boolean', short: 'i' },
        merge: { type: 'boolean' },
        provider: { type: 'string' },
        stats: { type: 'boolean' },
        'stall-ms': { type: 'string' },
        'no-diagnostics': { type: 'boolean' },
        record: { type: 'string' },
        replay: { type: 'string' },
        speed: { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  const help = v.help === true;
  const version = v.version === true;
  const positionals = parsed.positionals;
  const replay = v.replay;
  if (replay !== undefined && positionals.length > 0) throw new UsageError('Give either a URL or --replay <recording>, not both');
  if (!urlRequired && positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"`);
  if (urlRequired && !help && !version && replay === undefined && positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'Missing URL' : `Expected one URL, got ${positionals.length} arguments`);
  }
  const format = (v.format ?? 'auto') as FormatSetting;
  if (format !== 'auto' && !STREAM_FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of auto, ${STREAM_FORMATS.join(', ')}; got "${v.format}"`);
  }
  const bodyText = v.data === undefined ? undefined : readBody(v.data);
  const method = (v.method ?? (bodyText === undefined ? 'GET' : 'POST')).toUpperCase();
  const maxReconnects = positiveInt('max-reconnects', v['max-reconnects'], true);
  const spec: RequestSpec = {
    method,
    url: positionals[0] ?? '',
    headers: (v.header ?? []).map(parseHeader),
    body: bodyText === undefined ? { kind: 'none' } : bodyFor(bodyText),
  };
  const settings: StreamSettings = {
    format,
    timeoutMs: positiveInt('timeout', v.timeout),
    maxRecordBytes: positiveInt('max-record-bytes', v['max-record-bytes']),
    reconnect: { enabled: v.reconnect === true || maxReconnects !== undefined, maxReconnects },
  };
  const forced = Boolean(env.FORCE_COLOR && env.FORCE_COLOR !== '0');
  const color = v['no-color'] !== true && (forced || (isTty && !env.NO_COLOR && env.TERM !== 'dumb'));
  const provider = v.provider as LlmProvider | undefined;
  if (provider !== undefined && !LLM_PROVIDERS.includes(provider)) {
    throw new UsageError(`--provider must be one of ${LLM_PROVIDERS.join(', ')}; got "${v.provider}"`);
  }
  const diagnostics = v['no-diagnostics'] !== true;
  // Diagnostics read the raw text of the body.
  if (diagnostics) settings.raw = true;
  return {
    spec,
    settings,
    json: v.json === true,
    color,
    include: v.include === true,
    help,
    version,
    merge: v.merge === true || provider !== undefined,
    provider,
    stats: v.stats === true,
    stallMs: positiveInt('stall-ms', v['stall-ms']),
    diagnostics,
    record: v.record,
    replay,
    speed: speedOf(v.speed),
  };
}
