/**
 * Compares two recordings of the same request: which events were added,
 * removed or changed (aligned by longest common subsequence on type and
 * data; within a run of edits, a removed and an added event of the same
 * type are one change), and how the timing moved. On request, values that
 * differ in every run (generated ids, timestamps) do not count as changes.
 */
import type { MessageItem } from '../items';
import { maskVolatile, type CompareOptions } from './comparable';
import { recordedMessages } from './export';
import type { Recording } from './format';

/** One difference between two streams' events. */
export type EventChange =
  | { kind: 'added'; index: number; event: string; data: string }
  | { kind: 'removed'; index: number; event: string; data: string }
  | { kind: 'changed'; index: number; event: string; before: string; after: string };

/** Timing figures side by side. */
export interface TimingDiff {
  ttfbMs: [number, number];
  durationMs: [number, number];
  events: [number, number];
  meanGapMs: [number, number];
}

/** The result of a comparison. */
export interface RecordingDiff {
  same: boolean;
  changes: EventChange[];
  unchanged: number;
  timing: TimingDiff;
}

/** Beyond this many table cells, events are compared position by position instead. */
const MAX_LCS_CELLS = 16_000_000;

const keyOf = (m: MessageItem): string => `${m.event ?? ''}\u0000${m.data}`;

function meanGap(ms: MessageItem[]): number {
  if (ms.length < 2) return 0;
  return Math.round(((ms[ms.length - 1]!.t - ms[0]!.t) / (ms.length - 1)) * 10) / 10;
}

function timingOf(a: Recording, b: Recording, x: MessageItem[], y: MessageItem[]): TimingDiff {
  const duration = (r: Recording): number => r.end?.t ?? r.connections.at(-1)?.chunks.at(-1)?.t ?? 0;
  return {
    ttfbMs: [a.connections[0]?.t ?? 0, b.connections[0]?.t ?? 0],
    durationMs: [duration(a), duration(b)],
    events: [x.length, y.length],
    meanGapMs: [meanGap(x), meanGap(y)],
  };
}

/** Edits between shared events, as runs: each run is what lies between two anchors. */
function editRuns(x: MessageItem[], y: MessageItem[]): { runs: EventChange[][]; unchanged: number } {
  const n = x.length;
  const m = y.length;
  const runs: EventChange[][] = [];
  let run: EventChange[] = [];
  let unchanged = 0;
  const added = (j: number): EventChange => ({ kind: 'added', index: j, event: y[j]!.event ?? '', data: y[j]!.data });
  const removed = (i: number): EventChange => ({ kind: 'removed', index: i, event: x[i]!.event ?? '', data: x[i]!.data });
  if (n * m > MAX_LCS_CELLS) {
    // Too big for a table: compare position by position.
    for (let k = 0; k < Math.max(n, m); k++) {
      if (k < n && k < m && keyOf(x[k]!) === keyOf(y[k]!)) {
        unchanged++;
        continue;
      }
      const pair: EventChange[] = [];
      if (k < n) pair.push(removed(k));
      if (k < m) pair.push(added(k));
      runs.push(pair);
    }
    return { runs, unchanged };
  }
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = keyOf(x[i]!) === keyOf(y[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && keyOf(x[i]!) === keyOf(y[j]!)) {
      if (run.length > 0) runs.push(run);
      run = [];
      unchanged++;
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      run.push(added(j++));
    } else {
      run.push(removed(i++));
    }
  }
  if (run.length > 0) runs.push(run);
  return { runs, unchanged };
}

/** Compares recording `a` (before) with `b` (after). */
export function diffRecordings(a: Recording, b: Recording, options: CompareOptions = { ignoreVolatile: false }): RecordingDiff {
  const messages = (r: Recording): MessageItem[] => (options.ignoreVolatile ? recordedMessages(r).map((m) => ({ ...m, data: maskVolatile(m.data) })) : recordedMessages(r));
  const x = messages(a);
  const y = messages(b);
  const { runs, unchanged } = editRuns(x, y);
  const changes: EventChange[] = [];
  for (const run of runs) {
    const added = run.filter((c) => c.kind === 'added');
    for (const c of run) {
      if (c.kind !== 'removed') continue;
      const k = added.findIndex((d) => d.event === c.event);
      const d = k === -1 ? undefined : added.splice(k, 1)[0];
      if (d?.kind === 'added') changes.push({ kind: 'changed', index: d.index, event: c.event, before: c.data, after: d.data });
      else changes.push(c);
    }
    changes.push(...added);
  }
  return { same: changes.length === 0, changes, unchanged, timing: timingOf(a, b, x, y) };
}

/** One line of a diff as text, with what it is (callers colour by kind). */
export interface DiffLine {
  kind: 'added' | 'removed' | 'changed' | 'summary' | 'timing';
  text: string;
}

/** The diff as lines a person reads: each change, then a summary and the timing. */
export function diffLines(d: RecordingDiff, preview: (text: string, max: number) => string): DiffLine[] {
  const lines: DiffLine[] = d.changes.map((c) => {
    const what = `#${c.index} ${c.event || 'message'}`;
    if (c.kind === 'changed') return { kind: c.kind, text: `~ ${what}  ${preview(c.before, 56)}  →  ${preview(c.after, 56)}` };
    return { kind: c.kind, text: `${c.kind === 'added' ? '+' : '-'} ${what}  ${preview(c.data, 120)}` };
  });
  const t = d.timing;
  lines.push({ kind: 'summary', text: d.same ? `Same events (${d.unchanged}).` : `${d.changes.length} differences; ${d.unchanged} events the same.` });
  lines.push({ kind: 'timing', text: `Events ${t.events[0]} → ${t.events[1]} · first byte ${t.ttfbMs[0].toFixed(1)} → ${t.ttfbMs[1].toFixed(1)} ms · duration ${t.durationMs[0].toFixed(0)} → ${t.durationMs[1].toFixed(0)} ms · mean gap ${t.meanGapMs[0]} → ${t.meanGapMs[1]} ms` });
  return lines;
}
