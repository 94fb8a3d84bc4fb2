/**
 * What crosses from the host to the webview about a stream. The host runs
 * the stream and its analysis once; the webview only renders. Items go
 * without what the webview can rebuild (parsed JSON is parsed again on
 * demand) and without the raw text (the raw view asks for the rows in view),
 * so each received byte crosses once.
 */
import type { Dispatch } from '../core/analysis/eventsource';
import type { Diagnostic } from '../core/analysis/diagnostics';
import type { StreamStats } from '../core/analysis/stats';
import type { MessageItem, RawItem, TimelineItem } from '../core/items';
import type { MergedResponse } from '../core/llm/types';
import type { PackedDispatches } from './packed';

export type { Diagnostic, DiagnosticCode, Severity } from '../core/analysis/diagnostics';
export type { Dispatch } from '../core/analysis/eventsource';
export type { StreamStats } from '../core/analysis/stats';
export type { MergedResponse, MergedToolCall, TextSource, LlmProvider } from '../core/llm/types';
export type {
  ChunkItem,
  CommentItem,
  EndItem,
  ErrorItem,
  FormatSetting,
  MessageItem,
  ReconnectItem,
  RequestItem,
  ResponseItem,
  RetryItem,
  StreamFormat,
  TimelineItem,
  TimelineItemKind,
} from '../core/items';
export type { KeyValue, RequestBody, RequestSpec, StreamSettings } from '../core/spec';

/** A gap between two events that counts as a stall (marked on the row). */
export const STALL_MS = 2000;

/** A message as sent to the webview: its JSON is parsed there when needed. */
export type WireMessage = Omit<MessageItem, 'json'> & {
  /** For a recognised LLM dialect, the piece of text this event carries (delta, reasoning, tool-argument fragment). */
  piece?: string;
};

/** A timeline item as the webview receives it. */
export type WireItem = Exclude<TimelineItem, RawItem | MessageItem> | WireMessage;

/** What a browser `EventSource` would dispatch; an event refers to its message by `seq` instead of repeating the data. */
export type DispatchRef = Exclude<Dispatch, { kind: 'event' }> | { kind: 'event'; t: number; seq: number };

/** Where the raw text stands: rows the raw view can ask for. */
export interface RawInfo {
  /** Number of the first row still kept (rows before it were dropped). */
  firstRow: number;
  /** Number after the last row (the last one may still grow). */
  endRow: number;
  /** Received text kept, and dropped, in bytes. */
  bytes: number;
  droppedBytes: number;
}

/** One row of the raw view: a line, or a piece of a long line. */
export interface RawRow {
  /** 1-based line number. */
  line: number;
  /** The row continues the line above (a long line is shown in pieces). */
  continued: boolean;
  text: string;
  /** The line break that ends the row ("" for none yet, or a piece of a long line). */
  eol: '' | '\n' | '\r\n' | '\r';
}

/** The analysis results a batch brings. */
export interface AnalysisUpdate {
  /** Diagnostics found since the last batch. */
  problems: Diagnostic[];
  /** The assembled LLM response, when it changed since the last batch (at most a few times a second). */
  merged?: MergedResponse;
  stats: StreamStats;
  /** What EventSource dispatched since the last batch. */
  dispatches: PackedDispatches;
}

/**
 * What an item costs in memory, about, for byte bounds: an object of a dozen
 * fields, two bytes a character of its strings, and its parsed JSON, which
 * takes about three times its text.
 */
export function itemBytes(item: TimelineItem | WireItem): number {
  switch (item.kind) {
    case 'message':
      return 160 + (item.data.length + (item.id?.length ?? 0) + (item.event?.length ?? 0)) * 2 + ('json' in item && item.json !== undefined ? item.data.length * 3 : 0);
    case 'chunk':
    case 'comment':
      return 96 + item.data.length * 2;
    case 'raw':
      return 96 + item.text.length * 2;
    case 'error':
      return 160 + item.message.length * 2 + (item.body?.length ?? 0) * 2;
    case 'request':
    case 'response':
      return 320 + JSON.stringify(item.headers).length * 2;
    default:
      return 96;
  }
}

