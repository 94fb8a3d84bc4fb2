import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHttpFile } from '../../src/core/http-file/parse';

const CHAT = `@host = http://localhost:3000
@token = {{$dotenv OPENAI_KEY}}

### Chat completion
# @name chat
POST {{host}}/v1/chat/completions HTTP/1.1
Content-Type: application/json
// the key comes from .env
Authorization: Bearer {{token}}

{
  "model": "m",
  "stream": true
}

# a note about the next request
###
https://example.com/sse
    ?topic=a
    &limit={{$processEnv LIMIT}}
Accept: text/event-stream

> {%
  client.test("ok", () => {});
%}
`;

describe('.http files', () => {
  it('reads file variables, names, the request line, headers and a JSON body up to the next ###', () => {
    const f = parseHttpFile(CHAT);
    assert.deepEqual({ ...f.variables }, { host: 'http://localhost:3000', token: '{{$env:OPENAI_KEY}}' });
    assert.equal(f.blocks.length, 2);
    const [chat, sse] = f.blocks as [NonNullable<(typeof f.blocks)[0]>, NonNullable<(typeof f.blocks)[0]>];
    assert.equal(chat.name, 'chat');
    assert.equal(chat.line, 6);
    assert.equal(CHAT.slice(chat.startOffset, chat.startOffset + 3), '###');
    assert.equal(chat.endOffset, sse.startOffset);
    assert.equal(sse.endOffset, CHAT.length);
    assert.deepEqual(chat.request, {
      name: 'chat',
      method: 'POST',
      url: '{{host}}/v1/chat/completions',
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Authorization', value: 'Bearer {{token}}' },
      ],
      body: { kind: 'json', text: '{\n  "model": "m",\n  "stream": true\n}' },
    });
    assert.equal(chat.unsupported, undefined);
    assert.equal(sse.name, 'GET https://example.com/sse?topic=a&limit={{$processEnv LIMIT}}');
    assert.equal(sse.line, 18);
    assert.equal(sse.request.method, 'GET', 'no method is GET');
    assert.equal(sse.request.url, 'https://example.com/sse?topic=a&limit={{$env:LIMIT}}');
    assert.equal(sse.request.body, undefined, 'the response handler is not a body');
    assert.match(sse.warnings.join('\n'), /response handler/);
  });

  it('reads form bodies over several lines, Host-relative URLs, CRLF files and a BOM', () => {
    const text = '\uFEFFPOST /login HTTP/1.1\r\nHost: api.test:443\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nuser=a%20b\r\n&pass={{secret}}\r\n';
    const [b] = parseHttpFile(text).blocks;
    assert.equal(b!.request.url, 'https://api.test:443/login');
    assert.deepEqual(b!.request.body, { kind: 'form', fields: [{ name: 'user', value: 'a b' }, { name: 'pass', value: '{{secret}}' }] });
    assert.equal(b!.line, 1);
    assert.equal(text.slice(b!.layout!.target.start, b!.layout!.target.end), 'POST /login HTTP/1.1');
  });

  it('returns < ./file bodies as references, and raw bodies with their content type', () => {
    const f = parseHttpFile('### upload\nPUT http://x/a\nContent-Type: text/csv\n\n<@ ./data.csv\n\n###\nPOST http://x/b\nContent-Type: text/plain\n\nhello\n# still the body\nworld\n');
    assert.deepEqual(f.blocks[0]!.bodyFile, { path: './data.csv', substituteVariables: true });
    assert.deepEqual(f.blocks[1]!.request.body, { kind: 'raw', text: 'hello\n# still the body\nworld', contentType: 'text/plain' });
  });

  it('maps built-ins it has and refuses, by name, what it cannot send faithfully', () => {
    const f = parseHttpFile(
      [
        '###\nGET http://x/?id={{$guid}}&t={{$timestamp}}&u={{$random.uuid}}',
        '###\nGET http://x/?d={{$datetime "YYYY"}}',
        '###\n# @name me\nGET http://x/me\nAuthorization: Bearer {{login.response.body.$.token}}',
        '###\nWEBSOCKET ws://x/chat',
        '###\nGRPC localhost:50051/pkg.Svc/Method',
        '###\nPOST http://x/graphql\nX-Request-Type: GraphQL\n\nquery { a }',
        '###\nGET http://x/basic\nAuthorization: Basic user passwd',
        '###\n{{\n  exports.x = 1;\n}}\nGET http://x/script',
        '###\nSSE http://x/events',
      ].join('\n'),
    );
    const b = f.blocks;
    assert.equal(b.length, 9);
    assert.equal(b[0]!.unsupported, undefined);
    assert.equal(b[0]!.request.url, 'http://x/?id={{$guid}}&t={{$timestamp}}&u={{$uuid}}');
    assert.match(b[1]!.unsupported ?? '', /dynamic variable \{\{\$datetime "YYYY"\}\}/);
    assert.match(b[2]!.unsupported ?? '', /request variable \{\{login\.response\.body\.\$\.token\}\}/);
    assert.match(b[3]!.unsupported ?? '', /WEBSOCKET requests/);
    assert.match(b[4]!.unsupported ?? '', /GRPC requests/);
    assert.match(b[5]!.unsupported ?? '', /GraphQL/);
    assert.match(b[6]!.unsupported ?? '', /Basic with a user and password/);
    assert.match(b[7]!.unsupported ?? '', /pre-request script/);
    assert.equal(b[7]!.request.url, 'http://x/script');
    assert.deepEqual([b[8]!.request.method, b[8]!.request.settings?.format, b[8]!.unsupported], ['GET', 'sse', undefined]);
  });

  it('skips blocks with no request and reads @no-redirect', () => {
    const f = parseHttpFile('# just notes\n@a = 1\n\n###\n# @no-redirect\nGET http://x/r\n###\n\n// nothing here\n');
    assert.equal(f.blocks.length, 1);
    assert.equal(f.blocks[0]!.request.settings?.followRedirects, false);
  });

  it('reads httpyac files: /* */ comments, responses saved after a request, a # @name before a request without ###', () => {
    const f = parseHttpFile('/*\n# About\nGET http://not/a/request\n*/\n\nDELETE https://h/delete\n\nHTTP/1.1 200 - OK\ncontent-type: application/json\n\n{"args": {}}\n\n# @name second\nPOST https://h/post\nContent-Type: text/plain\n\nbody\n');
    assert.deepEqual(
      f.blocks.map((b) => [b.name, b.line, b.request.method, b.request.url, b.request.body]),
      [
        ['DELETE https://h/delete', 6, 'DELETE', 'https://h/delete', undefined],
        ['second', 14, 'POST', 'https://h/post', { kind: 'raw', text: 'body', contentType: 'text/plain' }],
      ],
    );
    assert.match(f.blocks[0]!.warnings.join(), /response saved in the file/);
  });

  it('refuses, naming the line, what is not a request line or a header instead of sending a guess', () => {
    const f = parseHttpFile(
      [
        '###\nGET',
        '###\ncurl -X POST http://x/a -d "{}"',
        '###\n< ../../etc/passwd',
        '###\nPOST http://x/b HTTP/1.1 extra',
        '###\nGET http://x/c\nAccept: */*\nthis is not a header\n',
        '###\nGET http://x/d?t={{$datetime iso8601 -1 d}}\nAccept: */*\n> {% client.log(1) %}',
        '###\nGET localhost:3000/e',
        '###\nGET http://x/f?q=hello world HTTP/1.1',
      ].join('\n'),
    );
    const b = f.blocks;
    assert.deepEqual(b.map((x) => x.line), [2, 4, 6, 8, 10, 15, 19, 21]);
    assert.match(b[0]!.unsupported ?? '', /line 2: "GET" is a request line without a URL/);
    assert.match(b[1]!.unsupported ?? '', /line 4: a curl command is not a request line here/);
    assert.match(b[2]!.unsupported ?? '', /line 6: "< \.\.\/\.\.\/etc\/passwd" is a body file with no request line before it/);
    assert.match(b[3]!.unsupported ?? '', /line 8: "POST http:\/\/x\/b HTTP\/1\.1 extra" is not a request line .*a URL holds no spaces/);
    assert.match(b[4]!.unsupported ?? '', /line 12: "this is not a header" is not a header \(Name: value\); put a blank line before a body/);
    assert.equal(b[5]!.unsupported, undefined);
    assert.deepEqual([b[6]!.unsupported, b[6]!.request.url], [undefined, 'http://localhost:3000/e']);
    // A space in the query is sent encoded, as REST Client sends it.
    assert.deepEqual([b[7]!.unsupported, b[7]!.request.url], [undefined, 'http://x/f?q=hello world']);
  });
});

