/**
 * The host↔webview protocol: one tagged union per direction. Requests are
 * named `noun/verb`, notifications `noun/didVerb`. Both sides import these
 * types; exhaustive switches make a missing case a compile error. Messages
 * from the webview are checked at runtime before the host trusts them.
 */
import { isJsonObject } from './json-object';
import { isFormatSetting } from './stream-formats';
import type { PackedItems } from './packed';
import type { AnalysisUpdate, EndItem, RawInfo, RawRow, RequestSpec, StreamSettings } from './wire';

/** What the editor holds; also what `setState` keeps across reloads. */
export interface PanelState {
  spec: RequestSpec;
  settings: StreamSettings;
  /** The saved request the panel edits (collection file URI and path), kept across reloads. */
  source?: SourceRef;
}

/** A saved request's place: its collection file and folder/name path, or a `.http` file and its block's request line. */
export interface SourceRef {
  uri: string;
  path: string[];
  /** 1-based request line of a `.http` block. */
  line?: number;
}

/** Checks a saved-request reference. */
export function isSourceRef(x: unknown): x is SourceRef {
  return isRecord(x) && typeof x.uri === 'string' && Array.isArray(x.path) && x.path.every((p) => typeof p === 'string') && (x.line === undefined || (Number.isInteger(x.line) && (x.line as number) > 0));
}

/** Settings the webview needs. */
export interface WebviewConfig {
  /** Largest number of timeline items kept; the oldest are dropped beyond it. */
  maxItems: number;
  /** Largest memory the kept items may take, in bytes; the oldest are dropped beyond it. */
  maxBytes: number;
}

/** What the webview shows, as tests ask for it (`webview/inspect`). */
export interface WebviewSnapshot {
  /** Items received for the current request (dropped ones included). */
  received: number;
  /** Items kept. */
  kept: number;
  /** Codes of the problems listed. */
  problems: string[];
  /** The merged view's provider and text length, when it shows a response. */
  merged: { provider: string; textLength: number; toolCalls: number } | null;
  /** The text of the rows on screen in the current view. */
  visibleRows: string[];
  mode: string;
}

/** Messages from the webview to the host: a user's intents, never results the host could know. */
export type WebviewToHost =
  | { type: 'webview/ready' }
  | { type: 'request/send'; spec: RequestSpec; settings: StreamSettings }
  | { type: 'request/stop' }
  | { type: 'request/didChange'; spec: RequestSpec; settings: StreamSettings }
  | { type: 'timeline/export' }
  | { type: 'timeline/clear' }
  | { type: 'clipboard/copy'; text: string }
  | { type: 'curl/copy' }
  /** The raw view shows rows `from`..`to` (exclusive) of a request's raw text. */
  | { type: 'raw/get'; requestId: string; from: number; to: number }
  /** Copy the whole raw text kept. */
  | { type: 'raw/copy' }
  /** The user picked another environment in the panel. */
  | { type: 'environment/select'; name: string }
  /** The user chose to keep a pasted credential in SecretStorage instead of the request. */
  | { type: 'secret/store'; header: string; value: string }
  /** Answers `webview/inspect` (tests only). */
  | { type: 'webview/didInspect'; token: number; snapshot: WebviewSnapshot };

/** Messages from the host to the webview. */
export type HostToWebview =
  | { type: 'panel/init'; spec: RequestSpec; settings: StreamSettings; config: WebviewConfig }
  | { type: 'request/didLoad'; spec: RequestSpec; settings: StreamSettings }
  /** A stream starts; `label` names a replay so it does not pass for a live request. */
  | { type: 'stream/didStart'; requestId: string; label?: string }
  /** Items received since the last batch, what the analysis concluded, and where the raw text stands. */
  | { type: 'stream/didReceive'; requestId: string; items: PackedItems; analysis: AnalysisUpdate; raw: RawInfo }
  | { type: 'stream/didEnd'; requestId: string; end: EndItem }
  /** Rows of the raw text, answering `raw/get`. */
  | { type: 'raw/didGet'; requestId: string; from: number; rows: RawRow[] }
  | { type: 'timeline/didClear' }
  | { type: 'config/didChange'; config: WebviewConfig }
  /** The panel now edits this saved request (or none): kept in the webview's state for reloads. */
  | { type: 'panel/didAssociate'; source?: SourceRef }
  /** Variable names the request can use now, and the environments to pick from. */
  | { type: 'variables/didChange'; variables: VariablesInfo }
  /** Tests ask what the webview shows. */
  | { type: 'webview/inspect'; token: number };

