/**
 * The host↔webview protocol: one tagged union per direction. Requests are
 * named `noun/verb`, notifications `noun/didVerb`. Both sides import these
 * types; exhaustive switches make a missing case a compile error. Messages
 * from the webview are checked at runtime before the host trusts them.
 */
import type { EndItem, TimelineItem } from '../core/items';
import { isJsonObject } from '../core/json-object';
import type { RequestSpec, StreamSettings } from '../core/spec';

/** What the editor holds; also what `setState` keeps across reloads. */
export interface PanelState {
  spec: RequestSpec;
  settings: StreamSettings;
  /** The saved request the panel edits (collection file URI and path), kept across reloads. */
  source?: SourceRef;
}

/** A saved request's place: its collection file and folder/name path. */
export interface SourceRef {
  uri: string;
  path: string[];
}

/** Checks a saved-request reference. */
export function isSourceRef(x: unknown): x is SourceRef {
  return isRecord(x) && typeof x.uri === 'string' && Array.isArray(x.path) && x.path.every((p) => typeof p === 'string');
}

/** Settings the webview needs. */
export interface WebviewConfig {
  /** Largest number of timeline items kept; the oldest are dropped beyond it. */
  maxItems: number;
}

/** Messages from the webview to the host. */
export type WebviewToHost =
  | { type: 'webview/ready' }
  | { type: 'request/send'; spec: RequestSpec; settings: StreamSettings }
  | { type: 'request/stop' }
  | { type: 'request/didChange'; spec: RequestSpec; settings: StreamSettings }
  | { type: 'timeline/export' }
  | { type: 'timeline/clear' }
  | { type: 'clipboard/copy'; text: string }
  | { type: 'curl/copy' }
  /** Acknowledges items rendered: how many of the request's items the webview has received so far. */
  | { type: 'stream/didRender'; requestId: string; received: number }
  /** A protocol problem the webview's analysis found (logged, and kept for the API). */
  | { type: 'analysis/didFindProblem'; requestId: string; code: string; severity: string; message: string; fix: string }
  /** At the end of a stream: the LLM dialect recognised, if any, and the assembled text's length. */
  | { type: 'analysis/didMerge'; requestId: string; provider: string | null; textLength: number; toolCalls: number }
  /** The user picked another environment in the panel. */
  | { type: 'environment/select'; name: string }
  /** The user chose to keep a pasted credential in SecretStorage instead of the request. */
  | { type: 'secret/store'; header: string; value: string };

/** Messages from the host to the webview. */
export type HostToWebview =
  | { type: 'panel/init'; spec: RequestSpec; settings: StreamSettings; config: WebviewConfig }
  | { type: 'request/didLoad'; spec: RequestSpec; settings: StreamSettings }
  | { type: 'stream/didStart'; requestId: string }
  | { type: 'stream/didReceive'; requestId: string; items: TimelineItem[] }
  | { type: 'stream/didEnd'; requestId: string; end: EndItem }
  | { type: 'timeline/didClear' }
  | { type: 'config/didChange'; config: WebviewConfig }
  /** The panel now edits this saved request (or none): kept in the webview's state for reloads. */
  | { type: 'panel/didAssociate'; source?: SourceRef }
  /** Variable names the request can use now, and the environments to pick from. */
  | { type: 'variables/didChange'; variables: VariablesInfo };

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
  if (x.format !== undefined && !['auto', 'sse', 'ndjson', 'json-seq', 'text'].includes(String(x.format))) return false;
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
    case 'stream/didRender':
      return typeof x.requestId === 'string' && typeof x.received === 'number';
    case 'environment/select':
      return typeof x.name === 'string';
    case 'secret/store':
      return typeof x.header === 'string' && typeof x.value === 'string';
    case 'analysis/didFindProblem':
      return typeof x.requestId === 'string' && ['code', 'severity', 'message', 'fix'].every((k) => typeof x[k] === 'string');
    case 'analysis/didMerge':
      return typeof x.requestId === 'string' && (x.provider === null || typeof x.provider === 'string') && typeof x.textLength === 'number' && typeof x.toolCalls === 'number';
    default: {
      const unknownType: never = type;
      return unknownType !== unknownType;
    }
  }
}
