/** `< file` bodies of a `.http` block: where the file is, what is refused, and that the bytes go out unchanged. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bodyFilePath, markBodyFileProblems, MAX_BODY_FILE_BYTES, readBodyFile } from '../../src/core/http-file/body-file';
import { parseHttpFile } from '../../src/core/http-file/parse';

describe('.http body files', () => {
  let dir: string;
  let http: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sv-body-'));
    mkdirSync(join(dir, 'api'));
    http = join(dir, 'api', 'a.http');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a relative path is read beside the .http file; an absolute one stays absolute', () => {
    assert.equal(bodyFilePath(http, { path: './b.json', substituteVariables: false }), join(dir, 'api', 'b.json'));
    assert.equal(bodyFilePath(http, { path: '../b.json', substituteVariables: false }), join(dir, 'b.json'));
    assert.equal(bodyFilePath(http, { path: join(dir, 'abs.json'), substituteVariables: false }), join(dir, 'abs.json'));
  });

  it('keeps every byte of UTF-8 text, a byte order mark and CRLF included', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"é 😀"}\r\n')]);
    writeFileSync(join(dir, 'api', 'bom.json'), bytes);
    const text = readBodyFile(http, { path: 'bom.json', substituteVariables: false });
    assert.deepEqual(Buffer.from(text, 'utf8'), bytes);
  });

  it('refuses what is not a regular file, is too big, is binary or is missing, saying why', () => {
    const refused = (path: string): string => {
      try {
        readBodyFile(http, { path, substituteVariables: false });
      } catch (err) {
        return (err as Error).message;
      }
      return 'read';
    };
    assert.match(refused('/dev/zero'), /the body file \/dev\/zero is not a regular file/);
    assert.match(refused('..'), /is not a regular file \(it is a folder\)/);
    const big = join(dir, 'big.bin');
    writeFileSync(big, '');
    truncateSync(big, MAX_BODY_FILE_BYTES + 1);
    assert.match(refused(big), /is 16777217 bytes; a request body is at most 16777216 bytes \(16 MiB\)/);
    writeFileSync(join(dir, 'api', 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]));
    assert.match(refused('image.png'), /image\.png \(.*\) is not UTF-8 text/);
    assert.match(refused('./nope.json'), /nope\.json .* cannot be read: ENOENT/);
  });

  it('reads a file of exactly the largest size', () => {
    const edge = join(dir, 'edge.txt');
    writeFileSync(edge, Buffer.alloc(MAX_BODY_FILE_BYTES, 0x61));
    assert.equal(readBodyFile(http, { path: edge, substituteVariables: false }).length, MAX_BODY_FILE_BYTES);
  });

  it('marks blocks whose body file cannot be sent, from a look at the file, leaving the others alone', () => {
    writeFileSync(join(dir, 'api', 'ok.json'), '{}');
    const { blocks } = parseHttpFile('POST http://x/a\n\n< ./ok.json\n\n###\nPOST http://x/b\n\n< /dev/zero\n\n###\nPOST http://x/c\n\n< ./missing.json\n');
    markBodyFileProblems(http, blocks);
    assert.equal(blocks[0]!.unsupported, undefined);
    assert.equal(blocks[1]!.unsupported, 'The body file /dev/zero is not a regular file: only files are sent as bodies.');
    assert.match(blocks[2]!.unsupported ?? '', /^The body file \.\/missing\.json \(.*\) cannot be read: ENOENT\.$/);
  });
});

