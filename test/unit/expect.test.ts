/** The `expect` block: each check passes and fails as a user reads it, with what was expected, what came and which event. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { StreamAnalysis } from '../../src/core/analysis/stream-analysis';
import type { Diagnostic } from '../../src/core/analysis/diagnostics';
import { parseCollection } from '../../src/core/collections/parse';
import { ExpectChecker } from '../../src/core/expect/checker';
import type { CheckResult, Expect } from '../../src/core/expect/model';
import type { TimelineItem } from '../../src/core/items';
import { bytesOf, parse, splits } from './helpers/feed';

const root = join(__dirname, '..', '..');

/** A response head, then the SSE events of `text` (10 ms apart), then the end. */
function sseItems(text: string, status = 200): TimelineItem[] {
  const items: TimelineItem[] = [{ kind: 'response', t: 5, offset: 0, status, statusText: '', headers: {}, url: 'http://x/', redirected: false, format: 'sse', formatSource: 'content-type', ttfbMs: 5 }];
  parse('sse', [bytesOf(text)]).items.forEach((item, i) => items.push({ ...item, t: 10 * (i + 1) } as TimelineItem));
  items.push({ kind: 'end', t: 1000, offset: 0, reason: 'eof', events: 0, bytes: 0, ms: 1000 });
  return items;
}

function check(expect: Expect, items: TimelineItem[], problems: Diagnostic[] = []): CheckResult[] {
  const checker = new ExpectChecker(expect);
  const analysis = new StreamAnalysis();
  for (const item of items) {
    analysis.add(item);
    checker.add(item);
  }
  return checker.results({ merged: analysis.merged(), timing: analysis.timing(), problems });
}

