/**
 * Collections: requests kept in `*.streams.json` files next to the code,
 * reviewed in pull requests and run from VS Code or CI. The file format is
 * versioned (`"version": 1`) and described by schemas/streams.schema.json.
 */
import type { FormatSetting } from '../items';
import type { Expect } from '../expect/model';
import type { Flow } from '../testing/flow-model';
import type { KeyValue, ReconnectSettings, RequestBody } from '../spec';

/** Settings saved with a request. */
export interface SavedSettings {
  format?: FormatSetting;
  timeoutMs?: number;
  reconnect?: ReconnectSettings;
  followRedirects?: boolean;
}

/** A call to an MCP server (Streamable HTTP): the request's URL is the endpoint, its headers go with every message. */
export interface SavedMcpCall {
  /** The JSON-RPC method sent after initialize, e.g. tools/call. */
  method: string;
  /** Its params; string values may use {{variables}}. */
  params?: Record<string, unknown>;
  /** Offer only this protocol version instead of negotiating. */
  protocolVersion?: string;
}

/** A named request, everything the editor holds. */
export interface SavedRequest {
  name: string;
  method: string;
  url: string;
  params?: KeyValue[];
  headers?: KeyValue[];
  body?: RequestBody;
  settings?: SavedSettings;
  /** What the stream must show when the request runs as a test. */
  expect?: Expect;
  /** Present for an MCP request: what to call once connected. */
  mcp?: SavedMcpCall;
}

/** A folder of requests (and folders). */
export interface Folder {
  name: string;
  requests?: SavedRequest[];
  folders?: Folder[];
  /** Tests of a listener stream and trigger requests. */
  flows?: Flow[];
}

/** A named set of variables. */
export interface Environment {
  name: string;
  variables: Record<string, string>;
}

/** A whole collection file. */
export interface Collection {
  version: 1;
  name?: string;
  requests?: SavedRequest[];
  folders?: Folder[];
  environments?: Environment[];
  /** Tests of a listener stream and trigger requests. */
  flows?: Flow[];
}

/** The glob collection files match. */
export const COLLECTION_GLOB = '**/*.streams.json';

/** How a collection file's name ends. */
export const COLLECTION_SUFFIX = '.streams.json';

/** The name a new collection gets when none exists. */
export const DEFAULT_COLLECTION_FILE = 'requests.streams.json';
