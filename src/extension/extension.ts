/**
 * Entry point: registers commands, the panel serializer and the status bar.
 * Everything that talks to VS Code lives under src/extension.
 */
import * as vscode from 'vscode';
import { CurlImportError, parseCurl } from '../core/curl';
import { Commands, PANEL_VIEW_TYPE, STREAMS_VIEW } from '../shared/ids';
import { isPanelState, type PanelState } from '../shared/protocol';
import { readConfig } from './config';
import { ensureDemoServer, stopDemoServer } from './demo-server';
import { disposeLog, log } from './log';
import { defaultPanelState, RequestPanel, type PanelServices } from './panel';
import { panels } from './panels';
import { StreamStatusBar } from './status-bar';
import { registerRecordingCommands } from './recording-commands';
import { registerImportCommand } from './import-requests';
import { registerCollectionCommands } from './collections/commands';
import { findRequest, toSpec } from '../core/collections/tree';
import { Environments } from './collections/environments';
import { isSecretName, SecretStore } from './collections/secrets';
import { CollectionStore, type CollectionEntry } from './collections/store';
import { StreamsTreeProvider } from './collections/tree-provider';
import { HttpEnvironments } from './http/environments';
import { registerHttpFiles } from './http/http-requests';
import { registerStreamTests, type StreamTestsApi } from './testing/stream-tests';
import { registerCollectionProblems } from './collections/problems';
import { registerMcpCommand } from './mcp/commands';
import { argumentOrInput } from './argument-or-input';

/** What `activate` returns, for tests and other extensions. */
export interface StreamViewerApi {
  /** Open panels (tests use this to drive the real message path). */
  panels(): RequestPanel[];
  /** The panel commands act on. */
  activePanel(): RequestPanel | undefined;
  /** Collection files as last read (tests check the tree's model through it). */
  collections(): CollectionEntry[];
  /** Secret storage (tests set and check secrets through it). */
  secrets: SecretStore;
  /** The Testing view's stream tests. */
  tests: StreamTestsApi;
}

/**
 * A new request as Postman and Insomnia open one: the URL field empty, with
 * the caret in it and an example as its placeholder, so typing starts a URL
 * instead of appending to one that only works while the demo server runs.
 */
function blankRequest(): PanelState {
  const state = defaultPanelState();
  state.spec.url = '';
  return state;
}

