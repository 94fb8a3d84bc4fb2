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

/** Collects the secrets of one import and names them without repeating a name for two values. */
export class SecretRegistry {
  private readonly byValue = new Map<string, string>();
  private readonly names = new Set<string>();
  /** The secrets to set, in the order they were met. */
  readonly needed: SecretNeeded[] = [];

  /**
   * `{{secret:NAME}}` for a literal credential (the same value met twice
   * gets the same name), or the value itself when it is empty or only refers
   * to variables.
   */
  replace(value: string, wanted: string, where: string, hint?: string): string {
    if (onlyVariables(value)) return value;
    const known = this.byValue.get(value);
    if (known !== undefined) {
      const entry = this.needed.find((n) => n.name === known);
      if (entry !== undefined && entry.hint === undefined && hint !== undefined) entry.hint = hint;
      return `{{secret:${known}}}`;
    }
    const base = wanted.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'secret';
    let name = base;
    for (let i = 2; this.names.has(name.toLowerCase()); i++) name = `${base}_${i}`;
    this.names.add(name.toLowerCase());
    this.byValue.set(value, name);
    this.needed.push({ name, env: secretEnvName(name), where, ...(hint === undefined ? {} : { hint }) });
    return `{{secret:${name}}}`;
  }

  /** `{{secret:NAME}}` for a credential the source only names (an OpenAPI security scheme): reported once. */
  reference(wanted: string, where: string, hint?: string): string {
    const name = wanted.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'secret';
    if (!this.names.has(name.toLowerCase())) {
      this.names.add(name.toLowerCase());
      this.needed.push({ name, env: secretEnvName(name), where, ...(hint === undefined ? {} : { hint }) });
    }
    return `{{secret:${name}}}`;
  }
}
