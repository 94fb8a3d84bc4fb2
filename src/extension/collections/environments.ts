/**
 * The environment each collection uses (kept per workspace), the status bar
 * item that shows it, and resolving a request's variables and secrets
 * before it is sent.
 */
import * as vscode from 'vscode';
import type { Environment } from '../../core/collections/model';
import { createResolver, type ResolverSources } from '../../core/collections/resolver';
import type { RequestSpec } from '../../core/spec';
import { resolveSpec } from '../../core/variables';
import type { SecretStore } from './secrets';
import type { VariablesInfo } from '../../shared/protocol';
import { Commands, StorageKeys } from '../../shared/ids';
import type { CollectionStore } from './store';


/** Where a panel's request came from: a collection's request, or (with `line`) a block of a `.http` file, `path` then being its label. */
export interface SavedSource {
  uri: vscode.Uri;
  path: string[];
  /** 1-based request line of a `.http` block. */
  line?: number;
}

/** A request with its variables filled in. */
export interface ResolvedRequest {
  spec: RequestSpec;
  missing: string[];
  /** Secret values used: masked wherever they would show. */
  secrets: string[];
  environment?: string;
}

/** The environments a request draws on (a collection's, or those beside a `.http` file) and how one becomes the resolver's sources. */
export interface EnvironmentScope {
  /** Where the selection is kept in workspace state. */
  key: string;
  /** The file that defines the environments, for the status bar's tooltip. */
  where: vscode.Uri;
  environments: Environment[];
  /** The resolver's sources for the chosen environment (its variables by default). */
  sources?(chosen: string | undefined): Pick<ResolverSources, 'environment' | 'processEnv' | 'secretVariables'>;
}

/** Environments, their selection and request resolution. */
export class Environments implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('streamViewer.environment', vscode.StatusBarAlignment.Left, 49);

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly store: CollectionStore,
    private readonly secrets: SecretStore,
    /** The scope of a `.http` block (a source with a line). */
    private readonly httpScope?: (source: SavedSource) => EnvironmentScope,
  ) {
    this.item.name = 'Stream Viewer Environment';
    this.item.command = Commands.selectEnvironment;
  }

  /** The environments a request uses: its `.http` file's, its collection's, or the first collection's with environments. */
  scope(source: SavedSource | undefined): EnvironmentScope | undefined {
    if (source?.line !== undefined && this.httpScope) return this.httpScope(source);
    const own = source ? this.store.get(source.uri) : undefined;
    const entry = own?.collection ? own : this.store.all().find((e) => e.collection?.environments?.length);
    return entry?.collection ? { key: entry.uri.toString(), where: entry.uri, environments: entry.collection.environments ?? [] } : undefined;
  }

  /** The selected environment's name in a scope (the first one by default). */
  selected(scope: EnvironmentScope): string | undefined {
    const chosen = this.context.workspaceState.get<Record<string, string>>(StorageKeys.selectedEnvironments, {})[scope.key];
    const names = scope.environments.map((e) => e.name);
    return chosen && names.includes(chosen) ? chosen : names[0];
  }

  async select(scope: EnvironmentScope, name: string): Promise<void> {
    const all = { ...this.context.workspaceState.get<Record<string, string>>(StorageKeys.selectedEnvironments, {}), [scope.key]: name };
    await this.context.workspaceState.update(StorageKeys.selectedEnvironments, all);
  }

  /** The chosen environment's resolver sources. */
  private sources(scope: EnvironmentScope | undefined): Pick<ResolverSources, 'environment' | 'processEnv' | 'secretVariables'> & { name?: string } {
    if (!scope) return {};
    const name = this.selected(scope);
    const sources = scope.sources?.(name) ?? { environment: scope.environments.find((e) => e.name === name)?.variables };
    return { ...sources, name };
  }

  /** What the editor needs: names with values, the environments and the selected one. */
  variables(source: SavedSource | undefined): VariablesInfo {
    const scope = this.scope(source);
    const { environment, name } = this.sources(scope);
    return {
      names: [...Object.keys(environment ?? {}), ...this.secrets.names().map((n) => `secret:${n}`)],
      environments: (scope?.environments ?? []).map((e) => e.name),
      environment: name,
    };
  }

  /** Fills in a request's variables from its environment, secrets and built-ins. */
  async resolve(spec: RequestSpec, source: SavedSource | undefined): Promise<ResolvedRequest> {
    const { name: envName, ...sources } = this.sources(this.scope(source));
    // SecretStorage is async and the resolver is not: a first pass finds the secrets the
    // request needs (environment values included), then they are fetched.
    const wanted = new Set<string>();
    resolveSpec(spec, createResolver({ environment: sources.environment, secret: (n) => void wanted.add(n) }).lookup);
    const values = new Map<string, string>();
    for (const name of wanted) {
      const v = await this.secrets.get(name);
      if (v !== undefined) values.set(name, v);
    }
    const resolver = createResolver({ processEnv: process.env, ...sources, secret: (n) => values.get(n) });
    const r = resolveSpec(spec, resolver.lookup);
    return { spec: r.spec, missing: r.missing, secrets: resolver.secretsUsed(), environment: envName };
  }

  /** Shows the environment of the active request in the status bar. */
  show(source: SavedSource | undefined): void {
    const scope = this.scope(source);
    const name = scope ? this.selected(scope) : undefined;
    if (!scope || !name) {
      this.item.hide();
      return;
    }
    this.item.text = `$(symbol-variable) ${name}`;
    this.item.tooltip = `Stream Viewer environment of ${vscode.workspace.asRelativePath(scope.where)} — click to switch`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
