/**
 * One stream run: the session (live, or replayed from a recording), secret
 * masking, the recording, the analysis (diagnostics, timing, LLM merge,
 * EventSource emulation), a store bounded by items and bytes, and the raw
 * text by rows. The CLI and the panel both run streams through this one
 * owner, configured by options, so they cannot drift apart.
 */
import { EventSourceEmulator, type Dispatch } from '../analysis/eventsource';
import type { Diagnostic } from '../analysis/diagnostics';
import type { StreamStats } from '../analysis/stats';
import { StreamAnalysis } from '../analysis/stream-analysis';
import type { EndItem, ErrorCode, TimelineItem } from '../items';
import type { LlmProvider, MergedResponse } from '../llm/types';
import type { Recording } from '../recording/format';
import { Recorder, type RecordingSink } from '../recording/recorder';
import { replayRecording } from '../recording/replay';
import { maskItem } from '../secrets/mask-item';
import { runStream, type SessionHooks } from '../session';
import type { RequestSpec, StreamSettings } from '../spec';
import type { Bounds } from '../../shared/bounded-buffer';
import { packBatch, type PackedItems } from '../../shared/packed';
import { PackedStore } from '../../shared/packed-store';
import { itemBytes, type WireItem } from '../../shared/wire';
import { RawRows } from './raw-rows';

/** What to run and what to keep. */
export interface StreamRunOptions {
  /** The request as written (variables and `{{secret:NAME}}` references): what a recording keeps. */
  request: RequestSpec;
  /** What is sent, variables and secrets filled in (defaults to `request`). */
  resolved?: RequestSpec;
  settings: StreamSettings;
  /** Secret values this run uses: masked in every item, the recording and the analysis. */
  secrets?: readonly string[];
  /** Reports this error instead of sending the request (one that cannot be sent, e.g. a variable without a value). */
  refused?: { code: ErrorCode; message: string };
  /** Replays a recording instead of sending the request (speed 0: at once, 1: original pace). */
  replay?: { recording: Recording; speed: number };
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Awaited before each read of the body: a slow consumer pauses the stream instead of piling it up. */
  ready?: () => Promise<void> | undefined;
  /** Analysis to run; false for none. */
  analysis?: false | { provider?: LlmProvider; stallMs?: number; diagnostics?: boolean; eventSource?: boolean };
  /** Keep items (raw text apart) in a store with these bounds, packed in batches (for a webview, export and tests). */
  store?: Bounds;
  /** Each batch the store packs, as it crosses to a webview: on `packStore()`, and whenever enough items wait. */
  onBatch?(batch: PackedItems): void;
  /** Keep the raw text by rows, up to this many bytes (for the raw view). */
  rawBytes?: number;
  /** Where the recording goes (none when omitted). */
  record?: RecordingSink;
  /** Every item, masked, in order (raw items included); `piece` is the LLM text a message carries. */
  onItem?(item: TimelineItem, piece: string | undefined): void;
  onDiagnostic?(d: Diagnostic): void;
  onDispatch?(d: Dispatch): void;
}

/** A running (or finished) stream. */
export class StreamRun {
  /** Resolves with the end item once the stream is over; never rejects. */
  readonly done: Promise<EndItem>;
  readonly store: PackedStore | undefined;
  readonly raw: RawRows | undefined;
  /** Diagnostics found so far (each code at most once, so few). */
  readonly problems: Diagnostic[] = [];
  private readonly analysis: StreamAnalysis | undefined;
  private readonly emulator: EventSourceEmulator | undefined;
  private readonly recorder: Recorder | undefined;
  private readonly controller = new AbortController();
  private events = 0;
  /** Items for the store not packed yet, the LLM text of messages by their place, and their size. */
  private pending: TimelineItem[] = [];
  private pendingPieces = new Map<number, string>();
  private pendingBytes = 0;
  /** `onDispatch` called as a method, made once. */
  private readonly dispatch = (d: Dispatch): void => this.options.onDispatch?.(d);

