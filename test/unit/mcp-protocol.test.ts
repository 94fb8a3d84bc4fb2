/** The MCP panel's messages from the webview are checked before the host acts on them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMcpWebviewMessage } from '../../src/shared/mcp-protocol';

describe('MCP panel messages from the webview', () => {
  it('accepts the intents of the protocol', () => {
    const form = { url: 'http://127.0.0.1:3001/mcp', headers: [{ name: 'Authorization', value: 'Bearer {{secret:t}}' }], protocolVersion: '', listen: true };
    for (const m of [
      { type: 'webview/ready' },
      { type: 'mcp/connect', form },
      { type: 'mcp/disconnect' },
      { type: 'mcp/probe' },
      { type: 'mcp/list', list: 'templates' },
      { type: 'mcp/call', method: 'tools/call', params: { name: 'echo' }, resume: true },
      { type: 'mcp/call', method: 'ping' },
      { type: 'mcp/cancel', id: 3 },
      { type: 'mcp/cancel', id: 'a' },
      { type: 'exchange/show', exchange: 4 },
      { type: 'raw/get', requestId: 'x4', from: 0, to: 50 },
      { type: 'clipboard/copy', text: 'x' },
    ]) {
      assert.ok(isMcpWebviewMessage(m), JSON.stringify(m));
    }
  });

  it('refuses anything else', () => {
    for (const m of [
      null,
      [],
      { type: 'mcp/connect', form: { url: 'x', headers: [{ name: 1 }], protocolVersion: '', listen: true } },
      { type: 'mcp/connect', form: { url: 'x', headers: [], listen: true } },
      { type: 'mcp/list', list: 'everything' },
      { type: 'mcp/call', method: '' },
      { type: 'mcp/call', method: 'ping', params: [1] },
      { type: 'mcp/call', method: 'ping', resume: 'yes' },
      { type: 'mcp/cancel', id: null },
      { type: 'mcp/cancel', id: Number.NaN },
      { type: 'exchange/show', exchange: 1.5 },
      { type: 'request/send' },
    ]) {
      assert.ok(!isMcpWebviewMessage(m), JSON.stringify(m));
    }
  });
});