function failures(results: CheckResult[]): string[] {
  return results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.message}`);
}

const COUNTER = 'data: {"n":0}\n\ndata: {"n":1}\n\nevent: tick\ndata: {"n":2,"tag":"b"}\n\nevent: done\ndata: [DONE]\n\n';

describe('expect: the contract keys', () => {
  it('passes the issue\'s example block on a stream that meets it', () => {
    const expect: Expect = { status: 200, maxTtfbMs: 500, events: { min: 3, max: 100 }, eventTypes: ['done'], jsonPath: [{ path: '$.n', on: 'last', equals: 2 }] };
    const results = check(expect, sseItems(COUNTER));
    assert.deepEqual(failures(results), []);
    assert.equal(results.length, 5);
  });

  it('fails each key with what was expected, what came and which event', () => {
    const expect: Expect = { status: 201, maxTtfbMs: 1, events: { min: 1, max: 2 }, eventTypes: ['end'], jsonPath: [{ path: '$.n', on: 'last', equals: 5 }, { path: '$.n', on: 'each', matches: '^[01]$' }, { path: '$.tag', on: 'any', equals: 'z' }] };
    assert.deepEqual(failures(check(expect, sseItems(COUNTER))), [
      'status: expected status 201, got 200',
      'maxTtfbMs: expected the first byte within 1 ms, got 5.0 ms',
      'events: expected 1 to 2 events, got 4; the first one too many came at event #3 "tick" (30 ms)',
      'eventTypes: expected an event of type "end"; got "message", "tick", "done"',
      'jsonPath[0]: $.n on last: expected 5, got 2 at event #3 "tick" (30 ms)',
      'jsonPath[1]: $.n on each: expected a value matching /^[01]$/, got 2 at event #3 "tick" (30 ms)',
      'jsonPath[2]: $.tag on any: expected "z" in any of 3 JSON events; the last had "b" at event #3 "tick" (30 ms)',
    ]);
  });

  it('skips events whose data is not JSON, and says so when no JSON event came at all', () => {
    const each = check({ jsonPath: [{ path: '$.n', on: 'each', exists: true }] }, sseItems(COUNTER));
    assert.equal(each[0]!.ok, true, '[DONE] is not judged');
    assert.match(each[0]!.message, /in all 3 JSON events/);
    const none = check({ jsonPath: [{ path: '$.n', event: 'nope' }] }, sseItems(COUNTER));
    assert.deepEqual(failures(none), ['jsonPath[0]: $.n on each: expected a value, but no JSON "nope" events came']);
  });

  it('an expected error status passes; any other failed stream is reported first', () => {
    const fatal: TimelineItem = { kind: 'error', t: 3, offset: 0, code: 'http-status', status: 404, message: 'HTTP 404 Not Found', fatal: true };
    const items = [sseItems('', 404)[0]!, fatal];
    assert.deepEqual(failures(check({ status: 404 }, items)), []);
    assert.deepEqual(failures(check({ events: { min: 1 } }, items)), ['stream: the stream failed: HTTP 404 Not Found', 'events: expected at least 1 events, got 0']);
  });
});

describe('expect: timing, types, order and diagnostics', () => {
  it('checks the first event, the longest gap, forbidden types and an ordered sequence', () => {
    const items = sseItems(COUNTER);
    assert.deepEqual(failures(check({ maxFirstEventMs: 10, maxGapMs: 10, forbidEventTypes: ['error'], sequence: ['message', 'tick', 'done'] }, items)), []);
    const late = items.map((i) => (i.kind === 'message' && i.seq === 3 ? { ...i, t: 500 } : i));
    assert.deepEqual(failures(check({ maxFirstEventMs: 5, maxGapMs: 100, forbidEventTypes: ['tick'], sequence: ['tick', 'message'] }, late)), [
      'maxFirstEventMs: expected the first event within 5 ms, got 10.0 ms',
      'forbidEventTypes: expected no event of type "tick", got "tick" at event #3 "tick" (500 ms)',
      'sequence: expected events in order tick → message; "message" never came after "tick" at event #3 "tick" (500 ms)',
      'maxGapMs: expected no gap over 100 ms between events, got 480.0 ms ending at event #3 "tick" (500 ms)',
    ]);
  });

  it('noDiagnostics: all codes or the listed ones, naming the event', () => {
    const d: Diagnostic = { code: 'invalid-json-data', severity: 'warning', message: 'data looks like JSON but does not parse', fix: '', t: 20, seq: 2 };
    assert.deepEqual(failures(check({ noDiagnostics: ['cors-missing'] }, sseItems(COUNTER), [d])), []);
    assert.deepEqual(failures(check({ noDiagnostics: true }, sseItems(COUNTER), [d])), ['noDiagnostics: expected no protocol diagnostics, got invalid-json-data: data looks like JSON but does not parse at event #2 (20 ms)']);
  });
});

describe('expect: the merged LLM response', () => {
  const bytes = new Uint8Array(readFileSync(join(root, 'test', 'fixtures', 'llm', 'openai-chat.sse')));
  const good: Expect = { llm: { text: 'Checking \\*\\*weather', toolCalls: [{ name: 'get_weather', arguments: { location: 'Paris' } }], finishReason: 'tool_calls', minTokensPerSec: 1 } };

  it('passes text, tool calls with arguments, finish reason and token rate at every split of a recorded stream', () => {
    for (const { label, chunks } of splits(bytes)) {
      const items = sseItems('');
      items.splice(1, 0, ...parse('sse', chunks).items.map((item, i) => ({ ...item, t: 10 * (i + 1) }) as TimelineItem));
      assert.deepEqual(failures(check(good, items)), [], label);
    }
  });

  it('fails with what the response held', () => {
    const items = sseItems(new TextDecoder().decode(bytes));
    const bad: Expect = { llm: { text: '^Bonjour', toolCalls: [{ name: 'get_weather', arguments: { location: 'Rome' } }, { name: 'search' }], finishReason: 'stop', minTokensPerSec: 1e6 } };
    const f = failures(check(bad, items));
    assert.equal(f[0], 'llm.text: expected the text to match /^Bonjour/, got "Hello, 世界! Checking **weather**."');
    assert.match(f[1]!, /^llm\.toolCalls\[0\]: expected tool "get_weather" called with \{"location":"Rome"\}, got get_weather\(\{"location":"Paris","unit":"c"\}\)$/);
    assert.match(f[2]!, /^llm\.toolCalls\[1\]: expected a call of tool "search", got get_weather\(.*\), get_time\(/);
    assert.equal(f[3], 'llm.finishReason: expected finish reason "stop", got "tool_calls"');
    assert.match(f[4]!, /^llm\.minTokensPerSec: expected at least 1000000 tokens\/s, got [\d.]+ tokens\/s$/);
    assert.deepEqual(failures(check({ llm: { text: 'x' } }, sseItems(COUNTER))), ['llm: expected an LLM response (OpenAI, Anthropic, Gemini or Ollama stream), got a stream the merge does not recognise']);
  });
});

describe('expect in collection files', () => {
  const file = (expect: unknown): string => JSON.stringify({ version: 1, requests: [{ name: 'r', method: 'GET', url: 'http://x/', expect }] });
  const schema = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(root, 'schemas', 'streams.schema.json'), 'utf8')) as object);

  it('a full block parses and validates against the schema', () => {
    const expect: Expect = { status: 200, maxTtfbMs: 500, maxFirstEventMs: 800, maxGapMs: 2000, events: { min: 3, max: 100 }, eventTypes: ['done'], forbidEventTypes: ['error'], sequence: ['start', 'done'], jsonPath: [{ path: '$.n', on: 'last', equals: 2 }, { path: '$.t', event: 'tick', matches: '^a' }, { path: '$.e', exists: false }], llm: { text: 'hi', toolCalls: [{ name: 'f', arguments: { a: 1 } }], finishReason: 'stop', minTokensPerSec: 5 }, noDiagnostics: ['cors-missing'], stopAfterMs: 3000 };
    const parsed = parseCollection(file(expect));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.ok(schema(JSON.parse(file(expect))), JSON.stringify(schema.errors));
    const withFlow = { ...(JSON.parse(file(expect)) as object), flows: [{ name: 'f', listen: 'r', steps: [{ send: 'r', expectEvent: { event: 'order', jsonPath: [{ path: '$.id', exists: true }], withinMs: 100 } }, { send: 'r' }], expect }] };
    assert.ok(parseCollection(JSON.stringify(withFlow)).ok);
    assert.ok(schema(withFlow), JSON.stringify(schema.errors));
  });

  it('mistakes are reported with where they are, by the parser and the schema alike', () => {
    const cases: [unknown, RegExp][] = [
      [{ staus: 200 }, /requests\[0\] "r"\.expect has an unknown key "staus"/],
      [{ events: { min: -1 } }, /expect\.events must be/],
      [{ jsonPath: [{ path: 'n' }] }, /expect\.jsonPath\[0\]\.path "n" is not valid JSONPath/],
      [{ jsonPath: [{ path: '$.n', on: 'first' }] }, /jsonPath\[0\]\.on must be each, any or last/],
      [{ jsonPath: [{ path: '$.n', matches: '(' }] }, /jsonPath\[0\]\.matches is not a valid regular expression/],
      [{ llm: { toolCalls: [{}] } }, /llm\.toolCalls\[0\] needs a "name"/],
      [{ noDiagnostics: ['nope'] }, /noDiagnostics names an unknown code "nope"/],
      [{ eventTypes: 'done' }, /eventTypes must be a list/],
      [{ events: { min: 5, max: 1 } }, /expect\.events\.min \(5\) is more than its max \(1\): no stream can pass/],
      [{ jsonPath: [{ path: '$.n', equals: 1, matches: '1', exists: false }] }, /jsonPath\[0\] has equals and matches and exists: give one of equals, matches or exists/],
      [{}, /requests\[0\] "r"\.expect has no checks: add one/],
      [{ stopAfterMs: 100 }, /expect has no checks/],
    ];
    const flows: [unknown, RegExp][] = [
      [{ name: 'f', listen: 'r', steps: [] }, /flows\[0\] "f" needs "steps"/],
      [{ name: 'f', listen: 'r', steps: [{ send: 'r', expectEvent: { within: 5 } }] }, /flows\[0\] "f"\.steps\[0\]\.expectEvent has an unknown key "within"/],
      [{ name: 'f', steps: [{ send: 'r' }] }, /flows\[0\] "f" needs "listen"/],
    ];
    for (const [flow, message] of flows) {
      const text = JSON.stringify({ version: 1, requests: [{ name: 'r', method: 'GET', url: 'http://x/' }], folders: [{ name: 'd', flows: [] }], flows: [flow] });
      const parsed = parseCollection(text);
      assert.match(parsed.ok ? '' : parsed.error, message);
      assert.equal(schema(JSON.parse(text)), false, `schema accepts ${JSON.stringify(flow)}`);
    }
    for (const [expect, message] of cases) {
      const parsed = parseCollection(file(expect));
      assert.equal(parsed.ok, false, JSON.stringify(expect));
      assert.match(parsed.ok ? '' : parsed.error, message);
      // A schema cannot compile a regex, parse JSONPath or compare min with max: the parser reports those.
      const schemaCannot = JSON.stringify(expect).includes('"(') || JSON.stringify(expect).includes('"max":1');
      if (!schemaCannot) assert.equal(schema(JSON.parse(file(expect))), false, `schema accepts ${JSON.stringify(expect)}`);
    }
  });

  it('a path that does not parse is reported in plain words with its column', () => {
    const parsed = parseCollection(file({ jsonPath: [{ path: '$.[[' }] }));
    assert.equal(parsed.ok ? '' : parsed.error, 'requests[0] "r".expect.jsonPath[0].path "$.[[" is not valid JSONPath: unexpected "[" at column 3; expected one of "*", a name');
    const early = parseCollection(file({ jsonPath: [{ path: '$.a[' }] }));
    assert.match(early.ok ? '' : early.error, /"\$\.a\[" is not valid JSONPath: the path ends too early \(column 5\)/);
  });

  it('every problem of a file is reported, not only the first', () => {
    const text = JSON.stringify({
      version: 1,
      requests: [{ name: 'a', method: 'GET', url: 'http://x/', expect: { staus: 200, events: { min: 5, max: 1 } } }, { name: 'b', url: 'http://x/', expect: { jsonPath: [{ path: 'n' }, { path: '$.x', on: 'first' }] } }],
      flows: [{ name: 'f', listen: 'a', steps: [{ send: 'a', expectEvent: { within: 5 } }], expect: {} }],
    });
    const parsed = parseCollection(text);
    assert.equal(parsed.ok, false);
    assert.deepEqual(parsed.ok ? [] : parsed.problems?.map((p) => p.replace(/ \(known:.*$|:.*$/, '')), [
      'requests[0] "a".expect has an unknown key "staus"',
      'requests[0] "a".expect.events.min (5) is more than its max (1)',
      'requests[1] "b" needs a "method"',
      'requests[1] "b".expect.jsonPath[0].path "n" is not valid JSONPath',
      'requests[1] "b".expect.jsonPath[1].on must be each, any or last',
      'flows[0] "f".steps[0].expectEvent has an unknown key "within"',
      'flows[0] "f".expect has no checks',
    ]);
    assert.equal(parsed.ok ? '' : parsed.error.split('\n').length, 7, 'one problem a line');
  });
});
