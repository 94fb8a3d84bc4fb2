/**
 * The MCP panel in the real workbench against the demo's SDK-built server:
 * connect, the lists, a tool called from the form generated from its
 * schema, the JSON-RPC log with the call paired and its progress in
 * between, the HTTP exchange in the timeline, the call saved into a
 * collection; and a broken server's spec check shown with its fix. Screenshots: .test-artifacts/mcp-panel*.png.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { artifacts, openPanel, openWorkbench, runCommand, type Workbench } from './helpers';

/** The text of `file` once it exists (the extension writes it after the name is accepted). */
async function waitForFile(file: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    if (existsSync(file)) return readFileSync(file, 'utf8');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${file} was not written`);
}

describe('the MCP panel in a real VS Code', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench({ 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden' });
  });

  after(async () => {
    await workbench?.close();
  });

  it('connects, lists, calls a tool from its form and shows the call, its progress and its bytes', async () => {
    const { page, demo } = workbench;
    const panel = await openPanel(page, 'Stream Viewer: Connect to MCP Server…');
    assert.equal(await panel.locator('.mcp-url').inputValue(), `${demo.url}mcp`, 'the demo server is the first suggestion');
    await panel.locator('.mcp-connect-button').click();
    await panel.locator('.mcp-dot-on').waitFor({ timeout: 15_000 });
    assert.match(await panel.locator('.mcp-session').innerText(), /stream-viewer-demo 1\.0\.0[\s\S]*2025-11-25[\s\S]*Mcp-Session-Id [0-9a-f-]{36}/);
    await panel.locator('.mcp-item', { hasText: 'count' }).click();
    await panel.locator('.form-input[aria-label="to"]').fill('3');
    await panel.locator('.form-input[aria-label="delayMs"]').fill('150');
    await panel.locator('vscode-button', { hasText: 'Call tool' }).click();
    const row = panel.locator('.rpc-line', { hasText: 'tools/call #' });
    await row.locator('.rpc-result').waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /6 in between/, 'three progress and three log notifications');
    // The timeline shows the POST's reply: its SSE events, every byte.
    await panel.locator('.mcp-timeline-label', { hasText: 'tools/call' }).waitFor();
    await panel.locator('.item-row', { hasText: 'notifications/progress' }).first().waitFor();
    await row.click();
    await panel.locator('.rpc-detail .json-tree').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'mcp-panel.png') });
    // Save… keeps the call in a collection, under a name asked for with the tool's name suggested.
    await panel.locator('vscode-button', { hasText: 'Save…' }).click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Request name' }).waitFor();
    const nameInput = page.locator('.quick-input-widget input');
    assert.equal(await nameInput.inputValue(), 'count');
    await nameInput.fill('count to three');
    await nameInput.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const file = join(workbench.workspace, 'requests.streams.json');
    const saved = await waitForFile(file);
    const request = (JSON.parse(saved) as { requests: { name: string; url: string; mcp?: unknown }[] }).requests.find((r) => r.name === 'count to three');
    assert.deepEqual(request?.mcp, { method: 'tools/call', params: { name: 'count', arguments: { to: 3, delayMs: 150, loud: false } } }, 'what Call tool sends');
    assert.equal(request?.url, `${demo.url}mcp`);
    // The exchange shown below the log saves as a recording, under a name made from its number and purpose.
    await panel.locator('button[aria-label="Save this exchange as a recording"]').click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Save Recording' }).waitFor();
    assert.match(await nameInput.inputValue(), /^mcp-\d+-tools-call\.streamrec\.jsonl$/);
    const recordingFile = join(workbench.workspace, await nameInput.inputValue());
    await nameInput.press('Enter');
    assert.match(await waitForFile(recordingFile), /"status":200/);
    // Resources come in pages of two: all five are listed.
    await panel.locator('.segment', { hasText: 'Resources' }).click();
    assert.equal(await panel.locator('.mcp-item').count(), 5);
    assert.match(await panel.locator('.mcp-list-note').innerText(), /5 in 3 pages/);
    // Drop & resume: the reply stream is dropped after its first event and resumed with Last-Event-ID.
    await panel.locator('.segment', { hasText: 'Tools' }).click();
    await panel.locator('.mcp-item', { hasText: 'count' }).click();
    await panel.locator('.form-input[aria-label="delayMs"]').fill('100');
    await panel.locator('input[aria-label="Test resumption"]').check();
    await panel.locator('vscode-button', { hasText: 'Call tool' }).click();
    await panel.locator('.rpc-line', { hasText: 'GET resume' }).waitFor({ timeout: 15_000 });
    await panel.locator('.rpc-line', { hasText: 'tools/call #' }).last().locator('.rpc-result').waitFor({ timeout: 15_000 });
    assert.equal(await panel.locator('.mcp-problem').count(), 0, 'nothing lost or repeated');
  });

  it('shows a broken server\'s spec check with its fix', async () => {
    const { page, demo } = workbench;
    // One panel at a time: a hidden one keeps its frame, and the newest frame is not always the last.
    await runCommand(page, 'View: Close All Editors');
    const panel = await openPanel(page, 'Stream Viewer: Connect to MCP Server…');
    await panel.locator('.mcp-url').fill(`${demo.url}mcp/broken/unknown-id`);
    await panel.locator('.mcp-connect-button').click();
    await panel.locator('.mcp-problem', { hasText: 'mcp-unknown-response-id' }).waitFor({ timeout: 15_000 });
    assert.match(await panel.locator('.mcp-problems').innerText(), /Fix: Copy the id of the request/);
    await page.screenshot({ path: join(artifacts, 'mcp-panel-broken.png') });
  });
});
