import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SavedRequest } from '../../src/core/collections/model';
import { parseHttpFile } from '../../src/core/http-file/parse';
import { replaceBlock } from '../../src/core/http-file/write';

const FILE = `# Requests for the demo
@base = http://localhost:3000

### Chat
# @name chat
POST {{base}}/v1/chat/completions HTTP/1.1
Content-Type: application/json
# keep me
Authorization: Bearer {{$dotenv KEY}}

{"stream": true}

###   Events
GET {{base}}/sse
    ?count=3
Accept: text/event-stream

###
GET {{base}}/bare
`;

function block(text: string, i: number) {
  const b = parseHttpFile(text).blocks[i];
  assert.ok(b);
  return b;
}

function edited(text: string, i: number, change: (r: SavedRequest) => SavedRequest): string {
  const b = block(text, i);
  return replaceBlock(text, b, change(structuredClone(b.request)));
}

describe('.http write-back', () => {
  it('leaves the file byte-identical when the request is unchanged, for every block, LF and CRLF', () => {
    for (const text of [FILE, FILE.replace(/\n/g, '\r\n')]) {
      for (let i = 0; i < 3; i++) assert.equal(edited(text, i, (r) => r), text);
    }
  });

  it('an edited header changes only that line', () => {
    const out = edited(FILE, 0, (r) => ({ ...r, headers: r.headers!.map((h) => (h.name === 'Content-Type' ? { ...h, value: 'application/json; charset=utf-8' } : h)) }));
    assert.equal(out, FILE.replace('Content-Type: application/json\n', 'Content-Type: application/json; charset=utf-8\n'));
  });

  it('rewrites the request line (keeping HTTP/1.1) and the body, adds and removes headers', () => {
    const out = edited(FILE, 0, (r) => ({ ...r, url: '{{base}}/v2/chat', headers: [r.headers![0]!], body: { kind: 'json', text: '{"stream": false}' } }));
    assert.equal(
      out,
      FILE.replace('POST {{base}}/v1/chat/completions HTTP/1.1', 'POST {{base}}/v2/chat HTTP/1.1')
        .replace('Authorization: Bearer {{$dotenv KEY}}\n', '')
        .replace('{"stream": true}', '{"stream": false}'),
    );
    const added = edited(FILE, 1, (r) => ({ ...r, headers: [...r.headers!, { name: 'X-Trace', value: '1' }] }));
    assert.equal(added, FILE.replace('Accept: text/event-stream\n', 'Accept: text/event-stream\nX-Trace: 1\n'));
    assert.equal(parseHttpFile(added).blocks[1]!.request.url, '{{base}}/sse?count=3');
  });

  it('gives a block with no headers or body both, with the blank line between, in the file\'s line breaks', () => {
    const crlf = FILE.replace(/\n/g, '\r\n');
    const out = edited(crlf, 2, (r) => ({ ...r, method: 'POST', headers: [{ name: 'Content-Type', value: 'text/plain' }], body: { kind: 'raw', text: 'hi\nthere' } }));
    assert.ok(out.endsWith('###\r\nPOST {{base}}/bare\r\nContent-Type: text/plain\r\n\r\nhi\r\nthere\r\n'), JSON.stringify(out.slice(-80)));
    assert.equal(out.slice(0, block(crlf, 2).startOffset), crlf.slice(0, block(crlf, 2).startOffset));
    const again = parseHttpFile(out).blocks[2]!.request;
    assert.deepEqual(again.body, { kind: 'raw', text: 'hi\nthere', contentType: 'text/plain' });
  });

  it('writes {{$env:NAME}} back as {{$processEnv NAME}}, which the other clients read', () => {
    const out = edited(FILE, 0, (r) => ({ ...r, headers: r.headers!.map((h) => (h.name === 'Authorization' ? { ...h, value: `${h.value} ` } : h)) }));
    assert.equal(out, FILE.replace('Authorization: Bearer {{$dotenv KEY}}', 'Authorization: Bearer {{$processEnv KEY}} '));
  });

  it('writes query parameters into the URL and form fields escaped only where they would split', () => {
    const text = 'POST http://x/f\nContent-Type: application/x-www-form-urlencoded\n\na=1\n';
    const out = edited(text, 0, (r) => ({ ...r, params: [{ name: 'q', value: 'a b' }], body: { kind: 'form', fields: [{ name: 'a', value: '1&2' }, { name: 't', value: '{{token}}' }] } }));
    assert.equal(out, 'POST http://x/f?q=a%20b\nContent-Type: application/x-www-form-urlencoded\n\na=1%262&t={{token}}\n');
    assert.deepEqual(parseHttpFile(out).blocks[0]!.request.body, { kind: 'form', fields: [{ name: 'a', value: '1&2' }, { name: 't', value: '{{token}}' }] });
  });
});

describe('dynamic variables written back', () => {
  it('keeps REST Client\'s spelling of {{$datetime iso8601 -1 d}} and {{$randomInt 1 10}}', () => {
    const text = 'GET http://x/?at={{$datetime iso8601 -1 d}}&n={{$randomInt 1 10}}&ts={{$timestamp}}\n';
    const b = parseHttpFile(text).blocks[0]!;
    assert.equal(b.request.url, 'http://x/?at={{$datetime:iso8601:-1:d}}&n={{$randomInt:1:10}}&ts={{$timestamp}}');
    const out = replaceBlock(text, b, { ...b.request, headers: [{ name: 'Accept', value: 'text/event-stream' }] });
    assert.equal(out, 'GET http://x/?at={{$datetime iso8601 -1 d}}&n={{$randomInt 1 10}}&ts={{$timestamp}}\nAccept: text/event-stream\n');
  });
});
