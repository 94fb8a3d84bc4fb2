/**
 * Stream tests in VS Code's Testing view: requests with an `expect` block and
 * flows, grouped by collection file and folder, with a run icon in the
 * gutter of the `*.streams.json` line; failures shown at that line. Tests run
 * through the same runner as `stream-viewer test`, with the collection's
 * selected environment and the secrets in SecretStorage. Each test's stream
 * is recorded in memory so "Open Stream" shows it in the panel.
 */
import * as vscode from 'vscode';
import { SECRET_ENV_PREFIX } from '../../core/collections/resolver';
import { MemoryRecording } from '../../core/recording/recorder';
import type { Recording } from '../../core/recording/format';
import { listTests, testName, type TestResult } from '../../core/testing/cases';
import { locationKey, testOffsets } from '../../core/testing/locations';
import { runTest, type PlannedTest } from '../../core/testing/runner';
import { Commands, ContextValues, TEST_CONTROLLER } from '../../shared/ids';
import type { Environments } from '../collections/environments';
import type { SecretStore } from '../collections/secrets';
import type { CollectionEntry, CollectionStore } from '../collections/store';
import { log } from '../log';

/** Most body bytes kept per test for "Open Stream". */
const MAX_RECORDING_BYTES = 16 * 1024 * 1024;

/** What the tests of the extension read back. */
export interface StreamTestsApi {
  controller: vscode.TestController;
  /** The latest result of each test, by test item id. */
  results(): ReadonlyMap<string, TestResult>;
}

/** What the Testing view needs from the rest of the extension. */
export interface StreamTestServices {
  store: CollectionStore;
  environments: Environments;
  secrets: SecretStore;
  command(id: string, fn: (...args: never[]) => unknown): void;
  /** Shows a recorded stream in a new panel. */
  showRecording(rec: Recording, title: string): Promise<unknown>;
}

/** A test item's plan: its file and test (set when the tree is built). */
interface Leaf {
  entry: CollectionEntry;
  test: PlannedTest['test'];
}

