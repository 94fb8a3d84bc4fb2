/**
 * Environments of `.http` files as Stream Viewer environments:
 * JetBrains' `http-client.env.json` with `http-client.private.env.json`
 * laid over it (httpyac reads the same files), and REST Client's
 * `rest-client.environmentVariables` from `.vscode/settings.json`. In both,
 * `$shared` holds variables every environment gets unless it sets them itself.
 */
import { parse, type ParseError } from 'jsonc-parser';
import type { Environment } from '../collections/model';
import { mapVariables } from './variables';

/** Environments read from one or two files, and what was left out of them. */
export interface ReadEnvironments {
  environments: Environment[];
  warnings: string[];
  /** Per environment, the names whose value comes from `http-client.private.env.json`: secrets, masked wherever they would show. */
  privateNames: Record<string, string[]>;
}

const SHARED = '$shared';

type Sets = Record<string, Record<string, unknown>>;

/** The environments of `http-client.env.json` (`publicText`) and `http-client.private.env.json` (`privateText`), either may be absent. */
export function httpClientEnvironments(publicText: string | undefined, privateText: string | undefined): ReadEnvironments {
  const warnings: string[] = [];
  const pub = readObject(publicText, 'http-client.env.json', warnings);
  const priv = readObject(privateText, 'http-client.private.env.json', warnings);
  const names = [...new Set([...Object.keys(pub), ...Object.keys(priv)])];
  const merged: Sets = {};
  for (const n of names) merged[n] = { ...(isObject(pub[n]) ? pub[n] : {}), ...(isObject(priv[n]) ? priv[n] : {}) };
  const environments = build(merged, warnings);
  const privateShared = isObject(priv[SHARED]) ? Object.keys(priv[SHARED]) : [];
  const privateNames: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const e of environments) {
    const own = isObject(priv[e.name]) ? Object.keys(priv[e.name] as object) : [];
    const publicOwn = isObject(pub[e.name]) ? (pub[e.name] as object) : {};
    // A private $shared value is this environment's unless the environment sets the name itself (publicly).
    privateNames[e.name] = [...new Set([...own, ...privateShared.filter((k) => !Object.hasOwn(publicOwn, k))])].filter((k) => Object.hasOwn(e.variables, k));
  }
  return { environments, warnings, privateNames };
}

/** The environments of REST Client's `rest-client.environmentVariables` in a VS Code settings file (JSON with comments). */
export function restClientEnvironments(settingsText: string): ReadEnvironments {
  const warnings: string[] = [];
  const settings = readObject(settingsText, 'settings.json', warnings);
  const read = restClientEnvironmentSets(settings['rest-client.environmentVariables']);
  return { ...read, warnings: [...warnings, ...read.warnings] };
}

/** The environments of a `rest-client.environmentVariables` value as VS Code's settings hold it. */
export function restClientEnvironmentSets(sets: unknown): ReadEnvironments {
  const warnings: string[] = [];
  return { environments: isObject(sets) ? build(sets as Sets, warnings) : [], warnings, privateNames: {} };
}

function build(sets: Sets, warnings: string[]): Environment[] {
  const shared = isObject(sets[SHARED]) ? sets[SHARED] : {};
  const out: Environment[] = [];
  for (const [name, values] of Object.entries(sets)) {
    if (name === SHARED || !isObject(values)) continue;
    const variables: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, value] of Object.entries({ ...shared, ...values })) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        // REST Client's `{{$shared name}}` is the shared value, which our merge has made this environment's `{{name}}`.
        const text = String(value).replace(/\{\{\s*\$shared\s+([^{}\s]+)\s*\}\}/g, (_, n: string) => (Object.hasOwn(values, n) && n === key ? String(shared[n] ?? '') : `{{${n}}}`));
        const mapped = mapVariables(text);
        for (const u of mapped.unsupported) warnings.push(`${name}.${key} uses ${u}`);
        variables[key] = mapped.text;
      } else {
        warnings.push(`${name}.${key} is not a text value (e.g. a TLS or auth setting) and is left out`);
      }
    }
    out.push({ name, variables });
  }
  return out;
}

function readObject(text: string | undefined, file: string, warnings: string[]): Record<string, unknown> {
  if (text === undefined) return {};
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !isObject(value)) {
    warnings.push(`${file} is not a JSON object and is left out`);
    return {};
  }
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
