/**
 * `stream-viewer run <file.streams.json|file.http> <request> [--env NAME] [--var k=v]...`:
 * a saved request (or one block of a `.http` / `.rest` file), its variables resolved from the environment, `--var`,
 * built-ins and STREAM_VIEWER_SECRET_<NAME> for `{{secret:NAME}}`, run with
 * the same output contract as a URL, plus CI assertions.
 */
import { readFileSync } from 'node:fs';
import { parseCollection } from '../core/collections/parse';
import { createResolver, secretEnvName } from '../core/collections/resolver';
import { lookupRequest, toSpec } from '../core/collections/tree';
import { secretsOfRequest } from '../core/secrets/request-secrets';
import type { SavedMcpCall, SavedRequest } from '../core/collections/model';
import { resolveMcpCall } from '../core/mcp/saved-call';
import type { RequestSpec, StreamSettings } from '../core/spec';
import { resolveSpec } from '../core/variables';
import { UsageError } from './args';
import type { Expectations } from './expectations';
import { isHttpFile, loadHttpFileRequest } from './http-file-source';

/** A saved request ready to run. */
export interface PreparedRun {
  /** The arguments left for the common options parser. */
  rest: string[];
  spec: RequestSpec;
  /** The request as saved, before variables and secrets are filled in (what a recording keeps). */
  written: RequestSpec;
  settings: StreamSettings;
  expectations: Expectations;
  /** Secret values used (and the URL and Basic passwords of the request), to mask in the output. */
  secrets: string[];
  /** What the source file holds that was read differently or left out (for stderr). */
  notes: string[];
  /** For an MCP request: the call to make, variables filled in. */
  mcp?: SavedMcpCall;
}

/** The request picked from a file, and where its variables come from. */
interface Source {
  label: string;
  request: SavedRequest;
  environment: Record<string, string> | undefined;
  processEnv: NodeJS.ProcessEnv;
  notes: string[];
}

function fromCollection(file: string, query: string, envName: string | undefined, env: NodeJS.ProcessEnv): Source {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const parsed = parseCollection(text);
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.error}`);
  const found = lookupRequest(parsed.collection, query);
  if ('error' in found) throw new UsageError(`${file}: ${found.error}`);
  let environment: Record<string, string> | undefined;
  if (envName !== undefined) {
    const e = parsed.collection.environments?.find((x) => x.name === envName);
    if (!e) throw new UsageError(`${file}: no environment "${envName}" (it has ${parsed.collection.environments?.map((x) => `"${x.name}"`).join(', ') || 'none'})`);
    environment = e.variables;
  }
  return { label: found.path.join('/'), request: found.request, environment, processEnv: env, notes: [] };
}

function fromHttpFile(file: string, query: string, envName: string | undefined, env: NodeJS.ProcessEnv): Source {
  const h = loadHttpFileRequest(file, query, envName);
  // `{{$dotenv NAME}}` reads the .env file; the process environment fills in what it lacks.
  return { label: h.label, request: h.request, environment: h.environment, processEnv: { ...env, ...h.dotenv }, notes: h.warnings.map((w) => `${h.label}: ${w}`) };
}

const OWN_FLAGS = new Set(['--env', '--var', '--expect-events', '--expect-event', '--expect-status', '--max-ttfb']);

function intFlag(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} takes a whole number, got "${value}"`);
  return n;
}

/** Splits `run`'s own arguments from the common ones and builds the request. */
export function prepareRun(argv: string[], env: NodeJS.ProcessEnv): PreparedRun {
  const positionals: string[] = [];
  const rest: string[] = [];
  // No prototype: `--var __proto__=x` or `--var constructor=x` is a variable like any other.
  const vars: Record<string, string> = Object.create(null) as Record<string, string>;
  const expectations: Expectations = { eventTypes: [] };
  let envName: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (OWN_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      if (flag === '--env') envName = value;
      else if (flag === '--var') {
        const eq = value.indexOf('=');
        if (eq <= 0) throw new UsageError(`--var takes name=value, got "${value}"`);
        vars[value.slice(0, eq)] = value.slice(eq + 1);
      } else if (flag === '--expect-events') expectations.minEvents = intFlag('expect-events', value);
      else if (flag === '--expect-event') expectations.eventTypes.push(value);
      else if (flag === '--expect-status') expectations.status = intFlag('expect-status', value);
      else expectations.maxTtfbMs = intFlag('max-ttfb', value);
      continue;
    }
    if (!arg.startsWith('-') && positionals.length < 2 && (rest.length === 0 || !rest[rest.length - 1]!.startsWith('-') || isBoolean(rest[rest.length - 1]!))) {
      positionals.push(arg);
      continue;
    }
    rest.push(arg);
  }
  if (positionals.length !== 2) throw new UsageError('run needs a collection or .http file and a request: stream-viewer run <file.streams.json|file.http> <request, folder/request or .http line>');
  const [file, query] = positionals as [string, string];
  const { label, request, environment, processEnv, notes } = isHttpFile(file) ? fromHttpFile(file, query, envName, env) : fromCollection(file, query, envName, env);
  const resolver = createResolver({
    overrides: vars,
    environment,
    processEnv,
    secret: (name) => env[secretEnvName(name)],
  });
  const { spec, settings } = toSpec(request);
  const resolved = resolveSpec(spec, resolver.lookup);
  const mcp = request.mcp ? resolveMcpCall(request.mcp, resolver.lookup) : undefined;
  if (mcp) resolved.missing.push(...mcp.missing.filter((m) => !resolved.missing.includes(m)));
  if (resolved.missing.length > 0) {
    const hints = resolved.missing.map((m) => (m.startsWith('secret:') ? `${m} (set ${secretEnvName(m.slice(7))})` : m.startsWith('$env:') ? `${m} (not in the environment)` : `${m} (use --env or --var ${m}=…)`));
    throw new UsageError(`"${label}" uses variables with no value: ${hints.join(', ')}`);
  }
  return { rest, spec: resolved.spec, written: spec, settings, expectations, secrets: [...resolver.secretsUsed(), ...secretsOfRequest(resolved.spec)], notes, ...(mcp ? { mcp: mcp.call } : {}) };
}

/** Common flags that take no value, so the next argument is a positional. */
function isBoolean(flag: string): boolean {
  return ['--json', '--reconnect', '--merge', '--stats', '--no-diagnostics', '--no-color', '--include', '-i'].includes(flag);
}
