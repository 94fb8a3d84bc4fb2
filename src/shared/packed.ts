/**
 * The compact form a batch crosses to the webview in. VS Code's webview
 * channel moves typed arrays as bytes, but JSON-encodes (and the page then
 * structured-clones) every object: 100 000 event objects cost seconds, the
 * same events as three typed arrays cost milliseconds. Messages — nearly
 * every item of a busy stream — go as columns: numbers in a `Float64Array`,
 * string lengths in an `Int32Array`, and all their text as one UTF-8 buffer;
 * the few other items (request, response, errors, end…) go as objects with
 * their place in the batch.
 */
import type { Dispatch, DispatchRef, StreamFormat, TimelineItem, WireItem, WireMessage } from './wire';

/** Numbers per message in `nums`: t, offset, seq, size, format. */
const NUMS = 5;
/** Strings per message in `lens`: event, id, data, error, piece (-1: absent). */
const LENS = 5;

const FORMATS: readonly WireMessage['format'][] = ['sse', 'ndjson', 'json-seq'];

/** A batch of items, packed. */
export interface PackedItems {
  count: number;
  nums: Float64Array;
  lens: Int32Array;
  /** The strings of every message, one after the other, as UTF-8. */
  text: Uint8Array;
  /** Items that are not messages, with their place in the batch. */
  others: { at: number; item: Exclude<WireItem, WireMessage> }[];
}

/** EventSource dispatches, packed: events as (t, seq) pairs, the rest as objects with their place. */
export interface PackedDispatches {
  count: number;
  events: Float64Array;
  others: { at: number; d: Exclude<DispatchRef, { kind: 'event' }> }[];
}

const encoder = new TextEncoder();

/** Packs a batch (host side); `pieces` holds the LLM text of messages by their place in the batch. */
export function packItems(items: readonly (WireItem | TimelineItem)[], pieces?: ReadonlyMap<number, string>): PackedItems {
  return pack(items, pieces).packed;
}

/**
 * Packs a batch and opens it for reading at once (host side): the packed
 * form crosses to the webview, the opened one is what the host keeps —
 * its text as one string and a few typed arrays, instead of an object per
 * event for the garbage collector to trace while the stream runs.
 */
export function packBatch(items: readonly (WireItem | TimelineItem)[], pieces?: ReadonlyMap<number, string>): { packed: PackedItems; batch: PackedBatch } {
  const { packed, text } = pack(items, pieces);
  return { packed, batch: new PackedBatch(packed, text) };
}

function pack(items: readonly (WireItem | TimelineItem)[], pieces: ReadonlyMap<number, string> | undefined): { packed: PackedItems; text: string } {
  let messages = 0;
  for (const item of items) if (item.kind === 'message') messages++;
  const nums = new Float64Array(messages * NUMS);
  const lens = new Int32Array(messages * LENS);
  const parts: string[] = [];
  const others: PackedItems['others'] = [];
  const put = (l: number, v: string | undefined): void => {
    if (v === undefined) lens[l] = -1;
    else {
      lens[l] = v.length;
      parts.push(v);
    }
  };
  let m = 0;
  // A plain loop and no array per item: this runs for every event of a burst.
  for (let at = 0; at < items.length; at++) {
    const item = items[at]!;
    if (item.kind === 'raw') throw new Error('raw items do not cross to the webview');
    if (item.kind !== 'message') {
      others.push({ at, item });
      continue;
    }
    const n = m * NUMS;
    nums[n] = item.t;
    nums[n + 1] = item.offset;
    nums[n + 2] = item.seq;
    nums[n + 3] = item.size;
    nums[n + 4] = FORMATS.indexOf(item.format);
    const l = m * LENS;
    put(l, item.event);
    put(l + 1, item.id);
    put(l + 2, item.data);
    put(l + 3, item.error);
    put(l + 4, pieces?.get(at) ?? ('piece' in item ? item.piece : undefined));
    m++;
  }
  let text = parts.join('');
  // The webview cuts the text by UTF-16 lengths after the UTF-8 round trip. A lone surrogate comes back as one
  // U+FFFD (same length); but a pair split across two strings would come back whole: make each string
  // well-formed alone first, so every string reads back as it went in. Received text nearly always is already.
  if (!text.isWellFormed()) text = parts.map((p) => p.toWellFormed()).join('');
  return { packed: { count: items.length, nums, lens, text: encoder.encode(text), others }, text };
}

/**
 * EventSource dispatches gathered for the next batch (host side). A busy
 * stream dispatches an event per message: each is two numbers here, not an
 * object, until the batch is packed.
 */
export class DispatchPacker {
  private events: number[] = [];
  private others: PackedDispatches['others'] = [];
  private count = 0;

  /** Adds one dispatch. */
  add(d: Dispatch): void {
    if (d.kind === 'event') this.events.push(d.t, d.seq);
    else this.others.push({ at: this.count, d });
    this.count++;
  }

