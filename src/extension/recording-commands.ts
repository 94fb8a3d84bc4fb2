/**
 * Recording commands: save the latest stream of a panel, open a recording
 * into a panel labelled as a replay (at once or at its original pace),
 * export it as raw text, NDJSON or HAR, and compare two recordings side by
 * side in the diff editor.
 */
import * as vscode from 'vscode';
import type { CompareOptions } from '../core/recording/comparable';
import { diffRecordings } from '../core/recording/diff';
import { toHar, toNdjson, toRawText } from '../core/recording/export';
import { recordingName, recordingStem } from '../core/recording/file-name';
import { parseRecording, stringifyRecording, type Recording } from '../core/recording/format';
import { Commands } from '../shared/ids';
import { log } from './log';
import type { RequestPanel } from './panel';
import { askCompareOptions, ComparedDocuments, showComparison } from './recording-compare';
import { askRecordingUri, confirmSaved } from './recording-save';

/** What the commands need from the extension. */
export interface RecordingServices {
  command(id: string, fn: (...args: never[]) => unknown): void;
  /** Keeps what the commands register until the extension deactivates. */
  subscriptions: vscode.Disposable[];
  activePanel(): RequestPanel | undefined;
  openPanel(): RequestPanel;
  version: string;
}

const FILTERS = { 'Stream Viewer recordings': ['jsonl'] };
type ExportFormat = 'sse' | 'ndjson' | 'har';

function defaultUri(name: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
}

async function readRecording(uri: vscode.Uri): Promise<Recording> {
  return parseRecording(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
}

async function pickRecording(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title, filters: FILTERS, canSelectMany: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return picked?.[0];
}

function currentRecording(services: RecordingServices): Recording {
  const rec = services.activePanel()?.recording();
  if (!rec) throw new Error('Send a request (or open a recording) first: there is no stream to save');
  return rec;
}

/** Registers the recording commands. */
export function registerRecordingCommands(services: RecordingServices): void {
  const compared = new ComparedDocuments();
  services.subscriptions.push(compared);

  services.command(Commands.saveRecording, async (target?: vscode.Uri) => {
    const rec = currentRecording(services);
    const uri = target instanceof vscode.Uri ? target : await askRecordingUri(recordingStem(rec.request.url, services.activePanel()?.source?.path.at(-1)));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(stringifyRecording(rec), 'utf8'));
    log().info(`saved a recording to ${uri.toString()}`);
    confirmSaved(uri);
    return uri;
  });

  services.command(Commands.openRecording, async (source?: vscode.Uri, speed?: number) => {
    const uri = source instanceof vscode.Uri ? source : await pickRecording('Open Recording');
    if (!uri) return undefined;
    const rec = await readRecording(uri);
    let pace = typeof speed === 'number' ? speed : undefined;
    if (pace === undefined) {
      const choice = await vscode.window.showQuickPick(
        [
          { label: 'At once', description: 'the whole timeline now', speed: 0 },
          { label: 'Original pace', description: 'replay with the recorded timing', speed: 1 },
          { label: '4× faster', speed: 4 },
        ],
        { title: 'Open Recording' },
      );
      if (!choice) return undefined;
      pace = choice.speed;
    }
    const panel = services.openPanel();
    return panel.replay(rec, pace, recordingName(uri.path));
  });

  services.command(Commands.exportRecording, async (format?: ExportFormat, target?: vscode.Uri) => {
    const rec = currentRecording(services);
    const kind =
      format ??
      (
        await vscode.window.showQuickPick(
          [
            { label: 'Raw text (.sse)', description: 'every received byte', format: 'sse' as const },
            { label: 'NDJSON (.ndjson)', description: 'one JSON object per event', format: 'ndjson' as const },
            { label: 'HAR (.har)', description: 'for browser devtools and HTTP tools', format: 'har' as const },
          ],
          { title: 'Export Recording As' },
        )
      )?.format;
    if (!kind) return undefined;
    const text = kind === 'sse' ? toRawText(rec) : kind === 'ndjson' ? toNdjson(rec) : toHar(rec, services.version);
    const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({ title: 'Export Recording', defaultUri: defaultUri(`stream.${kind}`) });
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    return uri;
  });

  // Given both files (a test, another extension), `exact` says how to compare; picked by hand, the user is asked.
  services.command(Commands.diffRecordings, async (first?: vscode.Uri, second?: vscode.Uri, exact?: boolean) => {
    const given = first instanceof vscode.Uri && second instanceof vscode.Uri;
    const a = first instanceof vscode.Uri ? first : await pickRecording('Compare Recordings: the first (before)');
    if (!a) return undefined;
    const b = second instanceof vscode.Uri ? second : await pickRecording('Compare Recordings: the second (after)');
    if (!b) return undefined;
    const options: CompareOptions | undefined = given ? { ignoreVolatile: exact !== true } : await askCompareOptions();
    if (!options) return undefined;
    const [before, after] = [await readRecording(a), await readRecording(b)];
    const d = diffRecordings(before, after, options);
    await showComparison(compared, { uri: a, recording: before }, { uri: b, recording: after }, options);
    void vscode.window.setStatusBarMessage(`Stream Viewer: ${d.same ? `the same ${d.unchanged} events` : `${d.changes.length} events differ, ${d.unchanged} the same`}`, 8000);
    return d;
  });
}