  constructor(private readonly options: StreamRunOptions) {
    const a = options.analysis === false ? undefined : (options.analysis ?? {});
    if (a) {
      this.analysis = new StreamAnalysis({
        provider: a.provider,
        stallMs: a.stallMs,
        onDiagnostic: a.diagnostics === false ? undefined : (d) => {
          this.problems.push(d);
          options.onDiagnostic?.(d);
        },
      });
      if (a.eventSource !== false) this.emulator = new EventSourceEmulator();
    }
    this.store = options.store ? new PackedStore(options.store) : undefined;
    this.raw = options.rawBytes !== undefined ? new RawRows(options.rawBytes) : undefined;
    const secrets = options.secrets ?? [];
    if (options.record) this.recorder = new Recorder(options.request, options.settings, options.record, secrets);
    const outer = options.signal;
    const onAbort = (): void => this.controller.abort();
    if (outer?.aborted) this.controller.abort();
    else outer?.addEventListener('abort', onAbort, { once: true });
    // The diagnostics and the raw view read the decoded text: ask the session for it when they need it.
    const wantRaw = this.raw !== undefined || (a !== undefined && a.diagnostics !== false);
    const hooks: SessionHooks = {
      signal: this.controller.signal,
      fetch: options.fetch,
      ready: options.ready,
      onChunk: this.recorder ? (bytes, t) => this.recorder!.onChunk(bytes, t) : undefined,
      onItem: (item) => this.take(secrets.length > 0 ? maskItem(item, secrets) : item),
    };
    const settings = { ...options.settings, raw: wantRaw || options.settings.raw === true };
    this.done = (options.refused
      ? refuse(options.refused, hooks.onItem)
      : options.replay
        ? replayRecording(options.replay.recording, hooks, { speed: options.replay.speed })
        : runStream(options.resolved ?? options.request, settings, hooks)
    ).finally(() => outer?.removeEventListener('abort', onAbort));
  }

  private take(item: TimelineItem): void {
    this.recorder?.onItem(item);
    const piece = this.analysis?.add(item);
    if (this.emulator && this.options.onDispatch) this.emulator.addTo(item, this.dispatch);
    if (item.kind === 'raw') this.raw?.add(item.text, item.size);
    else {
      if (item.kind === 'message' || item.kind === 'chunk') this.events++;
      if (this.store) this.keep(item, piece);
    }
    this.options.onItem?.(item, piece);
  }

  private keep(item: TimelineItem, piece: string | undefined): void {
    if (piece !== undefined) this.pendingPieces.set(this.pending.length, piece);
    this.pending.push(item);
    this.pendingBytes += itemBytes(item);
    // Whoever packs (a webview feed, every few ms) normally comes first; this bounds what waits when nobody does.
    if (this.pending.length >= PACK_ITEMS || this.pendingBytes >= Math.min(PACK_BYTES, this.options.store!.maxBytes / 8)) this.packStore();
  }

  /** Packs the items that arrived since the last batch into the store, and hands the batch to `onBatch`. */
  packStore(): void {
    if (!this.store || this.pending.length === 0) return;
    const { packed, batch } = packBatch(this.pending, this.pendingPieces);
    this.pending = [];
    this.pendingPieces = new Map();
    this.pendingBytes = 0;
    this.store.push(batch);
    this.options.onBatch?.(packed);
  }

  /** The items the store keeps, oldest first, as the stream gave them (raw text apart): what an export writes. */
  storedItems(): TimelineItem[] {
    this.packStore();
    const store = this.store;
    if (!store) return [];
    return Array.from({ length: store.length }, (_, i) => timelineItem(store.at(i)!));
  }

  /** Forgets what the store keeps (the timeline was cleared); items from now on are kept again. */
  clearStore(): void {
    this.pending = [];
    this.pendingPieces = new Map();
    this.pendingBytes = 0;
    this.store?.clear();
  }

  /** Stops the stream (end reason `aborted`). */
  stop(): void {
    this.controller.abort();
  }

  /** Messages and chunks so far. */
  get eventCount(): number {
    return this.events;
  }

  /** The assembled LLM response, when the stream is one. */
  merged(): MergedResponse | undefined {
    return this.analysis?.merged();
  }

  /** Grows whenever the merged response changed. */
  get mergeChanges(): number {
    return this.analysis?.mergeChanges ?? 0;
  }

  /** Timing analytics so far. */
  timing(): StreamStats | undefined {
    return this.analysis?.timing();
  }

  /** The recording, when it is kept in memory. */
  recording(): Recording | undefined {
    return this.recorder?.recording();
  }
}

/** Items waiting to be packed, at most: a batch of a busy stream's few milliseconds. */
const PACK_ITEMS = 8192;
const PACK_BYTES = 4 * 1024 * 1024;

/** An item read back from the store as the session made it: the LLM piece dropped, a record's JSON parsed again. */
function timelineItem(item: WireItem): TimelineItem {
  if (item.kind !== 'message') return item;
  const { piece: _piece, ...message } = item;
  if (message.format === 'sse' || message.error !== undefined) return message;
  try {
    return { ...message, json: JSON.parse(message.data) as unknown };
  } catch {
    return message;
  }
}

/** A run that ends at once with one error: nothing was sent. */
async function refuse(error: { code: ErrorCode; message: string }, onItem: (item: TimelineItem) => void): Promise<EndItem> {
  await Promise.resolve();
  onItem({ kind: 'error', t: 0, offset: 0, code: error.code, message: error.message, fatal: true });
  const end: EndItem = { kind: 'end', t: 0, offset: 0, reason: 'error', events: 0, bytes: 0, ms: 0 };
  onItem(end);
  return end;
}
