/**
 * End to end in the real workbench: the VS Code server with the extension,
 * Debian's chromium driven by Playwright, the demo server on loopback. A
 * user's path through the panel, with screenshots (light and dark) saved to
 * .test-artifacts/ for people to look at.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../src/demo/server';
import { artifacts, openPanel, openWorkbench, type Workbench } from './helpers';

for (const theme of ['Default Dark Modern', 'Default Light Modern']) {
  const slug = theme.includes('Dark') ? 'dark' : 'light';
  describe(`the panel in a real VS Code (${slug} theme)`, () => {
    let workbench: Workbench;
    let demo: DemoServer;
    let page: Page;
    let workspace: string;

    before(async () => {
      workbench = await openWorkbench({ 'workbench.colorTheme': theme });
      ({ demo, page, workspace } = workbench);
    });

    after(async () => {
      await workbench?.close();
    });

    it('sends a POST with a header and a JSON body, shows rows, expands one, filters, and stops', async () => {
      const panel = await openPanel(page, 'Stream Viewer: New Request');
      await panel.locator('.url-input').fill(`${demo.url}v1/chat/completions?interval=30`);
      // Method picker: POST.
      await panel.locator('vscode-single-select.method-select').click();
      await panel.locator('vscode-single-select.method-select li[role="option"]', { hasText: 'POST' }).click();
      // A header.
      await panel.locator('vscode-tab-header', { hasText: 'Headers' }).click();
      await panel.locator('.kv-input[placeholder="Header"]').first().fill('X-Trace');
      await panel.locator('.kv-input[data-col="value"]:visible').first().fill('e2e-1');
      // A JSON body.
      await panel.locator('vscode-tab-header', { hasText: 'Body' }).click();
      await panel.locator('vscode-radio[value="json"]').click();
      await panel.locator('.body-text').fill('{"model":"demo","stream":true,"messages":[{"role":"user","content":"Tell me about streams"}]}');
      await panel.locator('.body-status.ok').waitFor();
      await panel.locator('.send-button').click();

      // Rows stream in; the stream ends with [DONE].
      await panel.locator('.item-row.tone-end').waitFor({ timeout: 30_000 });
      const events = await panel.locator('.item-row .kind-badge', { hasText: 'event' }).count();
      assert.ok(events > 5, `only ${events} event rows`);
      assert.match((await panel.locator('.status-badge').textContent()) ?? '', /200/);

      // Expand a row: its JSON shows as a tree.
      await panel.locator('.item-row', { hasText: 'chat.completion.chunk' }).first().click();
      await panel.locator('.detail-pane .json-tree').waitFor();
      assert.match((await panel.locator('.detail-pane').textContent()) ?? '', /choices/);
      await page.screenshot({ path: join(artifacts, `workbench-${slug}.png`) });

      // The merged view assembles the answer as markdown, with highlighted code.
      await panel.locator('.segment[data-mode="merged"]').click();
      await panel.locator('.merged-view .provider-badge', { hasText: 'OpenAI Chat Completions' }).waitFor();
      await panel.locator('.merged-view .markdown-body strong', { hasText: 'Server-Sent Events' }).waitFor();
      assert.ok((await panel.locator('.merged-view .markdown-body pre code .hljs-string').count()) > 0, 'code is highlighted');
      assert.match((await panel.locator('.stats-line').textContent()) ?? '', /events\/s/);
      await page.screenshot({ path: join(artifacts, `workbench-${slug}-merged.png`) });
      // Sources: clicking a piece of text selects the event it came from.
      await panel.locator('.merged-view button', { hasText: 'Sources' }).click();
      await panel.locator('.source-run', { hasText: 'Events' }).first().click();
      await panel.locator('.item-row.selected').waitFor();
      // The row previews the piece of text the event carries, not its JSON.
      assert.match((await panel.locator('.item-row.selected .cell-data').textContent()) ?? '', /^"[^"]*Events[^"]*"$/);
      await panel.locator('.detail-pane button', { hasText: 'Close' }).click();

      // JSONPath: only chunks that carry content, each previewed by the value it matched.
      const allRows = Number(/(\d+) rows/.exec((await panel.locator('.list-status').textContent()) ?? '')?.[1]);
      await panel.locator('.jsonpath-input').fill('$.choices[0].delta.content');
      await panel.locator('.list-status', { hasText: / of \d+ rows/ }).waitFor();
      const [kept, of] = (/(\d+) of (\d+) rows/.exec((await panel.locator('.list-status').textContent()) ?? '') ?? []).slice(1).map(Number);
      assert.ok(kept! > 0 && kept! < of! && of === allRows, `JSONPath kept ${kept} of ${of} rows (${allRows} in all)`);
      assert.equal(await panel.locator('.item-row .cell-data:not(.cell-piece)').count(), 0, 'every kept row previews its matched value');
      await panel.locator('.jsonpath-input').fill('');
      // Type chips: hide "message" events.
      await panel.locator('button.chip[data-type="e:message"]').click();
      await page.waitForTimeout(300);
      assert.equal(await panel.locator('.item-row .kind-badge', { hasText: 'event' }).count(), 0);
      await panel.locator('button.chip[data-type="e:message"]').click();

      // A long stream, stopped with the button.
      await panel.locator('.url-input').fill(`${demo.url}sse?count=100000&interval=50`);
      await panel.locator('vscode-single-select.method-select').click();
      await panel.locator('vscode-single-select.method-select li[role="option"]', { hasText: 'GET' }).click();
      await panel.locator('vscode-tab-header', { hasText: 'Body' }).click();
      await panel.locator('vscode-radio[value="none"]').click();
      await panel.locator('.send-button').click();
      await panel.locator('.item-row .kind-badge', { hasText: 'event' }).nth(5).waitFor({ timeout: 15_000 });
      await panel.locator('.send-button', { hasText: 'Stop' }).click();
      await panel.locator('.response-head', { hasText: 'Stopped' }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(artifacts, `workbench-${slug}-stopped.png`) });
    });

    it("shows the seed server's problems with their fixes", async () => {
      const panel = await openPanel(page, 'Stream Viewer: New Request');
      await panel.locator('.url-input').fill(`${demo.url}sse/seed-bug?interval=20`);
      await panel.locator('.send-button').click();
      await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
      await panel.locator('.segment[data-mode="problems"]').click();
      await panel.locator('.problem[data-code="sse-fields-split-by-blank-lines"]').waitFor();
      await panel.locator('.problem[data-code="sse-endless-reconnect"]').waitFor();
      assert.match((await panel.locator('.problem[data-code="sse-fields-split-by-blank-lines"] .problem-fix').textContent()) ?? '', /consecutive lines/);
      await page.screenshot({ path: join(artifacts, `workbench-${slug}-problems.png`) });
      // What a browser's EventSource would dispatch: "message" events to onmessage, "close" to a listener, then a reconnect.
      await panel.locator('.segment[data-mode="eventsource"]').click();
      await panel.locator('.es-row.es-error').waitFor();
      assert.equal(await panel.locator('.es-row.es-open').count(), 1);
      assert.equal(await panel.locator('.es-row.es-event', { hasText: 'onmessage' }).count(), 5);
      assert.match((await panel.locator('.es-row.es-error').textContent()) ?? '', /reconnects in 10000 ms/);
    });

    it('renders LLM markdown with HTML in it inert', async () => {
      const panel = await openPanel(page, 'Stream Viewer: New Request');
      await panel.locator('.url-input').fill(`${demo.url}v1/chat/completions?interval=0`);
      await panel.locator('vscode-single-select.method-select').click();
      await panel.locator('vscode-single-select.method-select li[role="option"]', { hasText: 'POST' }).click();
      await panel.locator('vscode-tab-header', { hasText: 'Body' }).click();
      await panel.locator('vscode-radio[value="json"]').click();
      const hostile = 'echo:**bold** <img src=x onerror="document.title=1"> <script>document.title=2</script> [link](javascript:alert(1))';
      await panel.locator('.body-text').fill(JSON.stringify({ stream: true, messages: [{ role: 'user', content: hostile }] }));
      await panel.locator('.send-button').click();
      await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
      await panel.locator('.segment[data-mode="merged"]').click();
      await panel.locator('.markdown-body strong', { hasText: 'bold' }).waitFor();
      assert.equal(await panel.locator('.markdown-body img, .markdown-body script').count(), 0);
      assert.match((await panel.locator('.markdown-body').textContent()) ?? '', /<img src=x onerror=/);
      assert.equal(await panel.locator('.markdown-body a[href^="javascript"]').count(), 0);
      assert.notEqual(await page.title(), '1');
    });

    it('uses saved collections: the Streams view, environments, unknown variables and a credential kept as a secret', async () => {
      writeFileSync(
        join(workspace, 'api.streams.json'),
        JSON.stringify({ version: 1, name: 'Demo API', environments: [{ name: 'local', variables: { baseUrl: demo.url.replace(/\/$/, '') } }], requests: [{ name: 'seed', method: 'GET', url: '{{baseUrl}}/sse?count=2&interval=0' }], folders: [{ name: 'llm', requests: [{ name: 'chat', method: 'POST', url: '{{baseUrl}}/v1/chat/completions', body: { kind: 'json', text: '{"stream":true}' } }] }] }, null, 2) + '\n',
      );
      await page.locator('.activitybar a[aria-label^="Stream Viewer"]').click();
      await page.locator('.monaco-list-row', { hasText: 'Demo API' }).waitFor({ timeout: 20_000 });
      await page.locator('.monaco-list-row', { hasText: 'chat' }).waitFor();
      const panel = await openPanel(page, 'Stream Viewer: New Request');
      await panel.locator('vscode-single-select.env-select').waitFor();
      await panel.locator('.url-input').fill('{{baseUrl}}/sse?count=2&interval=0&x={{nope}}');
      await panel.locator('.url-variable.missing', { hasText: '{{nope}}' }).waitFor();
      assert.equal(await panel.locator('.url-variable.missing').count(), 1, 'baseUrl has a value; nope does not');
      await panel.locator('vscode-tab-header', { hasText: 'Headers' }).click();
      await panel.locator('.kv-input[placeholder="Header"]').first().fill('Authorization');
      await panel.locator('.kv-input[data-col="value"]:visible').first().fill('Bearer sk-e2e-secret-123');
      await panel.locator('.secret-hint vscode-button').click();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await page.keyboard.press('Enter');
      const valueField = panel.locator('.kv-input[data-col="value"]:visible').first();
      for (let i = 0; (await valueField.inputValue()) !== 'Bearer {{secret:api_token}}'; i++) {
        assert.ok(i < 50, `the header still holds ${await valueField.inputValue()}`);
        await page.waitForTimeout(100);
      }
      assert.equal(await panel.locator('.secret-hint:visible').count(), 0);
      await page.screenshot({ path: join(artifacts, `workbench-${slug}-collections.png`) });
    });

    it('renders hostile payloads as text', async () => {
      const panel = await openPanel(page, 'Stream Viewer: New Request');
      await panel.locator('.url-input').fill(`${demo.url}echo`);
      await panel.locator('vscode-single-select.method-select').click();
      await panel.locator('vscode-single-select.method-select li[role="option"]', { hasText: 'POST' }).click();
      await panel.locator('vscode-tab-header', { hasText: 'Body' }).click();
      await panel.locator('vscode-radio[value="raw"]').click();
      const payload = '<img src=x onerror="document.title=\'pwned\'"></script><script>document.title="pwned"</script>';
      await panel.locator('.body-text').fill(payload);
      await panel.locator('.send-button').click();
      await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(artifacts, `workbench-${slug}-hostile.png`) });
      await panel.locator('.item-row', { hasText: 'request' }).filter({ hasText: 'EVENT' }).first().click();
      await panel.locator('.detail-pane').waitFor();
      assert.equal(await panel.locator('img').count(), 0, 'no <img> element was created from data');
      assert.equal(await panel.locator('.detail-pane script, .vlist script').count(), 0);
      assert.match((await panel.locator('.detail-pane').textContent()) ?? '', /<img src=x onerror=/);
      assert.notEqual(await page.title(), 'pwned');
    });
  });
}
