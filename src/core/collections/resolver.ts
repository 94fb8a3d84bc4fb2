/**
 * Where `{{name}}` values come from, in order: values given for one run
 * (`--var`), the chosen environment, built-ins (`$env:NAME` and those of
 * dynamic-variables.ts: `$uuid`, `$timestamp`, `$datetime:iso8601`…) and secrets (`secret:NAME`, resolved by the
 * caller: VS Code SecretStorage or STREAM_VIEWER_SECRET_<NAME>). Values may
 * refer to other variables; cycles and missing names are reported.
 */
import { dynamicValue } from './dynamic-variables';
import { substituteVariables, VariableError, type VariableLookup } from '../variables';

/** Inputs of a resolver. */
export interface ResolverSources {
  overrides?: Record<string, string>;
  environment?: Record<string, string>;
  secret?: (name: string) => string | undefined;
  processEnv?: Record<string, string | undefined>;
  /** Environment variables whose values are secrets too (a `.http` file's private env file): masked like `{{secret:…}}`. */
  secretVariables?: ReadonlySet<string>;
}

/** A lookup plus what it used, for masking secrets afterwards. */
export interface Resolver {
  lookup: VariableLookup;
  /** Secret values handed out so far (mask them wherever they would show). */
  secretsUsed(): string[];
}

/** Most variables one value may nest through; deeper is almost surely a generated file, not a person's. */
const MAX_DEPTH = 64;

/** Most characters one variable may expand to, the variables inside it included. */
export const MAX_VARIABLE_CHARS = 1024 * 1024;

/** `record[name]` when `record` has it itself: `{{constructor}}` is not Object.prototype.constructor. */
function own<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}

/**
 * Builds the lookup for one request run. Each named variable is expanded
 * once and remembered for the run: a value that repeats another variable
 * eight times, ten levels deep, costs ten expansions, not eight to the tenth.
 * Throws a `VariableError` for a value past `MAX_VARIABLE_CHARS` or nested
 * past 64 levels.
 */
export function createResolver(sources: ResolverSources): Resolver {
  const used = new Set<string>();
  const expanded = new Map<string, string | undefined>();
  /** Names being expanded, outermost first: meeting one again is a cycle. */
  const expanding = new Set<string>();
  const builtin = (name: string): string | undefined => (name.startsWith('$env:') ? own(sources.processEnv, name.slice(5)) : dynamicValue(name));
  const resolve = (name: string): string | undefined => {
    if (name.startsWith('secret:')) {
      const v = sources.secret?.(name.slice(7));
      if (v !== undefined && v !== '') used.add(v);
      return v;
    }
    if (name.startsWith('$')) return builtin(name);
    const value = named(name);
    if (value !== undefined && value !== '' && sources.secretVariables?.has(name)) used.add(value);
    return value;
  };
  const named = (name: string): string | undefined => {
    const raw = own(sources.overrides, name) ?? own(sources.environment, name);
    if (raw === undefined) return undefined;
    if (expanded.has(name)) return expanded.get(name);
    // Met again while still expanding it: a cycle, which has no value.
    if (expanding.has(name)) return undefined;
    if (expanding.size >= MAX_DEPTH) {
      throw new VariableError(name, `{{${name}}} is nested more than ${MAX_DEPTH} variables deep (${[...expanding].slice(0, 3).join(' → ')} → …)`);
    }
    expanding.add(name);
    try {
      // A value may itself use variables (e.g. baseUrl = "https://{{host}}").
      const inner = substituteVariables(raw, resolve, MAX_VARIABLE_CHARS);
      if (inner.overflow !== undefined) {
        throw new VariableError(
          name,
          `{{${name}}} expands to more than ${MAX_VARIABLE_CHARS / 1024 / 1024} MiB (at {{${inner.overflow}}}): a value that uses another variable many times grows with every level`,
        );
      }
      const value = inner.missing.length > 0 ? undefined : inner.text;
      expanded.set(name, value);
      return value;
    } finally {
      expanding.delete(name);
    }
  };
  return { lookup: resolve, secretsUsed: () => [...used] };
}

/** How the environment variables holding secrets for the CLI start. */
export const SECRET_ENV_PREFIX = 'STREAM_VIEWER_SECRET_';

/** The environment variable the CLI reads `{{secret:NAME}}` from: STREAM_VIEWER_SECRET_NAME. */
export function secretEnvName(name: string): string {
  return `${SECRET_ENV_PREFIX}${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
