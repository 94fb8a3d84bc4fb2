/** The .http parser on public files written for REST Client, httpyac and JetBrains (test/fixtures/http/README.md). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseHttpFile } from '../../src/core/http-file/parse';
import { replaceBlock } from '../../src/core/http-file/write';

const DIR = join(__dirname, '../fixtures/http');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

describe('.http files from public repositories', () => {
  it('httpyac intellij.http: six requests, three of them without ###, continuation lines, handlers and a < file body', () => {
    const f = parseHttpFile(read('httpyac-intellij.http'));
    assert.deepEqual(
      f.blocks.map((b) => [b.line, b.request.method, b.request.url]),
      [
        [2, 'POST', 'https://httpbin.org/anything'],
        [10, 'POST', 'https://httpbin.org/anything'],
        [19, 'POST', 'https://httpbin.org/anything?test=test'],
        [29, 'POST', 'https://httpbin.org/anything'],
        [37, 'POST', 'https://httpbin.org/anything'],
        [53, 'POST', 'https://httpbin.org/anything'],
      ],
    );
    for (const [i, password] of [[0, '1'], [1, '1'], [2, '1'], [3, '2'], [4, '3']] as const) {
      assert.deepEqual(f.blocks[i]!.request.body, { kind: 'form', fields: [{ name: 'email', value: 'user@domain.loc' }, { name: 'password', value: password }] });
      assert.equal(f.blocks[i]!.unsupported, undefined);
    }
    assert.match(f.blocks[3]!.warnings.join(), /response handler/);
    assert.match(f.blocks[4]!.warnings.join(), /response handler/);
    assert.deepEqual(f.blocks[5]!.bodyFile, { path: '../assets/variables.json', substituteVariables: false });
    assert.deepEqual({ ...f.variables }, { testVariable: 'foo' });
  });

  it('httpyac restClient.http: REST Client\'s dynamic variables become ours, custom date formats are refused by name', () => {
    const f = parseHttpFile(read('httpyac-restClient-variables.http'));
    assert.equal(f.blocks.length, 20);
    const urls = f.blocks.map((b) => (b.unsupported === undefined ? b.request.url.replace('/anything?q=', '') : `refused: ${b.unsupported}`));
    assert.deepEqual(urls.slice(0, 10), [
      '{{$guid}}',
      '{{$randomInt:100:200}}',
      'refused: Not supported in Stream Viewer yet: the dynamic variable {{$timestamp]}} (Stream Viewer has $uuid, $guid, $timestamp, $isoTimestamp, $datetime and $localDatetime with iso8601 or rfc1123, $randomInt, $processEnv and $dotenv).',
      '{{$timestamp:2:h}}',
      '{{$datetime:rfc1123}}',
      '{{$datetime:rfc1123:2:h}}',
      '{{$datetime:iso8601}}',
      '{{$datetime:iso8601:2:h}}',
      'refused: Not supported in Stream Viewer yet: the dynamic variable {{$datetime "DD.MM.YYYY"}} (Stream Viewer has $uuid, $guid, $timestamp, $isoTimestamp, $datetime and $localDatetime with iso8601 or rfc1123, $randomInt, $processEnv and $dotenv).',
      'refused: Not supported in Stream Viewer yet: the dynamic variable {{$datetime "DD.MM.YYYY" 2 d}} (Stream Viewer has $uuid, $guid, $timestamp, $isoTimestamp, $datetime and $localDatetime with iso8601 or rfc1123, $randomInt, $processEnv and $dotenv).',
    ]);
    assert.deepEqual(urls.slice(12, 16), ['{{$localDatetime:rfc1123}}', '{{$localDatetime:rfc1123:2:h}}', '{{$localDatetime:iso8601}}', '{{$localDatetime:iso8601:2:h}}']);
    for (const i of [10, 11, 16, 17, 18, 19]) assert.match(urls[i]!, /^refused: Not supported in Stream Viewer yet: the dynamic variable \{\{\$(local)?[dD]atetime ["']/);
  });

  it('REST Client query-method-examples.http: titles, QUERY, JSON, XML and form bodies, a variable inside a block', () => {
    const text = read('restclient-query-method-examples.http');
    const f = parseHttpFile(text);
    assert.deepEqual(
      f.blocks.map((b) => [b.name, b.request.method, b.request.body?.kind]),
      [
        ['QUERY with JSON body', 'QUERY', 'json'],
        ['QUERY with XML body', 'QUERY', 'raw'],
        ['QUERY with URL-encoded form data', 'QUERY', 'form'],
        ['QUERY with Accept header', 'QUERY', 'json'],
        ['QUERY with Authorization', 'QUERY', 'json'],
        ['Using QUERY (safe, idempotent - can be cached)', 'QUERY', 'json'],
        ['Using POST (not safe, potentially not idempotent)', 'POST', 'json'],
      ],
    );
    assert.ok(f.blocks.every((b) => b.unsupported === undefined && b.warnings.length === 0));
    assert.equal(f.variables.token, 'your-bearer-token');
    const json = f.blocks[0]!.request.body;
    assert.ok(json?.kind === 'json');
    assert.deepEqual(JSON.parse(json.text), { filters: { status: 'active', category: 'electronics' }, pagination: { page: 1, limit: 10 }, sort: { field: 'created_at', order: 'desc' } });
  });

  it('writing any unchanged block back leaves every fixture byte-identical', () => {
    for (const name of ['httpyac-intellij.http', 'httpyac-restClient-variables.http', 'restclient-query-method-examples.http']) {
      const text = read(name);
      for (const b of parseHttpFile(text).blocks) assert.equal(replaceBlock(text, b, structuredClone(b.request)), text, `${name}:${b.line}`);
    }
  });
});
