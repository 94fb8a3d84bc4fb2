/** The headers an MCP client sends with each message: the user's win, the transport's follow the session. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageHeaders } from '../../src/core/mcp/message-headers';
import { preflightRequest } from '../../src/core/mcp/preflight';

const names = (h: { name: string; value: string }[]): string[] => h.map((x) => `${x.name}: ${x.value}`);

describe('MCP message headers', () => {
  const session = { connected: true, sessionId: 's-1', protocolVersion: '2025-06-18' };

  it('an initialize carries Accept only: no session and no version yet', () => {
    assert.deepEqual(names(messageHeaders([{ name: 'Authorization', value: 'Bearer t' }], session, { initialize: true })), ['Authorization: Bearer t', 'Accept: application/json, text/event-stream']);
  });

  it('later messages carry the session id and, from 2025-06-18, the protocol version', () => {
    assert.deepEqual(names(messageHeaders([], session, {})), ['Accept: application/json, text/event-stream', 'Mcp-Session-Id: s-1', 'MCP-Protocol-Version: 2025-06-18']);
    assert.deepEqual(names(messageHeaders([], { ...session, protocolVersion: '2025-03-26' }, {})), ['Accept: application/json, text/event-stream', 'Mcp-Session-Id: s-1']);
    assert.deepEqual(names(messageHeaders([], { connected: false }, { accept: 'text/event-stream' })), ['Accept: text/event-stream']);
  });

  it('a header the user set wins, whatever its case; a switched-off one is not sent', () => {
    const user = [
      { name: 'accept', value: 'application/json' },
      { name: 'MCP-SESSION-ID', value: 'mine' },
      { name: 'X-Off', value: '1', enabled: false },
    ];
    assert.deepEqual(names(messageHeaders(user, session, {})), ['accept: application/json', 'MCP-SESSION-ID: mine', 'MCP-Protocol-Version: 2025-06-18']);
  });

  it('a preflight asks for the transport headers and the user\u2019s own, once each', () => {
    const { headers, wanted } = preflightRequest('https://inspector.example', [{ name: 'Authorization', value: 'x' }, { name: 'content-type', value: 'y' }, { name: 'X-Off', value: '1', enabled: false }]);
    assert.deepEqual(wanted, ['content-type', 'mcp-session-id', 'mcp-protocol-version', 'authorization']);
    assert.deepEqual(names(headers), ['Origin: https://inspector.example', 'Access-Control-Request-Method: POST', 'Access-Control-Request-Headers: content-type, mcp-session-id, mcp-protocol-version, authorization']);
  });
});
