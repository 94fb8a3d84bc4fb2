/**
 * `stream-viewer mcp <url> [method] [--params JSON] [-H …] [--json]`: connects
 * to an MCP server over Streamable HTTP (initialize, initialized), sends one
 * method (default tools/list), prints every JSON-RPC message and every HTTP
 * exchange, and ends the session. Exit 1 when the server answers with a
 * JSON-RPC error, no answer comes, or it breaks a spec rule; 2 on bad usage.
 */
import { preloadStreamFetch } from '../core/stream-fetch';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SavedMcpCall } from '../core/collections/model';
import { McpClient, type CallOutcome, type ExchangeInfo, type McpEvent } from '../core/mcp/client';
import { FileRecording } from '../core/recording/recorder';
import type { RpcObject } from '../core/mcp/jsonrpc';
import { maskSecrets } from '../core/secrets/mask';
import { secretsOfRequest } from '../core/secrets/request-secrets';
import type { KeyValue } from '../core/spec';
import { UsageError } from './args';
import { palette } from './listing';
import type { Expect } from '../core/expect/model';
import { McpExpectations } from './mcp-expectations';
import { McpListing, mcpJsonLines } from './mcp-output';
import type { PreparedRun } from './run-command';
import { LineWriter } from './output';

/** Help for `mcp`, printed with `mcp --help`. */
export const MCP_USAGE = `Usage: stream-viewer mcp <url> [method] [options]

Connects to an MCP server over Streamable HTTP through the same engine as any
stream: initialize (newest protocol version first), notifications/initialized,
the method (default tools/list), then DELETE to end the session. Every JSON-RPC
message and every byte of every reply (JSON or SSE) is shown.

Options:
      --params <json>          the method's params, sent as given (e.g. with _meta.progressToken)
  -H, --header 'Name: value'   add a header to every request (repeatable)
      --protocol-version <v>   offer only this version instead of negotiating
      --listen                 open the GET stream for server-initiated messages
      --resume                 drop the reply stream after its first event with an id and
                               resume it with Last-Event-ID (checks nothing is lost or repeated)
      --cancel-after <ms>      cancel the method (notifications/cancelled) after this long
      --probe                  also check the CORS preflight, that a foreign Origin is refused,
                               and that an ended session gets 404
      --timeout <ms>           give up on an exchange when nothing arrives for this long
      --record <dir>           record each HTTP exchange into dir (NN-purpose.streamrec.jsonl),
                               to replay, export or diff like any stream
      --json                   one JSON object per line: rpc, exchange, response, message,
                               diagnostic, call, end…
      --no-color               plain output (also NO_COLOR=1)

Exit codes: 0 the method succeeded, 1 a JSON-RPC error, no response, or a broken spec rule, 2 bad usage.`;

/** The origin a browser-based inspector page runs on: what the preflight probe claims to be. */
const PROBE_ORIGIN = 'http://localhost:6274';

/** A page no MCP server serves: a server that answers it does not check Origin. */
const FOREIGN_ORIGIN = 'http://attacker.example';

function header(text: string): KeyValue {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`Header "${text}" is not of the form 'Name: value'`);
  return { name: text.slice(0, colon).trim(), value: text.slice(colon + 1).trim() };
}

function paramsOf(text: string | undefined): RpcObject | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--params is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('--params must be a JSON object, e.g. \'{"name":"echo","arguments":{"text":"hi"}}\'');
  return value as RpcObject;
}

function msOf(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} takes a whole number of milliseconds, got "${text}"`);
  return n;
}

/** Flags `mcp` and a saved MCP request under `run` share. */
const SESSION_FLAGS = {
  'protocol-version': { type: 'string' },
  listen: { type: 'boolean' },
  resume: { type: 'boolean' },
  'cancel-after': { type: 'string' },
  probe: { type: 'boolean' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  record: { type: 'string' },
} as const;

/** One session to run and how to print it. */
interface McpRun {
  url: string;
  headers: KeyValue[];
  method: string;
  params?: RpcObject;
  protocolVersion?: string;
  listen: boolean;
  resume: boolean;
  probe: boolean;
  cancelAfter?: number;
  timeoutMs?: number;
  json: boolean;
  color: boolean;
  /** Folder that gets a recording per exchange. */
  record?: string;
  secrets: string[];
  /** `run`'s CI assertions, checked on the method's reply. */
  expectations?: Expect;
}

function parse(argv: string[], extra: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...SESSION_FLAGS, ...extra } });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function sessionOptions(v: Record<string, string | boolean | (string | boolean)[] | undefined>, stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Pick<McpRun, 'protocolVersion' | 'listen' | 'resume' | 'probe' | 'cancelAfter' | 'timeoutMs' | 'json' | 'color' | 'record'> {
  const text = (name: string): string | undefined => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  return {
    protocolVersion: text('protocol-version'),
    listen: v.listen === true,
    resume: v.resume === true,
    probe: v.probe === true,
    cancelAfter: msOf('cancel-after', text('cancel-after')),
    timeoutMs: msOf('timeout', text('timeout')),
    json: v.json === true,
    record: text('record'),
    color: v['no-color'] !== true && stdout.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb',
  };
}

/** A recording per exchange in `dir` (made if missing; an unwritable one fails before anything is sent). */
function recordInto(dir: string): (x: ExchangeInfo) => FileRecording {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw new UsageError(`Cannot record into ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return (x) => new FileRecording(join(dir, `${String(x.n).padStart(2, '0')}-${x.method.toLowerCase()}-${x.purpose.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.streamrec.jsonl`));
}

