/** A saved MCP request: its shape in a collection file, and its params with variables filled in. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCollection } from '../../src/core/collections/parse';
import { resolveMcpCall } from '../../src/core/mcp/saved-call';

describe('saved MCP calls', () => {
  it('fills each string of the params on its own, so quotes in a value keep the JSON whole', () => {
    const values: Record<string, string> = { text: 'say "hi" \\ bye', n: '3' };
    const r = resolveMcpCall({ method: 'tools/call', params: { name: 'echo', arguments: { text: '{{text}}', list: ['{{n}}', 4, null], deep: { x: '{{nope}}' } } } }, (name) => values[name]);
    assert.deepEqual(r.call.params, { name: 'echo', arguments: { text: 'say "hi" \\ bye', list: ['3', 4, null], deep: { x: '{{nope}}' } } });
    assert.deepEqual(r.missing, ['nope']);
  });

  it('is checked when a collection is read', () => {
    const ok = parseCollection(JSON.stringify({ version: 1, requests: [{ name: 'tools', method: 'POST', url: 'http://h/mcp', mcp: { method: 'tools/list' } }] }));
    assert.ok(ok.ok);
    const bad = parseCollection(JSON.stringify({ version: 1, requests: [{ name: 'tools', method: 'POST', url: 'http://h/mcp', mcp: { params: {} } }] }));
    assert.ok(!bad.ok);
    assert.match(bad.error, /"tools"\.mcp needs a "method"/);
  });
});