/** Called by VS Code on first use. */
export function activate(context: vscode.ExtensionContext): StreamViewerApi {
  const statusBar = new StreamStatusBar();
  const store = new CollectionStore();
  const secrets = new SecretStore(context);
  const httpEnvironments = new HttpEnvironments();
  const environments = new Environments(context, store, secrets, (source) => httpEnvironments.scope(source));
  const services: PanelServices = {
    extensionUri: context.extensionUri,
    statusBar,
    onDidFocus: (p) => {
      panels.focus(p);
      environments.show(p.source);
    },
    onDidDispose: (p) => panels.remove(p),
    resolve: (spec, source) => environments.resolve(spec, source),
    variables: (source) => environments.variables(source),
    selectEnvironment: async (panel, name) => {
      const scope = environments.scope(panel.source);
      if (!scope) return;
      await environments.select(scope, name);
      environments.show(panel.source);
      for (const p of panels.all()) p.refreshVariables();
    },
    storeSecret: async (value, header) => {
      const suggested = header.toLowerCase() === 'authorization' ? 'api_token' : header.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'token';
      const name = await vscode.window.showInputBox({ title: 'Keep as a secret', prompt: 'Name for the secret, used as {{secret:NAME}}; the value goes to the OS keychain, never into files', value: suggested, validateInput: (v) => (isSecretName(v) ? undefined : 'Letters, digits, _ and -, starting with a letter') });
      if (!name) return undefined;
      await secrets.set(name, value);
      return `{{secret:${name}}}`;
    },
  };
  for (const changed of [store.onDidChange, httpEnvironments.onDidChange]) {
    changed(() => {
      for (const p of panels.all()) p.refreshVariables();
    });
  }
  const openPanel = (state = defaultPanelState(), column?: vscode.ViewColumn): RequestPanel => {
    const panel = RequestPanel.create(services, state, column);
    panels.add(panel);
    return panel;
  };
  /** The active panel, or a new one when none is open. */
  const target = (): RequestPanel => panels.active ?? openPanel();

  const command = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          log().error(`${id}: ${message}`);
          void vscode.window.showErrorMessage(`Stream Viewer: ${message}`);
          return undefined;
        }
      }),
    );
  };

  registerMcpCommand(context, (spec, source) => environments.resolve(spec, source));
  command(Commands.newRequest, () => {
    openPanel(blankRequest());
  });
  command(Commands.send, async () => {
    const panel = target();
    panel.reveal();
    await panel.send();
  });
  command(Commands.stop, async () => {
    const running = panels.active?.streaming ? panels.active : panels.all().find((p) => p.streaming);
    await running?.stop();
  });
  command(Commands.clearTimeline, () => panels.active?.clear());
  command(Commands.importCurl, async (text?: string) => {
    const input = await argumentOrInput(text, {
      title: 'Import from cURL',
      prompt: 'Paste a curl command',
      placeHolder: "curl -N -X POST https://api.example.com/v1/chat/completions -H 'Content-Type: application/json' -d '{…}'",
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          parseCurl(v);
          return undefined;
        } catch (err) {
          return err instanceof CurlImportError ? err.message : String(err);
        }
      },
    });
    if (!input) return undefined;
    const { spec, ignored } = parseCurl(input);
    // A new panel, as an API client opens a new tab: the open request and its timeline stay as they were.
    openPanel({ ...defaultPanelState(), spec });
    if (ignored.length > 0) void vscode.window.showInformationMessage(`Imported from cURL; ignored: ${ignored.join(', ')}`);
    return spec;
  });
  command(Commands.copyAsCurl, async () => {
    const panel = panels.active;
    if (!panel) throw new Error('Open a request first');
    await panel.copyAsCurl();
    return await panel.curl();
  });
  command(Commands.exportTimeline, async (uri?: vscode.Uri) => {
    const panel = panels.active;
    if (!panel) throw new Error('Open a request first');
    return panel.exportTimeline(uri instanceof vscode.Uri ? uri : undefined);
  });
  command(Commands.openDemoServer, async (path?: string) => {
    const server = await ensureDemoServer(readConfig().demoPort);
    const state = defaultPanelState();
    state.spec.url = `${server.url.replace(/\/$/, '')}${typeof path === 'string' ? path : '/sse'}`;
    const panel = openPanel(state);
    void vscode.window.showInformationMessage(`Demo server running on ${server.url}`, 'Open Endpoint List').then((choice) => {
      if (choice) void vscode.env.openExternal(vscode.Uri.parse(server.url));
    });
    return panel.request.spec.url;
  });
  command(Commands.runUrl, async (url?: string) => {
    const value = await argumentOrInput(url, { title: 'Stream a URL', prompt: 'URL of a streaming endpoint', value: 'http://127.0.0.1:3001/sse' });
    if (!value) return undefined;
    const state = defaultPanelState();
    state.spec.url = value;
    const panel = openPanel(state);
    return panel.send();
  });

  const tree = new StreamsTreeProvider(store);
  const http = registerHttpFiles({ command, subscriptions: context.subscriptions, environments, httpEnvironments, panels: () => panels.all(), openPanel: () => openPanel(undefined, vscode.ViewColumn.Beside) });
  context.subscriptions.push(store, environments, httpEnvironments, vscode.window.createTreeView(STREAMS_VIEW, { treeDataProvider: tree, dragAndDropController: tree, canSelectMany: true, showCollapseAll: true }));
  registerCollectionCommands({ command, store, environments, secrets, activePanel: () => panels.active, openPanel: () => openPanel(), panels: () => panels.all(), saveHttp: (p) => http.save(p) });
  command(Commands.refreshCollections, () => store.load(true));
  registerImportCommand({ command, store });
  registerCollectionProblems(context.subscriptions);
  const tests = registerStreamTests({ command, store, environments, secrets, showRecording: (rec, title) => openPanel().replay(rec, 0, title) }, context.subscriptions);

  registerRecordingCommands({ command, subscriptions: context.subscriptions, activePanel: () => panels.active, openPanel: () => openPanel(), version: String(context.extension.packageJSON.version ?? '') });

  context.subscriptions.push(
    statusBar,
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown) {
        // Restored after a window reload: the request comes back, the stream does not restart.
        const restored = isPanelState(state) ? state : defaultPanelState();
        const panel = new RequestPanel(webviewPanel, services, restored);
        panels.add(panel);
        if (restored.source?.line !== undefined) await http.restore(panel, restored.source);
        else if (restored.source) {
          // Link it to its saved request again; unsaved edits made before the reload stay marked.
          const uri = vscode.Uri.parse(restored.source.uri);
          const path = restored.source.path;
          await store.load();
          const saved = store.get(uri)?.collection ? findRequest(store.get(uri)!.collection!, path) : undefined;
          if (saved) panel.associate({ uri, path }, toSpec(saved));
        }
      },
    }),
    { dispose: () => panels.all().forEach((p) => p.dispose()) },
  );
  log().info('Stream Viewer activated');
  return { panels: () => panels.all(), activePanel: () => panels.active, collections: () => store.all(), secrets, tests };
}

/** Called by VS Code on shutdown: stop streams and the demo server. */
export async function deactivate(): Promise<void> {
  for (const p of panels.all()) p.dispose();
  await stopDemoServer();
  disposeLog();
}