  /** The dispatches since the last call, packed; the packer starts over. */
  take(): PackedDispatches {
    const packed = { count: this.count, events: Float64Array.from(this.events), others: this.others };
    this.events = [];
    this.others = [];
    this.count = 0;
    return packed;
  }
}

/**
 * Unpacks dispatches (webview side): an event becomes just the `seq` of its
 * message (it was dispatched when the message arrived), so 100 000 of them
 * cost a number each, not an object.
 */
export function unpackDispatches(p: PackedDispatches): (number | Exclude<DispatchRef, { kind: 'event' }>)[] {
  const out = new Array<number | Exclude<DispatchRef, { kind: 'event' }>>(p.count);
  for (const { at, d } of p.others) out[at] = d;
  let k = 1;
  for (let i = 0; i < p.count; i++) {
    if (out[i] !== undefined) continue;
    out[i] = p.events[k]!;
    k += 2;
  }
  return out;
}

/**
 * A packed batch opened for reading: items come out one at a time, made
 * when asked for, so a kept batch costs its text and its numbers, not an
 * object per event. The webview opens what it receives; the host keeps the
 * batches it sent.
 */
export class PackedBatch {
  readonly count: number;
  /** Place in the batch → message number, or -1 for another item. */
  private readonly messageAt: Int32Array;
  /** Start of each message's strings in `text`. */
  private readonly starts: Int32Array;
  private readonly text: string;
  private readonly others = new Map<number, Exclude<WireItem, WireMessage>>();
  private readonly nums: Float64Array;
  private lastEvent: string | undefined;
  private readonly lens: Int32Array;
  /** Memory the batch holds, about. */
  readonly bytes: number;

  /** Opens `p` with its strings as one text (its UTF-8 buffer decoded, or the text it was packed from); the buffer is not kept. */
  constructor(p: PackedItems, text: string) {
    this.count = p.count;
    this.nums = p.nums;
    this.lens = p.lens;
    this.text = text;
    for (const o of p.others) this.others.set(o.at, o.item);
    this.messageAt = new Int32Array(p.count);
    let m = 0;
    for (let i = 0; i < p.count; i++) this.messageAt[i] = this.others.has(i) ? -1 : m++;
    this.starts = new Int32Array(m);
    let pos = 0;
    for (let k = 0; k < m; k++) {
      this.starts[k] = pos;
      for (let j = 0; j < LENS; j++) pos += Math.max(0, p.lens[k * LENS + j]!);
    }
    this.bytes = this.text.length * 2 + p.nums.byteLength + p.lens.byteLength + m * 8 + p.count * 4 + p.others.length * 512;
  }

  /** Whether item `i` is a message. */
  isMessage(i: number): boolean {
    return this.messageAt[i]! >= 0;
  }

  /** The `seq` of message item `i`. */
  seqAt(i: number): number {
    return this.nums[this.messageAt[i]! * NUMS + 2]!;
  }

  /** What groups message item `i` in the type chips: its SSE event type, else its format. */
  eventAt(i: number): string {
    const m = this.messageAt[i]!;
    const len = this.lens[m * LENS]!;
    if (len < 0) return FORMATS[this.nums[m * NUMS + 4]!]!;
    // Event types repeat: the one before is returned again rather than a new string cut for each event.
    const start = this.starts[m]!;
    const last = this.lastEvent;
    if (last !== undefined && last.length === len && this.text.startsWith(last, start)) return last;
    this.lastEvent = this.text.slice(start, start + len);
    return this.lastEvent;
  }

  /** Item `i` of the batch. */
  item(i: number): WireItem {
    const m = this.messageAt[i]!;
    if (m < 0) return this.others.get(i)!;
    const n = m * NUMS;
    const l = m * LENS;
    const nums = this.nums;
    const lens = this.lens;
    let pos = this.starts[m]!;
    const take = (k: number): string | undefined => {
      const len = lens[l + k]!;
      if (len < 0) return undefined;
      const s = this.text.slice(pos, pos + len);
      pos += len;
      return s;
    };
    const event = take(0);
    const id = take(1);
    const data = take(2)!;
    const error = take(3);
    const piece = take(4);
    const message: WireMessage = { kind: 'message', t: nums[n]!, offset: nums[n + 1]!, seq: nums[n + 2]!, size: nums[n + 3]!, format: FORMATS[nums[n + 4]!] as Exclude<StreamFormat, 'text'>, data };
    if (event !== undefined) message.event = event;
    if (id !== undefined) message.id = id;
    if (error !== undefined) message.error = error;
    if (piece !== undefined) message.piece = piece;
    return message;
  }

  /** The items that are not messages, with their places. */
  otherItems(): ReadonlyMap<number, Exclude<WireItem, WireMessage>> {
    return this.others;
  }
}
