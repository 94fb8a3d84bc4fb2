#!/usr/bin/env node
/**
 * `npm start`: the demo server and a real VS Code with the extension loaded.
 * Uses a desktop `code` when one is on PATH; otherwise the VS Code server
 * (installed by scripts/vscode-test/setup.mjs), opened in the browser.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoServer } from '../dist/demo-api.js';
import { startVsCodeServer, workbenchUrl } from './vscode-test/server.mjs';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.STREAM_VIEWER_DEMO_PORT || 3001);

function hasDesktopCode() {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main() {
  const demo = await startDemoServer({ port }).catch(() => startDemoServer({ port: 0 }));
  console.log(`Demo server:  ${demo.url}  (endpoint list at ${demo.url})`);
  const workspace = join(root, '.sandbox');
  mkdirSync(workspace, { recursive: true });
  if (!existsSync(join(workspace, 'README.md'))) writeFileSync(join(workspace, 'README.md'), `# Stream Viewer sandbox\n\nRun "Stream Viewer: Open Demo Server" from the command palette (F1).\n`);
  if (hasDesktopCode() && !process.argv.includes('--server')) {
    console.log('Opening desktop VS Code with the extension under development…');
    spawn('code', ['--extensionDevelopmentPath', root, workspace], { stdio: 'inherit' });
    console.log('Press Ctrl+C to stop the demo server.');
    return;
  }
  const vscode = await startVsCodeServer({ settings: { 'streamViewer.demo.port': demo.port } });
  const url = workbenchUrl(vscode, { folder: workspace, extensionPath: root });
  console.log(`\nVS Code with Stream Viewer: ${url}\n`);
  console.log('Open it in a browser, then F1 → "Stream Viewer: Open Demo Server" (or "New Request"). Ctrl+C stops everything.');
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
