/**
 * `stream-viewer mcp <url> [method] [--params JSON] [-H …] [--json]`: connects
 * to an MCP server over Streamable HTTP (initialize, initialized), sends one
 * method (default tools/list), prints every JSON-RPC message and every HTTP
 * exchange, and ends the session. Exit 1 when the server answers with a
 * JSON-RPC error, no answer comes, or it breaks a spec rule; 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { McpClient, type CallOutcome, type McpEvent } from '../core/mcp/client';
import type { RpcObject } from '../core/mcp/jsonrpc';
import { maskSecrets } from '../core/secrets/mask';
import { secretsOfRequest } from '../core/secrets/request-secrets';
import type { KeyValue } from '../core/spec';
import { UsageError } from './args';
import { palette } from './listing';
import { McpListing, mcpJsonLines } from './mcp-output';
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
      --probe                  also check the CORS preflight and that an ended session gets 404
      --timeout <ms>           give up on an exchange when nothing arrives for this long
      --json                   one JSON object per line: rpc, exchange, response, message,
                               diagnostic, call, end…
      --no-color               plain output (also NO_COLOR=1)

Exit codes: 0 the method succeeded, 1 a JSON-RPC error, no response, or a broken spec rule, 2 bad usage.`;

/** The origin a browser-based inspector page runs on: what the preflight probe claims to be. */
const PROBE_ORIGIN = 'http://localhost:6274';

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

/** Runs `mcp`; returns the exit code. */
export async function runMcpCommand(argv: string[], stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        params: { type: 'string' },
        header: { type: 'string', short: 'H', multiple: true },
        'protocol-version': { type: 'string' },
        listen: { type: 'boolean' },
        resume: { type: 'boolean' },
        'cancel-after': { type: 'string' },
        probe: { type: 'boolean' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  if (v.help) {
    stdout.write(`${MCP_USAGE}\n`);
    return 0;
  }
  const [url, method = 'tools/list', ...extra] = parsed.positionals;
  if (url === undefined) throw new UsageError('mcp needs the server URL: stream-viewer mcp <url> [method]');
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  const params = paramsOf(v.params);
  const headers = (v.header ?? []).map(header);
  const cancelAfter = msOf('cancel-after', v['cancel-after']);
  const color = v['no-color'] !== true && stdout.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  const secrets = secretsOfRequest({ method: 'POST', url, headers });

  const writer = new LineWriter(stdout, () => client.stop());
  const line = (text: string): void => writer.line(secrets.length > 0 ? maskSecrets(text, secrets) : text);
  const listing = new McpListing(palette(color));
  let broken = 0;
  const onEvent = (e: McpEvent): void => {
    if (e.type === 'diagnostic' && e.diagnostic.severity !== 'info') broken++;
    if (v.json) for (const l of mcpJsonLines(e)) line(JSON.stringify(l));
    else for (const l of listing.lines(e)) line(l);
  };
  const client = new McpClient({ url, headers, protocolVersion: v['protocol-version'], timeoutMs: msOf('timeout', v.timeout), secrets, onEvent });
  const stop = (): void => client.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  let outcome: CallOutcome = await client.connect();
  if (outcome.kind === 'result') {
    if (v.listen) client.listen();
    if (v.probe) await client.probeCors(PROBE_ORIGIN);
    const call = client.call(method, params, { resume: v.resume === true });
    const timer = cancelAfter === undefined ? undefined : setTimeout(() => void client.cancel(call.id), cancelAfter);
    outcome = await call.outcome;
    clearTimeout(timer);
  }
  await client.close({ probe: v.probe === true });
  await writer.close();
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  const failed = outcome.kind === 'error' || outcome.kind === 'no-response';
  return failed || broken > 0 ? 1 : 0;
}