/** What the editor needs to mark unknown variables and offer environments. */
export interface VariablesInfo {
  /** Names with a value: environment variables and `secret:NAME` for known secrets. */
  names: string[];
  environments: string[];
  environment?: string;
}

/** Every `type` of a webview→host message. */
export type WebviewMessageType = WebviewToHost['type'];

const isRecord = isJsonObject;

function isKeyValueList(x: unknown): boolean {
  return (
    x === undefined ||
    (Array.isArray(x) && x.every((r) => isRecord(r) && typeof r.name === 'string' && typeof r.value === 'string'))
  );
}

/** Checks the shape of a request spec coming from outside the host. */
export function isRequestSpec(x: unknown): x is RequestSpec {
  if (!isRecord(x) || typeof x.method !== 'string' || typeof x.url !== 'string') return false;
  if (!isKeyValueList(x.params) || !isKeyValueList(x.headers)) return false;
  const b = x.body;
  if (b === undefined) return true;
  if (!isRecord(b)) return false;
  switch (b.kind) {
    case 'none':
      return true;
    case 'raw':
    case 'json':
      return typeof b.text === 'string';
    case 'form':
      return isKeyValueList(b.fields);
    default:
      return false;
  }
}

/** Checks the shape of stream settings coming from outside the host. */
export function isStreamSettings(x: unknown): x is StreamSettings {
  if (!isRecord(x)) return false;
  const optionalNumber = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
  if (x.format !== undefined && !isFormatSetting(x.format)) return false;
  if (!optionalNumber(x.timeoutMs) || !optionalNumber(x.maxRecordBytes)) return false;
  if (x.followRedirects !== undefined && typeof x.followRedirects !== 'boolean') return false;
  const r = x.reconnect;
  if (r !== undefined && !(isRecord(r) && typeof r.enabled === 'boolean' && optionalNumber(r.maxReconnects))) return false;
  return true;
}

/** Checks a saved panel state (from `getState` after a reload). */
export function isPanelState(x: unknown): x is PanelState {
  return isRecord(x) && isRequestSpec(x.spec) && isStreamSettings(x.settings) && (x.source === undefined || isSourceRef(x.source));
}

/** Checks a message from the webview; anything else is ignored by the host. */
export function isWebviewMessage(x: unknown): x is WebviewToHost {
  if (!isRecord(x) || typeof x.type !== 'string') return false;
  const type = x.type as WebviewMessageType;
  switch (type) {
    case 'webview/ready':
    case 'request/stop':
    case 'timeline/export':
    case 'timeline/clear':
    case 'curl/copy':
      return true;
    case 'request/send':
    case 'request/didChange':
      return isRequestSpec(x.spec) && isStreamSettings(x.settings);
    case 'clipboard/copy':
      return typeof x.text === 'string';
    case 'environment/select':
      return typeof x.name === 'string';
    case 'secret/store':
      return typeof x.header === 'string' && typeof x.value === 'string';
    case 'raw/get':
      return typeof x.requestId === 'string' && Number.isInteger(x.from) && Number.isInteger(x.to);
    case 'raw/copy':
      return true;
    case 'webview/didInspect':
      return typeof x.token === 'number' && isRecord(x.snapshot);
    default: {
      const unknownType: never = type;
      return unknownType !== unknownType;
    }
  }
}
