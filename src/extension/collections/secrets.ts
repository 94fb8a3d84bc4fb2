/**
 * Secrets for `{{secret:NAME}}`: values in VS Code's SecretStorage (the OS
 * keychain), never in files or logs; only their names are remembered, to
 * offer them in pickers.
 */
import type * as vscode from 'vscode';
import { StorageKeys } from '../../shared/ids';

/** SecretStorage plus the list of names set through Stream Viewer. */
export class SecretStore {
  constructor(private readonly context: vscode.ExtensionContext) {}

  private key(name: string): string {
    return `streamViewer.secret.${name}`;
  }

  get(name: string): Thenable<string | undefined> {
    return this.context.secrets.get(this.key(name));
  }

  async set(name: string, value: string): Promise<void> {
    await this.context.secrets.store(this.key(name), value);
    const names = new Set(this.names());
    names.add(name);
    await this.context.globalState.update(StorageKeys.secretNames, [...names].sort());
  }

  async delete(name: string): Promise<void> {
    await this.context.secrets.delete(this.key(name));
    await this.context.globalState.update(StorageKeys.secretNames, this.names().filter((n) => n !== name));
  }

  /** Names of the secrets set so far. */
  names(): string[] {
    return this.context.globalState.get<string[]>(StorageKeys.secretNames, []);
  }
}

/** A secret name made of letters, digits, `_` and `-`. */
export function isSecretName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(name);
}
