/**
 * The request editor as a user meets it in the real workbench: typing over
 * the URL, a fresh request, and every character of event types showing.
 * Screenshots go to .test-artifacts/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { artifacts, openPanel, openWorkbench, type Workbench } from './helpers';

describe('the request editor in a real VS Code', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ 'workbench.colorTheme': 'Default Dark Modern' });
  });

  after(async () => {
    await workbench?.close();
  });

  it('opens New Request with an empty URL, an example as placeholder and the caret in the field', async () => {
    const { page, demo } = workbench;
    const panel = await openPanel(page, 'Stream Viewer: New Request');
    const url = panel.locator('.url-input');
    assert.equal(await url.inputValue(), '');
    assert.match((await url.getAttribute('placeholder')) ?? '', /http:\/\/127\.0\.0\.1:3001\/sse/);
    await panel.locator('.url-input:focus').waitFor();
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
});