function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Registers the controller; returns what tests read. */
export function registerStreamTests(s: StreamTestServices, subscriptions: vscode.Disposable[]): StreamTestsApi {
  const controller = vscode.tests.createTestController(TEST_CONTROLLER, 'Stream Viewer');
  const leaves = new Map<string, Leaf>();
  const results = new Map<string, TestResult>();
  const recordings = new Map<string, Recording>();

  const rebuild = (): void => {
    leaves.clear();
    const files: vscode.TestItem[] = [];
    for (const entry of s.store.all()) {
      if (!entry.collection) continue;
      const tests = listTests(entry.collection);
      if (tests.length === 0) continue;
      const file = controller.createTestItem(entry.uri.toString(), entry.collection.name ?? vscode.workspace.asRelativePath(entry.uri), entry.uri);
      const offsets = testOffsets(entry.text);
      const folders = new Map<string, vscode.TestItem>();
      const parentOf = (path: string[]): vscode.TestItem => {
        let parent = file;
        for (let i = 1; i < path.length; i++) {
          const id = `${entry.uri.toString()}#folder:${path.slice(0, i).join('/')}`;
          let folder = folders.get(id);
          if (!folder) {
            folder = controller.createTestItem(id, path[i - 1]!, entry.uri);
            folders.set(id, folder);
            parent.children.add(folder);
          }
          parent = folder;
        }
        return parent;
      };
      for (const test of tests) {
        const id = `${entry.uri.toString()}#${locationKey(test.kind, test.path)}`;
        const item = controller.createTestItem(id, test.path[test.path.length - 1]!, entry.uri);
        const offset = offsets.get(locationKey(test.kind, test.path));
        if (offset !== undefined) item.range = new vscode.Range(lineAt(entry.text, offset), 0, lineAt(entry.text, offset), 0);
        item.description = test.kind === 'flow' ? 'flow' : `${test.request.method} ${test.request.url}`;
        parentOf(test.path).children.add(item);
        leaves.set(id, { entry, test });
      }
      files.push(file);
    }
    controller.items.replace(files);
  };

  const leavesOf = (items: readonly vscode.TestItem[]): vscode.TestItem[] => {
    const out: vscode.TestItem[] = [];
    const walk = (item: vscode.TestItem): void => {
      if (leaves.has(item.id)) out.push(item);
      item.children.forEach(walk);
    };
    items.forEach(walk);
    return out;
  };

  /** Debug runs the same tests and then shows each one's stream in the panel, to look at what came. */
  const runHandler = async (request: vscode.TestRunRequest, token: vscode.CancellationToken, debug = false): Promise<void> => {
    const all: vscode.TestItem[] = [];
    controller.items.forEach((i) => all.push(i));
    const excluded = new Set(leavesOf(request.exclude ?? []).map((i) => i.id));
    const items = leavesOf(request.include ?? all).filter((i) => !excluded.has(i.id));
    const run = controller.createTestRun(request);
    // SecretStorage is asynchronous and the resolver is not: every secret set is read first.
    const secretValues = new Map<string, string>();
    for (const name of s.secrets.names()) {
      const v = await s.secrets.get(name);
      if (v !== undefined) secretValues.set(name, v);
    }
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    items.forEach((i) => run.enqueued(i));
    for (const item of items) {
      if (token.isCancellationRequested) {
        run.skipped(item);
        continue;
      }
      const leaf = leaves.get(item.id)!;
      const c = leaf.entry.collection!;
      // The environment the Streams view and the panel have selected for this collection.
      const scope = s.environments.scope({ uri: leaf.entry.uri, path: [] });
      const envName = scope ? s.environments.selected(scope) : undefined;
      const environment = c.environments?.find((e) => e.name === envName)?.variables;
      const recorder = new MemoryRecording(MAX_RECORDING_BYTES);
      run.started(item);
      const planned: PlannedTest = {
        file: leaf.entry.uri.fsPath,
        collection: c,
        test: leaf.test,
        context: {
          // Secrets come from SecretStorage; in the process environment, STREAM_VIEWER_SECRET_* stay out of reach of {{$env:…}}.
          sources: { environment, secret: (n) => secretValues.get(n), processEnv: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith(SECRET_ENV_PREFIX))) },
          signal: abort.signal,
          record: () => recorder,
        },
      };
      const result = await runTest(planned);
      results.set(item.id, result);
      const rec = recorder.recording();
      if (rec) recordings.set(item.id, rec);
      if (debug && rec) void s.showRecording(rec, `test: ${item.label}`);
      const name = testName(leaf.test.path);
      const where = item.uri && item.range ? new vscode.Location(item.uri, item.range) : undefined;
      if (result.ok) {
        run.appendOutput(`✔ ${name} (${Math.round(result.durationMs)} ms)\r\n`, where, item);
        run.passed(item, result.durationMs);
        continue;
      }
      const lines = result.error !== undefined ? [result.error] : result.checks.filter((x) => !x.ok).map((x) => `${x.name}: ${x.message}`);
      run.appendOutput(`✖ ${name}\r\n${lines.map((l) => `    ${l}\r\n`).join('')}`, where, item);
      const messages = lines.map((l) => {
        const m = new vscode.TestMessage(l);
        m.location = where;
        m.contextValue = ContextValues.testStream;
        return m;
      });
      if (result.error !== undefined) run.errored(item, messages, result.durationMs);
      else run.failed(item, messages, result.durationMs);
    }
    run.end();
    log().info(`stream tests: ${items.length} run, ${items.filter((i) => results.get(i.id)?.ok !== true).length} failed`);
  };

  controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (r, t) => runHandler(r, t), true);
  controller.createRunProfile('Run and Show Streams', vscode.TestRunProfileKind.Debug, (r, t) => runHandler(r, t, true), true);
  controller.refreshHandler = async () => {
    await s.store.load(true);
  };
  // A test's stream in the panel: from the Testing view's context menu or the failure message.
  s.command(Commands.openTestStream, async (arg?: vscode.TestItem | { test?: vscode.TestItem }) => {
    const item = arg && 'id' in arg ? arg : arg?.test;
    if (!item) throw new Error('Pick a stream test');
    const rec = recordings.get(item.id);
    if (!rec) throw new Error(`Run "${item.label}" first: its stream is kept after a run`);
    return s.showRecording(rec, `test: ${item.label}`);
  });
  subscriptions.push(controller, s.store.onDidChange(rebuild));
  void s.store.load().then(rebuild);
  rebuild();
  return { controller, results: () => results };
}
