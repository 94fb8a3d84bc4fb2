/**
 * A `.http` file as a REST Client user meets Stream Viewer in the real
 * workbench, with no REST Client installed: ▶ Stream above each request,
 * the reason above a block it will not send, and a click that opens the
 * panel beside the file, named `api.http:line`, streaming the request with
 * the environment from `http-client.env.json`. Screenshot:
 * .test-artifacts/http-codelens.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { artifacts, latestPanel, openWorkbench, type Workbench } from './helpers';

const API_HTTP = `@base = {{host}}

### Chat completion, streamed
# @name chat
POST {{base}}/v1/chat/completions?interval=60
Content-Type: application/json

{
  "model": "demo",
  "stream": true,
  "messages": [{ "role": "user", "content": "Why does EventSource reconnect?" }]
}

### Seed SSE
GET {{base}}/sse?count=5&interval=50

### Dated
GET {{base}}/sse?at={{$datetime "DD.MM.YYYY"}}
`;

describe('.http CodeLens in a real VS Code', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden' }, [], (demo) => ({
      'api.http': API_HTTP,
      'http-client.env.json': JSON.stringify({ local: { host: demo.url.replace(/\/$/, '') } }, null, 2),
    }));
  });

  after(async () => {
    await workbench?.close();
  });

  it('streams a request from ▶ Stream into a panel beside the file, named api.http:5', async () => {
    const { page } = workbench;
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // Quick Open, as a user opens a file; retried until the workspace's files are indexed.
    const lens = page.locator('.codelens-decoration a', { hasText: '▶ Stream' });
    for (let attempt = 0; !(await lens.first().isVisible().catch(() => false)); attempt++) {
      if (attempt > 20) throw new Error('no ▶ Stream lens on api.http');
      await page.keyboard.press('Control+P');
      // A busy workbench now and then misses the key: try again rather than wait on an input that is not there.
      const input = page.locator('.quick-input-widget input');
      if (!(await input.waitFor({ timeout: 5000 }).then(() => true, () => false))) continue;
      await input.fill('api.http');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'api.http' }).first().click({ timeout: 5000 }).catch(() => page.keyboard.press('Escape'));
      await lens.first().waitFor({ timeout: 5000 }).catch(() => undefined);
    }
    assert.equal(await lens.count(), 2);
    const refused = page.locator('.codelens-decoration', { hasText: '$datetime' });
    assert.match(await refused.innerText(), /Not supported in Stream Viewer yet: the dynamic variable \{\{\$datetime "DD\.MM\.YYYY"\}\}/);
    await lens.first().click();
    const panel = await latestPanel(page);
    await page.locator('.tabs-container .tab', { hasText: 'api.http:5' }).waitFor();
    await panel.locator('.item-row.tone-end').waitFor({ timeout: 20_000 });
    assert.ok((await panel.locator('.item-row').count()) > 5, 'rows of the stream');
    assert.match(await panel.locator('.url-input').inputValue(), /^\{\{base\}\}\/v1\/chat\/completions/);
    // The file stays in sight beside the panel.
    assert.ok(await page.locator('.tabs-container .tab', { hasText: 'api.http' }).first().isVisible());
    await page.screenshot({ path: join(artifacts, 'http-codelens.png') });
  });
});