/** Runs `mcp`; returns the exit code. */
export async function runMcpCommand(argv: string[], stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parse(argv, { params: { type: 'string' }, header: { type: 'string', short: 'H', multiple: true }, help: { type: 'boolean', short: 'h' } });
  const v = parsed.values;
  if (v.help) {
    stdout.write(`${MCP_USAGE}\n`);
    return 0;
  }
  const [url, method = 'tools/list', ...extra] = parsed.positionals;
  if (url === undefined) throw new UsageError('mcp needs the server URL: stream-viewer mcp <url> [method]');
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  const headers = ((v.header ?? []) as string[]).map(header);
  return runMcpSession({ url, headers, method, params: paramsOf(v.params as string | undefined), secrets: secretsOfRequest({ method: 'POST', url, headers }), ...sessionOptions(v, stdout, env) }, stdout);
}

/** Runs a saved MCP request (`stream-viewer run` of a request with `mcp`), with its CI assertions. */
export async function runSavedMcp(saved: PreparedRun & { mcp: SavedMcpCall }, stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parse(saved.rest, {});
  if (parsed.positionals.length > 0) throw new UsageError(`Unexpected argument "${parsed.positionals[0]}"`);
  const options = sessionOptions(parsed.values, stdout, env);
  const headers = (saved.spec.headers ?? []).filter((h) => h.enabled !== false);
  return runMcpSession({ url: saved.spec.url, headers, method: saved.mcp.method, params: saved.mcp.params, secrets: saved.secrets, expectations: saved.expectations, ...options, protocolVersion: options.protocolVersion ?? saved.mcp.protocolVersion }, stdout);
}

/** Connects, calls, ends the session, printing everything; returns the exit code. */
async function runMcpSession(o: McpRun, stdout: NodeJS.WriteStream): Promise<number> {
  const writer = new LineWriter(stdout, () => client.stop());
  const line = (text: string): void => writer.line(o.secrets.length > 0 ? maskSecrets(text, o.secrets) : text);
  const p = palette(o.color);
  const listing = new McpListing(p);
  const checker = new McpExpectations(o.expectations);
  let broken = 0;
  const onEvent = (e: McpEvent): void => {
    checker.add(e);
    if (e.type === 'diagnostic' && e.diagnostic.severity !== 'info') broken++;
    if (o.json) for (const l of mcpJsonLines(e)) line(JSON.stringify(l));
    else for (const l of listing.lines(e)) line(l);
  };
  const record = o.record === undefined ? undefined : recordInto(o.record);
  // Loaded before the first exchange's clock starts, as for `run`.
  await preloadStreamFetch();
  const client = new McpClient({ url: o.url, headers: o.headers, protocolVersion: o.protocolVersion, timeoutMs: o.timeoutMs, secrets: o.secrets, onEvent, record });
  const stop = (): void => client.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  let outcome: CallOutcome = await client.connect();
  if (outcome.kind === 'result') {
    if (o.listen) client.listen();
    if (o.probe) {
      await client.probeCors(PROBE_ORIGIN);
      await client.probeOrigin(FOREIGN_ORIGIN);
    }
    const call = client.call(o.method, o.params, { resume: o.resume });
    checker.watch(call.id);
    const timer = o.cancelAfter === undefined ? undefined : setTimeout(() => void client.cancel(call.id), o.cancelAfter);
    outcome = await call.outcome;
    clearTimeout(timer);
  }
  await client.close({ probe: o.probe });
  const results = checker.results();
  for (const r of results) {
    if (o.json) line(JSON.stringify({ type: 'assertion', name: r.name, ok: r.ok, message: r.message }));
    else line(r.ok ? p.green(`✔ ${r.message}`) : p.red(`✖ ${r.message}`));
  }
  await writer.close();
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  const failed = outcome.kind === 'error' || outcome.kind === 'no-response';
  return failed || broken > 0 || results.some((r) => !r.ok) ? 1 : 0;
}
