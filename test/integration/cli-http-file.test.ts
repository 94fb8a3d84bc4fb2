/** `stream-viewer run api.http <name|line>`: a block of a .http file against the demo server, with its environments, .env and < file bodies. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { ofType, runCli } from './helpers/cli';
import { startServer } from './helpers/server';

describe('stream-viewer run <file.http> <request>', () => {
  let demo: DemoServer;
  let dir: string;
  let file: string;
  before(async () => {
    demo = await startDemoServer({ port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'stream-viewer-http-'));
    const sub = join(dir, 'api');
    mkdirSync(sub);
    mkdirSync(join(dir, '.vscode'));
    file = join(sub, 'api.http');
    writeFileSync(
      file,
      `@base = {{host}}

### Chat completion
# @name chat
POST {{base}}/v1/chat/completions HTTP/1.1
Content-Type: application/json
Authorization: Bearer {{$dotenv DEMO_KEY}}

{
  "model": "demo",
  "stream": true,
  "messages": [{ "role": "user", "content": "echo:hello from a .http file" }]
}

> {% client.log(response.status) %}

### Echo a file body
POST {{base}}/echo
    ?from=file
Content-Type: application/json

< ./body.json

###
GET {{base}}/v1/chat/completions?d={{$datetime "DD.MM.YYYY"}}
`,
    );
    writeFileSync(join(sub, 'body.json'), '{"from":"body.json"}');
    writeFileSync(join(sub, '.env'), 'DEMO_KEY=dotenv-key-123\n');
    writeFileSync(join(sub, 'http-client.env.json'), JSON.stringify({ local: { host: demo.url.replace(/\/$/, '') }, dead: { host: 'http://127.0.0.1:9' } }));
    writeFileSync(join(dir, '.vscode', 'settings.json'), `{
  // REST Client's environments
  "rest-client.environmentVariables": { "$shared": { "host": "${demo.url.replace(/\/$/, '')}" }, "rest": {} },
}`);
  });
  after(async () => {
    await demo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a POST to /v1/chat/completions with a JSON body, by @name, and passes --expect-events', async () => {
    const r = await runCli(['run', file, 'chat', '--env', 'local', '--json', '--merge', '--expect-events', '3', '--expect-status', '200']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(ofType(r, 'message').length >= 3);
    assert.ok(ofType(r, 'assertion').every((a) => a.ok === true));
    assert.match(r.stdout, /hello from a \.http file/);
    assert.match(r.stderr, /api\.http:5: the response handler or output redirection after the body is not run/);
  });

  it('picks a block by a line inside it, reads its < ./file body and .env beside it, with REST Client environments', async () => {
    const r = await runCli(['run', file, '19', '--env', 'rest', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const echoed = JSON.stringify(ofType(r, 'message'));
    assert.match(echoed, /from=file/);
    assert.match(echoed, /body\.json/);
  });

  it('refuses a block it cannot send faithfully, naming the syntax, and an unknown request or environment', async () => {
    const unsupported = await runCli(['run', file, '25', '--env', 'local']);
    assert.equal(unsupported.code, 2);
    assert.match(unsupported.stderr, /api\.http:25 .*dynamic variable \{\{\$datetime "DD\.MM\.YYYY"\}\}/);
    const missing = await runCli(['run', file, 'nope']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no request "nope"\. The file has: chat \(line 5\), Echo a file body \(line 18\), GET /);
    const noEnv = await runCli(['run', file, 'chat', '--env', 'prod']);
    assert.match(noEnv.stderr, /no environment "prod" \(found "local", "dead", "rest"/);
    const noHost = await runCli(['run', file, 'chat']);
    assert.match(noHost.stderr, /uses variables with no value: base \(use --env/);
  });

  it('masks values from http-client.private.env.json wherever they would show, like secrets', async () => {
    const sub = join(dir, 'private');
    mkdirSync(sub);
    const echo = join(sub, 'echo.http');
    writeFileSync(echo, 'GET {{host}}/echo?who={{user}}\nX-Api-Key: {{apiKey}}\n');
    writeFileSync(join(sub, 'http-client.env.json'), JSON.stringify({ local: { host: demo.url.replace(/\/$/, ''), user: 'public-user' } }));
    writeFileSync(join(sub, 'http-client.private.env.json'), JSON.stringify({ local: { apiKey: 'private-key-7f3a9' } }));
    const r = await runCli(['run', echo, '1', '--env', 'local', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const echoed = JSON.stringify(ofType(r, 'message'));
    assert.match(echoed, /public-user/);
    assert.match(echoed, /x-api-key/i);
    assert.doesNotMatch(r.stdout + r.stderr, /private-key-7f3a9/);
  });

  it('sends a < file body by an absolute path byte for byte, and refuses /dev/zero and binary files on the block', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end('data: ok\n\n');
    });
    try {
      const sub = join(dir, 'files');
      mkdirSync(sub);
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text":"é 😀 {{not a variable}}"}\r\n')]);
      const body = join(sub, 'body.json');
      writeFileSync(body, bytes);
      writeFileSync(join(sub, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]));
      const http = join(sub, 'files.http');
      writeFileSync(http, `POST ${server.url}/abs\nContent-Type: application/json\n\n< ${body}\n\n###\nPOST ${server.url}/zero\n\n< /dev/zero\n\n###\nPOST ${server.url}/bin\n\n< ./image.bin\n`);
      const sent = await runCli(['run', http, '1', '--json']);
      assert.equal(sent.code, 0, sent.stderr);
      assert.deepEqual(Buffer.from(server.requests[0]!.body, 'utf8'), bytes);
      const zero = await runCli(['run', http, '7']);
      assert.equal(zero.code, 2);
      assert.match(zero.stderr, /files\.http:7 \(POST .*\/zero\): the body file \/dev\/zero is not a regular file/);
      const bin = await runCli(['run', http, '12']);
      assert.equal(bin.code, 2);
      assert.match(bin.stderr, /files\.http:12 .*the body file \.\/image\.bin \(.*\) is not UTF-8 text/);
      assert.equal(server.requests.length, 1);
    } finally {
      await server.close();
    }
  });

  it('a request that is not there in a file of thousands lists the first 20 and how many more', async () => {
    const huge = join(dir, 'huge.http');
    writeFileSync(huge, Array.from({ length: 5000 }, (_, i) => `### r${i}\nGET http://127.0.0.1:9/r${i}\n`).join('\n'));
    const r = await runCli(['run', huge, '999999']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no request at line 999999\. The file has: r0 \(line 2\), r1 \(line 5\), .*r19 \(line 59\), … and 4980 more\n/);
    assert.ok(r.stderr.length < 1000, `${r.stderr.length} characters`);
  });
});

