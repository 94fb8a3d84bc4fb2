/**
 * The real wire formats of common streaming APIs (test/fixtures/wire, see its
 * README for where each comes from) served from a loopback server with the
 * headers the real server sends, run through the engine exactly as the CLI
 * and the panel run them, with diagnostics on. None may raise a warning or
 * an error, and each must parse into the events it has.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticsCollector, type Diagnostic } from '../../src/core/analysis/diagnostics';
import type { StreamFormat, TimelineItem } from '../../src/core/items';
import { runStream } from '../../src/core/session';
import { startServer } from '../integration/helpers/server';

const DIR = join(__dirname, '..', 'fixtures', 'wire');

/** A fixture's description, beside its `.body` file. */
interface WireFixture {
  title: string;
  sources: { url: string; what: string; license: string }[];
  request: { method: string; path: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string> };
  expect: { format: StreamFormat; events: number; keepOpen?: boolean };
}

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.slice(0, -'.json'.length), meta: JSON.parse(readFileSync(join(DIR, f), 'utf8')) as WireFixture }));

/** Serves the body in pieces of a few hundred bytes, so events straddle chunks as they do on the network. */
async function run(name: string, meta: WireFixture): Promise<{ items: TimelineItem[]; diagnostics: Diagnostic[]; seen: string }> {
  const body = readFileSync(join(DIR, `${name}.body`));
  let seen = '';
  const server = await startServer((req, res) => {
    seen = `${req.method ?? ''} ${req.url ?? ''}`;
    res.writeHead(meta.response.status, meta.response.headers);
    for (let at = 0; at < body.length; at += 300) res.write(body.subarray(at, at + 300));
    // A generic event stream stays open; the client stops once it has every event.
    if (!meta.expect.keepOpen) res.end();
  });
  const items: TimelineItem[] = [];
  const diagnostics: Diagnostic[] = [];
  const collector = new DiagnosticsCollector((d) => diagnostics.push(d));
  const stop = new AbortController();
  let messages = 0;
  try {
    await runStream(
      {
        method: meta.request.method,
        url: `${server.url}${meta.request.path}`,
        headers: Object.entries(meta.request.headers).map(([name, value]) => ({ name, value })),
        body: meta.request.body === '' ? { kind: 'none' } : { kind: 'raw', text: meta.request.body },
      },
      { raw: true },
      {
        signal: stop.signal,
        onItem(item) {
          items.push(item);
          collector.add(item);
          if (item.kind === 'message' && ++messages === meta.expect.events && meta.expect.keepOpen) stop.abort();
        },
      },
    );
  } finally {
    await server.close();
  }
  return { items, diagnostics, seen };
}

describe('real wire formats raise no warning or error', () => {
  it('has the corpus', () => {
    assert.deepEqual(
      fixtures.map((f) => f.name).sort(),
      ['anthropic-error', 'anthropic-messages', 'gemini-sse', 'generic-event-stream', 'mcp-streamable-http', 'ollama-generate', 'openai-chat', 'openai-responses'],
    );
    for (const { name, meta } of fixtures) assert.ok(meta.sources.length > 0 && meta.sources.every((s) => s.url && s.license), name);
  });

  for (const { name, meta } of fixtures) {
    it(`${name}: ${meta.title}`, async () => {
      const { items, diagnostics, seen } = await run(name, meta);
      assert.equal(seen, `${meta.request.method} ${meta.request.path}`);
      const response = items.find((i) => i.kind === 'response');
      assert.equal(response?.kind === 'response' && response.format, meta.expect.format);
      const messages = items.filter((i) => i.kind === 'message');
      assert.equal(messages.length, meta.expect.events);
      assert.ok(messages.every((m) => m.kind === 'message' && m.error === undefined), 'every record parses');
      assert.deepEqual(items.filter((i) => i.kind === 'error'), [], 'no error items');
      const loud = diagnostics.filter((d) => d.severity !== 'info');
      assert.deepEqual(loud.map((d) => `${d.severity} ${d.code}: ${d.message}`), []);
      const end = items.at(-1);
      assert.equal(end?.kind === 'end' && end.reason, meta.expect.keepOpen ? 'aborted' : 'eof');
    });
  }
});
