/**
 * The extension's commands as a user meets them in the real workbench:
 * Import from cURL opens its own tab, Save Recording keeps the extension
 * while a name is typed and says where the file went, a replay is labelled,
 * and Compare Recordings opens the diff editor. Screenshots go to
 * .test-artifacts/.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { artifacts, eventually, latestPanel, openPanel, openWorkbench, runCommand, type Workbench } from './helpers';

/** The text field of the quick input titled `title`, once it replaced the palette. */
async function quickInput(page: Page, title: string): Promise<Locator> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor();
  return page.locator('.quick-input-widget input');
}

/**
 * The notification saying `text`, in the notification list (this headless
 * workbench files notifications there without showing a toast).
 */
async function notification(page: Page, text: string): Promise<Locator> {
  const item = page.locator('.notifications-center .monaco-list-row', { hasText: text });
  // The notification comes after the file is written: look again until it is listed.
  for (let attempt = 0; ; attempt++) {
    await runCommand(page, 'Notifications: Show Notifications');
    if (await item.waitFor({ timeout: 2000 }).then(() => true, () => false)) return item;
    if (attempt > 10) throw new Error(`no notification "${text}"`);
    await page.keyboard.press('Escape');
  }
}

/** Presses Enter in the quick input and waits until it closes (it checks the value with the extension first). */
async function accept(page: Page): Promise<void> {
  await page.locator('.quick-input-widget input').press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Picks a file of the workspace folder in the open dialog titled `title` (VS Code's own, as a quick pick). */
async function pickFile(page: Page, title: string, name: string): Promise<void> {
  await quickInput(page, title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).click();
}

describe('the commands in a real VS Code', () => {
  let workbench: Workbench;

  before(async () => {
    // Without the secondary side bar, the editor is wide enough for a side-by-side diff.
    workbench = await openWorkbench({ 'workbench.colorTheme': 'Default Light Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden' });
  });

  after(async () => {
    await workbench?.close();
  });

  it('imports a cURL command into a tab of its own', async () => {
    const { page, demo } = workbench;
    const panel = await openPanel(page, 'Stream Viewer: New Request');
    await panel.locator('.url-input').fill(`${demo.url}sse?count=2&interval=0`);
    await panel.locator('.send-button').click();
    await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
    await runCommand(page, 'Stream Viewer: Import from cURL');
    await (await quickInput(page, 'Import from cURL')).fill(`curl -N ${demo.url}v1/messages -H 'content-type: application/json' -d '{"stream":true}'`);
    await accept(page);
    await page.locator('.tabs-container .tab.active', { hasText: 'POST /v1/messages' }).waitFor();
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'GET /sse' }).count(), 1, 'the open request keeps its tab');
    const fresh = await latestPanel(page);
    assert.match(await fresh.locator('.url-input').inputValue(), /\/v1\/messages$/);
    assert.equal(await fresh.locator('.item-row').count(), 0, 'a new timeline');
  });

  it('saves a recording with only the name selected, confirms it, and replays it labelled', async () => {
    const { page, demo, workspace } = workbench;
    const panel = await openPanel(page, 'Stream Viewer: New Request');
    await panel.locator('.url-input').fill(`${demo.url}v1/chat/completions?interval=0`);
    await panel.locator('.send-button').click();
    await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
    await runCommand(page, 'Stream Viewer: Save Recording');
    const input = await quickInput(page, 'Save Recording');
    await eventually('the suggested name', async () => (await input.inputValue()) === 'completions.streamrec.jsonl');
    // The workbench gives the focus back to the panel as the palette closes, at times after the box opened.
    await input.focus();
    assert.deepEqual(await input.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd]), [0, 'completions'.length]);
    await page.keyboard.type('chat-run', { delay: 40 });
    assert.equal(await input.inputValue(), 'chat-run.streamrec.jsonl');
    await accept(page);
    const note = await notification(page, 'Saved the recording as chat-run.streamrec.jsonl');
    assert.ok(existsSync(join(workspace, 'chat-run.streamrec.jsonl')));
    await page.screenshot({ path: join(artifacts, 'commands-saved-recording.png') });
    await note.getByRole('button', { name: 'Reveal in Explorer' }).click();
    await page.locator('.explorer-folders-view .monaco-list-row.selected', { hasText: 'chat-run.streamrec.jsonl' }).waitFor();

    await runCommand(page, 'Stream Viewer: Open Recording');
    await pickFile(page, 'Open Recording', 'chat-run.streamrec.jsonl');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'At once' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'Replay: chat-run' }).waitFor();
  });

  it('compares two recordings side by side in the diff editor', async () => {
    const { page } = workbench;
    // A second run of the same request, saved beside the first.
    const panel = await openPanel(page, 'Stream Viewer: New Request');
    await panel.locator('.url-input').fill(`${workbench.demo.url}v1/chat/completions?interval=0`);
    await panel.locator('.send-button').click();
    await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
    await runCommand(page, 'Stream Viewer: Save Recording');
    const input = await quickInput(page, 'Save Recording');
    await eventually('the suggested name', async () => (await input.inputValue()).endsWith('.streamrec.jsonl'));
    await input.fill('chat-run-2');
    await accept(page);
    await notification(page, 'Saved the recording as chat-run-2.streamrec.jsonl');

    await runCommand(page, 'Stream Viewer: Compare Recordings');
    await pickFile(page, 'the first', 'chat-run.streamrec.jsonl');
    await pickFile(page, 'the second', 'chat-run-2.streamrec.jsonl');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Ignore what always differs' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: 'chat-run ↔ chat-run-2 (ignoring timing, dates and ids)' }).waitFor();
    await page.keyboard.press('Escape');
    const diff = page.locator('.monaco-diff-editor.side-by-side');
    await diff.locator('.editor.original .view-lines', { hasText: 'GET http://127.0.0.1' }).waitFor();
    await diff.locator('.editor.modified .view-lines', { hasText: 'chatcmpl-‹varies›' }).first().waitFor();
    await page.screenshot({ path: join(artifacts, 'commands-compare.png') });
  });
});
