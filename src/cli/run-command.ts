/**
 * `stream-viewer run <file.streams.json|file.http> <request> [--env NAME] [--var k=v]...`:
 * a saved request (or one block of a `.http` / `.rest` file), its variables resolved from the environment, `--var`,
 * built-ins and STREAM_VIEWER_SECRET_<NAME> for `{{secret:NAME}}`, run with
 * the same output contract as a URL, plus CI assertions.
 */
import { secretEnvName } from '../core/collections/resolver';
import { lookupRequest } from '../core/collections/tree';
import { prepareRequest } from '../core/testing/prepare';
import type { SavedRequest } from '../core/collections/model';
import type { Expect } from '../core/expect/model';
import type { SavedMcpCall } from '../core/collections/model';
import type { RequestSpec, StreamSettings } from '../core/spec';
import { UsageError } from './args';
import { addVar, environmentOf, readCollectionFile } from './collection-file';
import { isHttpFile, loadHttpFileRequest } from './http-file-source';

/** A saved request ready to run. */
export interface PreparedRun {
  /** The arguments left for the common options parser. */
  rest: string[];
  spec: RequestSpec;
  /** The request as saved, before variables and secrets are filled in (what a recording keeps). */
  written: RequestSpec;
  settings: StreamSettings;
  /** What the stream must show: the request's saved `expect` block with the `--expect-*` flags over it. */
  expectations: Expect;
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
  /** Variables whose values are secrets (a `.http` file's private env values). */
  secretVariables?: ReadonlySet<string>;
  notes: string[];
}

function fromCollection(file: string, query: string, envName: string | undefined, env: NodeJS.ProcessEnv): Source {
  const collection = readCollectionFile(file);
  const found = lookupRequest(collection, query);
  if ('error' in found) throw new UsageError(`${file}: ${found.error}`);
  const environment = environmentOf(collection, file, envName);
  return { label: found.path.join('/'), request: found.request, environment, processEnv: env, notes: [] };
}

function fromHttpFile(file: string, query: string, envName: string | undefined, env: NodeJS.ProcessEnv): Source {
  const h = loadHttpFileRequest(file, query, envName, env);
  return { label: h.label, request: h.request, environment: h.environment, processEnv: h.processEnv, secretVariables: h.secretVariables, notes: h.warnings.map((w) => `${h.label}: ${w}`) };
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
  const expectations: Expect = {};
  let envName: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (OWN_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      if (flag === '--env') envName = value;
      else if (flag === '--var') {
        addVar(vars, value);
      } else if (flag === '--expect-events') expectations.events = { min: intFlag('expect-events', value) };
      else if (flag === '--expect-event') (expectations.eventTypes ??= []).push(value);
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
  const { label, request, environment, processEnv, secretVariables, notes } = isHttpFile(file) ? fromHttpFile(file, query, envName, env) : fromCollection(file, query, envName, env);
  const prepared = prepareRequest(request, label, { overrides: vars, environment, processEnv, secretVariables, secret: (name: string) => env[secretEnvName(name)] });
  if (!prepared.ok) throw new UsageError(prepared.error);
  // The request's own expect block is checked too; a flag replaces the key it names, --expect-event adds a type.
  const saved = request.expect ?? {};
  const merged: Expect = { ...saved, ...expectations };
  if (saved.eventTypes && expectations.eventTypes) merged.eventTypes = [...new Set([...saved.eventTypes, ...expectations.eventTypes])];
  return { rest, spec: prepared.spec, written: prepared.written, settings: prepared.settings, expectations: merged, secrets: prepared.secrets, notes, ...(prepared.mcp ? { mcp: prepared.mcp } : {}) };
}

/** Common flags that take no value, so the next argument is a positional. */
function isBoolean(flag: string): boolean {
  return ['--json', '--reconnect', '--merge', '--stats', '--no-diagnostics', '--no-color', '--include', '-i'].includes(flag);
}
