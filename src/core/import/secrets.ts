/**
 * Credentials met during an import leave the collection: each literal
 * value becomes `{{secret:NAME}}` and only its name is reported. A value
 * made only of `{{variables}}` carries no secret of its own and is kept.
 */
import { secretEnvName } from '../collections/resolver';
import type { SecretNeeded } from './types';

/** Words of a name that say it holds a credential. */
const SECRET_WORDS = new Set(['token', 'key', 'secret', 'password', 'passwd', 'pwd', 'passphrase', 'credential', 'credentials', 'apikey', 'auth', 'authorization', 'bearer', 'jwt', 'cookie', 'session', 'sessionid']);

/**
 * Whether a name says it holds a credential (`apiKey`, `access_token`,
 * `client-secret`, `password`), word by word: `max_tokens` and `keywords`
 * are not credentials.
 */
export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((w) => SECRET_WORDS.has(w)) || /password|secret|apikey|accesstoken/i.test(name.replace(/[^A-Za-z]/g, ''));
}

/** A value with no literal characters besides `{{variable}}` references and blanks. */
function onlyVariables(value: string): boolean {
  return value.replace(/\{\{[^{}]*\}\}/g, '').trim() === '';
}

/** A name usable in `{{secret:NAME}}` and as an environment variable's tail. */
function cleanName(wanted: string): string {
  return wanted.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'secret';
}

/** What importers hand credentials to. */
export interface SecretNamer {
  /**
   * `{{secret:NAME}}` for a literal credential (the same value met twice
   * gets the same name), or the value itself when it is empty or only refers
   * to variables.
   */
  replace(value: string, wanted: string, where: string, hint?: string): string;
  /** `{{secret:NAME}}` for a credential the source only names (an OpenAPI security scheme): reported once. */
  reference(wanted: string, where: string, hint?: string): string;
  /**
   * A namer for one scope (a HAR's origin): every value of one credential
   * name there shares a secret, counted in `values`. A recorded session
   * that refreshed its token a thousand times needs one variable set, not
   * a thousand.
   */
  scoped(scope: string): SecretNamer;
}

/** Collects the secrets of one import and names them without repeating a name for two values. */
export class SecretRegistry implements SecretNamer {
  private readonly byValue = new Map<string, SecretNeeded>();
  /** By lower-cased name: names differ by more than case, as environment variables must. */
  private readonly byName = new Map<string, SecretNeeded>();
  /** Per lower-cased base name, the next `_N` to try. */
  private readonly nextSuffix = new Map<string, number>();
  /** `scope` + lower-cased base name → the one secret that scope's values of that name share. */
  private readonly byScope = new Map<string, SecretNeeded>();
  /** The secrets to set, in the order they were met. */
  readonly needed: SecretNeeded[] = [];

  replace(value: string, wanted: string, where: string, hint?: string): string {
    return this.name(value, wanted, where, hint, undefined);
  }

  reference(wanted: string, where: string, hint?: string): string {
    const name = cleanName(wanted);
    const there = this.byName.get(name.toLowerCase());
    return `{{secret:${(there ?? this.add(name, where, hint)).name}}}`;
  }

  scoped(scope: string): SecretNamer {
    return {
      replace: (value, wanted, where, hint) => this.name(value, wanted, where, hint, scope),
      reference: (wanted, where, hint) => this.reference(wanted, where, hint),
      scoped: (other) => this.scoped(other),
    };
  }

  private name(value: string, wanted: string, where: string, hint: string | undefined, scope: string | undefined): string {
    if (onlyVariables(value)) return value;
    const known = this.byValue.get(value);
    if (known !== undefined) {
      if (known.hint === undefined && hint !== undefined) known.hint = hint;
      return `{{secret:${known.name}}}`;
    }
    const base = cleanName(wanted);
    const key = scope === undefined ? undefined : `${scope}\0${base.toLowerCase()}`;
    const shared = key === undefined ? undefined : this.byScope.get(key);
    if (shared !== undefined) {
      shared.values = (shared.values ?? 1) + 1;
      this.byValue.set(value, shared);
      return `{{secret:${shared.name}}}`;
    }
    const entry = this.add(this.freeName(base), where, hint);
    this.byValue.set(value, entry);
    if (key !== undefined) this.byScope.set(key, entry);
    return `{{secret:${entry.name}}}`;
  }

  /** `base`, else `base_2`, `base_3`… — the first not taken, found from where the last search for `base` ended. */
  private freeName(base: string): string {
    const lower = base.toLowerCase();
    if (!this.byName.has(lower)) return base;
    let i = this.nextSuffix.get(lower) ?? 2;
    while (this.byName.has(`${lower}_${i}`)) i++;
    this.nextSuffix.set(lower, i + 1);
    return `${base}_${i}`;
  }

  private add(name: string, where: string, hint: string | undefined): SecretNeeded {
    const entry: SecretNeeded = { name, env: secretEnvName(name), where, ...(hint === undefined ? {} : { hint }) };
    this.byName.set(name.toLowerCase(), entry);
    this.needed.push(entry);
    return entry;
  }
}
