/**
 * The HTTP exchanges of an MCP session, kept so any of them can be shown in
 * the timeline with its raw bytes: items per exchange and the raw text by
 * rows, bounded per exchange and in number (the oldest exchanges go); and
 * a recording of each of the latest, to save as a file.
 */
import type { EndItem, TimelineItem } from '../../core/items';
import type { ExchangeInfo } from '../../core/mcp/client';
import { MemoryRecording, type RecordingSink } from '../../core/recording/recorder';
import { RawRows } from '../../core/run/raw-rows';

/** Most exchanges kept. */
const MAX_EXCHANGES = 500;
/** Most items kept per exchange (a long listener stream keeps its latest). */
const MAX_ITEMS = 20_000;
/** Raw text kept per exchange. */
const RAW_BYTES = 2 * 1024 * 1024;

/** Recordings kept: the latest exchanges', each up to `RECORDING_BYTES` (a long listener stream keeps its start). */
const MAX_RECORDINGS = 50;
const RECORDING_BYTES = 2 * 1024 * 1024;

/** One exchange as kept. */
export interface KeptExchange {
  info: ExchangeInfo;
  items: TimelineItem[];
  raw: RawRows;
  end?: EndItem;
  dropped: number;
}

/** Exchanges by number. */
export class ExchangeStore {
  private readonly kept = new Map<number, KeptExchange>();
  private readonly recordings = new Map<number, MemoryRecording>();

  /** Where an exchange is recorded as it starts (the client asks before its first byte). */
  recordingFor(info: ExchangeInfo): RecordingSink {
    if (this.recordings.size >= MAX_RECORDINGS) this.recordings.delete(this.recordings.keys().next().value as number);
    const rec = new MemoryRecording(RECORDING_BYTES);
    this.recordings.set(info.n, rec);
    return rec;
  }

  /** The recording of exchange `n`, if still kept. */
  recording(n: number): MemoryRecording | undefined {
    return this.recordings.get(n);
  }

  /** An exchange started. */
  start(info: ExchangeInfo): void {
    if (this.kept.size >= MAX_EXCHANGES) this.kept.delete(this.kept.keys().next().value as number);
    this.kept.set(info.n, { info, items: [], raw: new RawRows(RAW_BYTES), dropped: 0 });
  }

  /** An item of an exchange; returns false for the raw text (kept by rows, not shown as a row). */
  add(n: number, item: TimelineItem): boolean {
    const x = this.kept.get(n);
    if (!x) return false;
    if (item.kind === 'raw') {
      x.raw.add(item.text, item.size);
      return false;
    }
    if (item.kind === 'end') x.end = item;
    if (x.items.length >= MAX_ITEMS) {
      x.items.splice(0, MAX_ITEMS / 10);
      x.dropped += MAX_ITEMS / 10;
    }
    x.items.push(item);
    return true;
  }

  /** An exchange, if still kept. */
  get(n: number): KeptExchange | undefined {
    return this.kept.get(n);
  }

  /** Forgets everything (a new connection). */
  clear(): void {
    this.kept.clear();
    this.recordings.clear();
  }
}
