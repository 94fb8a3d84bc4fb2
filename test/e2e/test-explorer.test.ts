/**
 * Stream tests in the real workbench's Testing view: a workspace with a
 * collection of expectations, tests run from the palette, results in the
 * Test Explorer and a failure shown at the request's line in the editor.
 * Screenshot: .test-artifacts/test-explorer.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { artifacts, latestPanel, openWorkbench, runCommand, type Workbench } from './helpers';

function collection(demoUrl: string): string {
  const base = demoUrl.replace(/\/$/, '');
  return `${JSON.stringify(
    {
      version: 1,
      name: 'Demo streams',
      environments: [{ name: 'demo', variables: { base } }],
      requests: [
        { name: 'seed stream', method: 'GET', url: '{{base}}/sse?count=3&interval=0', expect: { status: 200, events: { min: 4 }, eventTypes: ['close'] } },
        { name: 'ticks', method: 'GET', url: '{{base}}/sse?count=200&interval=50' },
        { name: 'echo', method: 'POST', url: '{{base}}/echo' },
      ],
      folders: [
        {
          name: 'llm',
          requests: [
            { name: 'chat says stop', method: 'POST', url: '{{base}}/v1/chat/completions', expect: { llm: { finishReason: 'stop' }, noDiagnostics: true } },
            { name: 'chat is long', method: 'POST', url: '{{base}}/v1/chat/completions', expect: { llm: { finishReason: 'length' } } },
          ],
        },
      ],
      flows: [{ name: 'ticks go on', listen: 'ticks', steps: [{ send: 'echo', expectEvent: { event: 'message', withinMs: 3000 } }] }],
    },
    null,
    2,
  )}\n`;
}

describe('the Testing view in a real VS Code', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'testing.automaticallyOpenPeekView': 'failureAnywhere' }, [], (demo) => ({ 'demo.streams.json': collection(demo.url) }));
  });
  after(async () => {
    await workbench?.close();
  });

  it('lists the collection\'s tests, runs them, and shows a failure at its request', async () => {
    const { page } = workbench;
    await runCommand(page, 'Testing: Focus on Test Explorer View');
    const explorer = page.locator('.test-explorer');
    const row = (label: string) => explorer.locator('.monaco-list-row', { hasText: label }).first();
    await row('Demo streams').waitFor({ timeout: 60_000 });
    await runCommand(page, 'Test: Run All Tests');
    // A failed test shows its message in a peek at the request's line in the collection file.
    const peek = page.locator('.monaco-editor .peekview-widget');
    await peek.waitFor({ timeout: 60_000 });
    await peek.getByText('llm.finishReason: expected finish reason "length", got "stop"').first().waitFor({ timeout: 30_000 });
    const editorTab = page.locator('.tabs-container .tab.active', { hasText: 'demo.streams.json' });
    await editorTab.waitFor();
    // Every test is listed by folder, with its outcome.
    for (const label of ['seed stream', 'ticks go on', 'llm']) await row(label).waitFor();
    if (!(await row('chat says stop').isVisible())) await row('llm').click();
    await row('chat is long').waitFor();
    await page.waitForTimeout(500);
    const passed = await explorer.locator('.monaco-list-row .codicon-testing-passed-icon').count();
    const failed = await explorer.locator('.monaco-list-row .codicon-testing-failed-icon').count();
    await page.screenshot({ path: join(artifacts, 'test-explorer.png') });
    assert.ok(failed >= 1, `a failed test shows as failed (${failed})`);
    assert.ok(passed >= 3, `the passing tests show as passed (${passed})`);
    // The failed test's stream, from the peek's button, in the panel.
    const open = peek.getByText('Open Stream in Panel', { exact: true }).first();
    await open.scrollIntoViewIfNeeded();
    // Where the editor scrolled the peek, the tab bar's breadcrumbs may lie over the button: click it as its own
    // element (the button's click handler), not at a point of the screen another element covers.
    await open.click({ timeout: 5000 }).catch(() => open.dispatchEvent('click'));
    const panel = await latestPanel(page);
    await panel.locator('.item-row.tone-end').waitFor({ timeout: 15_000 });
    assert.ok((await panel.locator('.item-row').count()) > 3, 'the chat stream\'s events are listed');
  });
});
