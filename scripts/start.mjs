#!/usr/bin/env node
/**
 * `npm start`: the demo server and a real VS Code with the extension loaded,
 * open on .sandbox/ (a README and a collection of the demo's streams).
 * Uses a desktop `code` when one is on PATH; otherwise the VS Code server
 * (installed by scripts/vscode-test/setup.mjs), opened in the browser.
 * The extension is told the demo server's port, so its "Open Demo Server"
 * uses this same server rather than starting a second one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { findOrStartDemoServer } from '../dist/demo-api.js';
import { prepareSandbox } from './sandbox/prepare.mjs';
import { startVsCodeServer, workbenchUrl } from './vscode-test/server.mjs';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.STREAM_VIEWER_DEMO_PORT || 3001);

function hasDesktopCode() {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main() {
  const { server: demo, started } = await findOrStartDemoServer({
    port,
    onBusy: (err) => console.log(`Port ${port} is taken by another program (${err instanceof Error ? err.message : String(err)}); the demo server uses a free port instead.`),
  });
  console.log(`Demo server:  ${demo.url}  (endpoint list at ${demo.url})${started ? '' : ' (already running; reused)'}`);
  const workspace = join(root, '.sandbox');
  for (const note of prepareSandbox(workspace, { demoUrl: demo.url, demoPort: demo.port })) console.log(`Note: ${note}`);
  if (hasDesktopCode() && !process.argv.includes('--server')) {
    console.log('Opening desktop VS Code with the extension under development…');
    spawn('code', ['--extensionDevelopmentPath', root, workspace], { stdio: 'inherit' });
    console.log('Press Ctrl+C to stop the demo server.');
    return;
  }
  const vscode = await startVsCodeServer({ settings: { 'streamViewer.demo.port': demo.port } });
  const url = workbenchUrl(vscode, { folder: workspace, extensionPath: root });
  console.log(`\nVS Code with Stream Viewer: ${url}\n`);
  console.log('Open it in a browser: the Streams view (Stream Viewer icon in the activity bar) lists the demo collection; or F1 → "Stream Viewer: Open Demo Server". Ctrl+C stops everything.');
  const stop = async () => {
    await vscode.stop();
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
