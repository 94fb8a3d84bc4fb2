/**
 * The environment each collection uses (kept per workspace), the status bar
 * item that shows it, and resolving a request's variables and secrets
 * before it is sent.
 */
import * as vscode from 'vscode';
import type { Collection } from '../../core/collections/model';
import { createResolver } from '../../core/collections/resolver';
import type { RequestSpec } from '../../core/spec';
import { resolveSpec } from '../../core/variables';
import type { SecretStore } from './secrets';
import type { VariablesInfo } from '../../shared/protocol';
import type { CollectionStore } from './store';

const SELECTED_KEY = 'streamViewer.selectedEnvironments';

/** Where a panel's request came from. */
export interface SavedSource {
  uri: vscode.Uri;
  path: string[];
}

/** A request with its variables filled in. */
export interface ResolvedRequest {
  spec: RequestSpec;
  missing: string[];
  /** Secret values used: masked wherever they would show. */
  secrets: string[];
  environment?: string;
}

/** Environments, their selection and request resolution. */
export class Environments implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('streamViewer.environment', vscode.StatusBarAlignment.Left, 49);

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: CollectionStore,
    private readonly secrets: SecretStore,
  ) {
    this.item.name = 'Stream Viewer Environment';
    this.item.command = 'streamViewer.selectEnvironment';
  }

  /** The collection a request uses for variables: its own, or the first with environments. */
  collectionFor(source: SavedSource | undefined): { uri: vscode.Uri; collection: Collection } | undefined {
    const own = source ? this.store.get(source.uri) : undefined;
    if (own?.collection) return { uri: own.uri, collection: own.collection };
    const first = this.store.all().find((e) => e.collection?.environments?.length);
    return first?.collection ? { uri: first.uri, collection: first.collection } : undefined;
  }

  /** The selected environment's name for a collection (the first one by default). */
  selected(uri: vscode.Uri, collection: Collection): string | undefined {
    const chosen = this.context.workspaceState.get<Record<string, string>>(SELECTED_KEY, {})[uri.toString()];
    const names = (collection.environments ?? []).map((e) => e.name);
    return chosen && names.includes(chosen) ? chosen : names[0];
  }

  async select(uri: vscode.Uri, name: string): Promise<void> {
    const all = { ...this.context.workspaceState.get<Record<string, string>>(SELECTED_KEY, {}), [uri.toString()]: name };
    await this.context.workspaceState.update(SELECTED_KEY, all);
  }

  /** What the editor needs: names with values, the environments and the selected one. */
  variables(source: SavedSource | undefined): VariablesInfo {
    const target = this.collectionFor(source);
    const selected = target ? this.selected(target.uri, target.collection) : undefined;
    const env = target?.collection.environments?.find((e) => e.name === selected);
    return {
      names: [...Object.keys(env?.variables ?? {}), ...this.secrets.names().map((n) => `secret:${n}`)],
      environments: (target?.collection.environments ?? []).map((e) => e.name),
      environment: selected,
    };
  }

  /** Fills in a request's variables from its environment, secrets and built-ins. */
  async resolve(spec: RequestSpec, source: SavedSource | undefined): Promise<ResolvedRequest> {
    const target = this.collectionFor(source);
    const envName = target ? this.selected(target.uri, target.collection) : undefined;
    const env = target?.collection.environments?.find((e) => e.name === envName)?.variables;
    // SecretStorage is async and the resolver is not: a first pass finds the secrets the
    // request needs (environment values included), then they are fetched.
    const wanted = new Set<string>();
    resolveSpec(spec, createResolver({ environment: env, secret: (n) => void wanted.add(n) }).lookup);
    const values = new Map<string, string>();
    for (const name of wanted) {
      const v = await this.secrets.get(name);
      if (v !== undefined) values.set(name, v);
    }
    const resolver = createResolver({ environment: env, secret: (n) => values.get(n), processEnv: process.env });
    const r = resolveSpec(spec, resolver.lookup);
    return { spec: r.spec, missing: r.missing, secrets: resolver.secretsUsed(), environment: envName };
  }

  /** Shows the environment of the active request in the status bar. */
  show(source: SavedSource | undefined): void {
    const target = this.collectionFor(source);
    const name = target ? this.selected(target.uri, target.collection) : undefined;
    if (!target || !name) {
      this.item.hide();
      return;
    }
    this.item.text = `$(symbol-variable) ${name}`;
    this.item.tooltip = `Stream Viewer environment of ${vscode.workspace.asRelativePath(target.uri)} — click to switch`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
