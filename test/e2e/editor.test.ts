/**
 * The request editor as a user meets it in the real workbench: typing over
 * the URL, a fresh request, and every character of event types showing.
 * Screenshots go to .test-artifacts/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from '../integration/helpers/server';
import { artifacts, inkPixels, openPanel, openWorkbench, root, type Workbench } from './helpers';

/** Real event streams (Anthropic, OpenAI Responses) and one whose type, id and data are underscores only. */
function streams(): Promise<TestServer> {
  const fixture = (name: string): string => readFileSync(join(root, 'test', 'fixtures', 'llm', name), 'utf8');
  const bodies: Record<string, string> = {
    '/anthropic': fixture('anthropic.sse'),
    '/openai-responses': fixture('openai-responses.sse'),
    '/underscores': 'event: ___\nid: ___\ndata: ___\n\n',
  };
  return startServer((req, res) => {
    const body = bodies[req.url ?? ''];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }).end(body);
  });
}

describe('the request editor in a real VS Code', () => {
  let workbench: Workbench;
  let server: TestServer;

  before(async () => {
    server = await streams();
    workbench = await openWorkbench({ 'workbench.colorTheme': 'Default Dark Modern' });
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  it('opens New Request with an empty URL, an example as placeholder and the caret in the field', async () => {
    const { page, demo } = workbench;
    const panel = await openPanel(page, 'Stream Viewer: New Request');
    const url = panel.locator('.url-input');
    assert.equal(await url.inputValue(), '');
    assert.match((await url.getAttribute('placeholder')) ?? '', /http:\/\/127\.0\.0\.1:3001\/sse/);
    assert.equal(await panel.locator('.url-input:focus').count(), 1, 'the caret is in the URL field');
    await page.screenshot({ path: join(artifacts, 'editor-new-request.png') });
    // Typing at once, without a click, starts the URL.
    const text = `${demo.url}sse?count=2&interval=0`;
    await page.keyboard.type(text, { delay: 20 });
    assert.equal(await url.inputValue(), text);
    await page.keyboard.press('Enter');
    await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
  });

  it('keeps every character typed at human speed over a selected URL', async () => {
    const { page, demo } = workbench;
    const panel = await openPanel(page, 'Stream Viewer: New Request');
    const url = panel.locator('.url-input');
    await url.fill(`${demo.url}sse?count=1`);
    // The workbench answers a forwarded Ctrl/Cmd+A with execCommand('selectAll') on this document: count those.
    await panel.locator('body').evaluate(() => {
      const spied = window as unknown as { selectAllsFromWorkbench: number };
      spied.selectAllsFromWorkbench = 0;
      const own = document.execCommand.bind(document);
      document.execCommand = (command: string, ...rest: [boolean?, string?]) => {
        if (command === 'selectAll') spied.selectAllsFromWorkbench++;
        return own(command, ...rest);
      };
    });
    const typed = [`${demo.url}sse/seed?interval=20`, 'http://127.0.0.1:9/ndjson', `${demo.url}v1/chat/completions`, 'https://api.example.com/v1/messages', `${demo.url}ndjson?count=3`];
    for (const [i, text] of typed.entries()) {
      await url.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(text, { delay: 80 });
      assert.equal(await url.inputValue(), text, `try ${i + 1}`);
    }
    // Seconds of typing later, a second Select All would long have arrived.
    assert.equal(await panel.locator('body').evaluate(() => (window as unknown as { selectAllsFromWorkbench: number }).selectAllsFromWorkbench), 0);
    await page.screenshot({ path: join(artifacts, 'editor-typed-url.png') });
  });

  it('shows every underscore in fields and rows, and whole LLM event types', async () => {
    const { page } = workbench;
    const panel = await openPanel(page, 'Stream Viewer: New Request');
    await panel.locator('.url-input').fill(`${server.url}/underscores`);
    await panel.locator('.send-button').click();
    await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
    // Fields and cells holding only underscores: clipped, they draw nothing at all.
    await panel.locator('.url-input').fill('___');
    await panel.locator('vscode-tab-header', { hasText: 'Headers' }).click();
    await panel.locator('.kv-input[placeholder="Header"]').first().fill('___');
    await panel.locator('.jsonpath-input').fill('___');
    await page.mouse.move(0, 0);
    // No focus ring: it is drawn inside the field.
    await panel.locator('body').evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(artifacts, 'editor-underscores.png') });
    // Each with the width of its border left out.
    const fields = [['url', panel.locator('.url-input'), 1], ['header', panel.locator('.kv-input[placeholder="Header"]').first(), 1], ['JSONPath', panel.locator('.jsonpath-input'), 0]] as const;
    for (const [name, field, border] of fields) assert.ok((await inkPixels(page, field, border)) > 0, `the ${name} field shows its underscores`);
    await panel.locator('.jsonpath-input').fill('');
    const row = panel.locator('.item-row', { has: panel.locator('.cell-type', { hasText: '___' }) });
    for (const cell of ['type', 'id', 'data']) assert.ok((await inkPixels(page, row.locator(`.cell-${cell}`))) > 0, `the ${cell} cell shows its underscores`);

    // The TYPE column holds Anthropic's and OpenAI's event types whole.
    for (const [path, type] of [['/anthropic', 'content_block_delta'], ['/openai-responses', 'response.output_text.delta']] as const) {
      await panel.locator('.url-input').fill(`${server.url}${path}`);
      await panel.locator('.send-button').click();
      await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
      const cell = panel.locator('.item-row .cell-type', { hasText: type }).first();
      assert.equal(await cell.getAttribute('title'), type);
      const { shown, whole } = await cell.evaluate((el) => ({ shown: el.clientWidth, whole: el.scrollWidth }));
      assert.ok(whole <= shown, `${type} needs ${whole}px and has ${shown}px`);
    }
    await page.screenshot({ path: join(artifacts, 'editor-llm-types.png') });
  });
});
