/**
 * Where `{{name}}` values come from, in order: values given for one run
 * (`--var`), the chosen environment, built-ins (`$uuid`, `$timestamp`,
 * `$randomInt`, `$env:NAME`) and secrets (`secret:NAME`, resolved by the
 * caller: VS Code SecretStorage or STREAM_VIEWER_SECRET_<NAME>). Values may
 * refer to other variables; cycles and missing names are reported.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { substituteVariables, type VariableLookup } from '../variables';

/** Inputs of a resolver. */
export interface ResolverSources {
  overrides?: Record<string, string>;
  environment?: Record<string, string>;
  secret?: (name: string) => string | undefined;
  processEnv?: Record<string, string | undefined>;
}

/** A lookup plus what it used, for masking secrets afterwards. */
export interface Resolver {
  lookup: VariableLookup;
  /** Secret values handed out so far (mask them wherever they would show). */
  secretsUsed(): string[];
}

const MAX_DEPTH = 10;

/** Builds the lookup for one request run. */
export function createResolver(sources: ResolverSources): Resolver {
  const used = new Set<string>();
  const builtin = (name: string): string | undefined => {
    if (name === '$uuid' || name === '$guid') return randomUUID();
    if (name === '$timestamp') return String(Math.floor(Date.now() / 1000));
    if (name === '$isoTimestamp') return new Date().toISOString();
    if (name === '$randomInt') return String(randomInt(0, 1000));
    if (name.startsWith('$env:')) return sources.processEnv?.[name.slice(5)];
    return undefined;
  };
  const resolve = (name: string, seen: string[]): string | undefined => {
    if (name.startsWith('secret:')) {
      const v = sources.secret?.(name.slice(7));
      if (v !== undefined && v !== '') used.add(v);
      return v;
    }
    if (name.startsWith('$')) return builtin(name);
    const raw = sources.overrides?.[name] ?? sources.environment?.[name];
    if (raw === undefined) return undefined;
    if (seen.includes(name) || seen.length >= MAX_DEPTH) return undefined;
    // A value may itself use variables (e.g. baseUrl = "https://{{host}}").
    const inner = substituteVariables(raw, (n) => resolve(n, [...seen, name]));
    return inner.missing.length > 0 ? undefined : inner.text;
  };
  return { lookup: (name) => resolve(name, []), secretsUsed: () => [...used] };
}

/** The environment variable the CLI reads `{{secret:NAME}}` from: STREAM_VIEWER_SECRET_NAME. */
export function secretEnvName(name: string): string {
  return `STREAM_VIEWER_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
