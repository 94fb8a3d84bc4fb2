/**
 * Shared set-up for end-to-end tests in the real workbench: the VS Code
 * server with the extension, Debian's chromium driven by Playwright, the
 * demo server on loopback, and the way a user reaches the panel (F1).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
// @ts-expect-error: plain ES module shared with the test scripts, no types.
import { launchBrowser, startVsCodeServer, workbenchUrl } from '../../scripts/vscode-test/server.mjs';

/** The repository root (the extension under test). */
export const root = resolve(__dirname, '..', '..');
/** Screenshots for people to look at. */
export const artifacts = join(root, '.test-artifacts');

interface VsCodeServer {
  port: number;
  stop(): Promise<void>;
}

/** A running workbench with the extension, and what it was started with. */
export interface Workbench {
  demo: DemoServer;
  page: Page;
  /** The folder open in the workbench. */
  workspace: string;
  close(): Promise<void>;
}

/**
 * Starts the demo server, a VS Code server with `settings`, and a browser
 * page on its workbench, its folder holding the `files` (relative path →
 * text) made for the demo server, there before the workbench opens.
 */
export async function openWorkbench(settings: Record<string, unknown> = {}, browserArgs: string[] = [], files: (demo: DemoServer) => Record<string, string> = () => ({})): Promise<Workbench> {
  mkdirSync(artifacts, { recursive: true });
  const demo = await startDemoServer({ port: 0 });
  const workspace = mkdtempSync(join(tmpdir(), 'stream-viewer-e2e-'));
  for (const [path, text] of Object.entries(files(demo))) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const server = (await startVsCodeServer({ settings: { 'streamViewer.demo.port': demo.port, 'window.commandCenter': false, ...settings } })) as VsCodeServer;
  const browser = (await launchBrowser({ args: browserArgs })) as Browser;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(workbenchUrl(server, { folder: workspace, extensionPath: root }));
  return {
    demo,
    page,
    workspace,
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
      await demo.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** Runs a palette command; retries until it is listed (contributions appear once the extension host is up). */
export async function runCommand(page: Page, command: string): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  for (let attempt = 0; ; attempt++) {
    if (attempt > 20) throw new Error(`command "${command}" never appeared`);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    // F1 pressed in a webview reaches the workbench through a message; now and then it is lost.
    if (!(await input.waitFor({ timeout: 5000 }).then(() => true, () => false))) continue;
    await input.fill(`>${command}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first();
    if (await row.isVisible({ timeout: 3000 }).catch(() => false)) {
      await row.click();
      return;
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
}

/** The document of the newest panel's webview, once its request bar shows. */
export async function latestPanel(page: Page): Promise<FrameLocator> {
  const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  await frame.locator('.request-bar').waitFor({ timeout: 30_000 });
  return frame;
}

/**
 * Runs a palette command that opens a panel, and returns the panel's webview
 * document. New Request waits for the caret in the URL field, as a user
 * does: text typed before the panel has its request from the host would be
 * replaced by it.
 */
export async function openPanel(page: Page, command: string): Promise<FrameLocator> {
  await runCommand(page, command);
  const panel = await latestPanel(page);
  if (command.endsWith('New Request')) await panel.locator('.url-input:focus').waitFor();
  return panel;
}

/**
 * How many pixels of an element differ clearly from its background (its
 * most common colour), leaving out `inset` pixels at each edge (a border):
 * zero when the text in it draws nothing. Decoded by the browser itself on
 * a blank page, so no image library is needed.
 */
export async function inkPixels(page: Page, target: Locator, inset = 0): Promise<number> {
  const png = await target.screenshot();
  const blank = await page.context().browser()!.newPage();
  try {
    return await blank.evaluate(
      async ({ b64, inset }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const { data, width, height } = ctx.getImageData(inset, inset, Math.max(1, img.width - 2 * inset), Math.max(1, img.height - 2 * inset));
        const counts = new Map<number, number>();
        for (let i = 0; i < data.length; i += 4) {
          const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
        const [r, g, b] = [background >> 16, (background >> 8) & 255, background & 255];
        let ink = 0;
        for (let i = 0; i < width * height * 4; i += 4) if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) > 90) ink++;
        return ink;
      },
      { b64: png.toString('base64'), inset },
    );
  } finally {
    await blank.close();
  }
}

/** Waits until `check` holds (the workbench updates asynchronously), or fails saying `what`. */
export async function eventually(what: string, check: () => Promise<boolean>, tries = 100): Promise<void> {
  for (let i = 0; !(await check()); i++) {
    if (i >= tries) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
