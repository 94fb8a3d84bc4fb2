/**
 * Serves the built webview bundle in a plain page with a stand-in for the
 * VS Code webview API, so the real webview code can be driven in Chromium
 * without a workbench (for the benchmark and fast UI checks).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

const dist = resolve(__dirname, '..', 'dist', 'webview');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<link rel="stylesheet" href="/codicon.css" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="/main.css">
<style>:root{--vscode-font-family:system-ui,sans-serif;--vscode-font-size:13px;--vscode-foreground:#ccc;--vscode-editor-background:#1f1f1f;--vscode-input-background:#313131;--vscode-panel-border:#2b2b2b;--vscode-list-hoverBackground:#2a2d2e;--vscode-badge-background:#616161;--vscode-badge-foreground:#f8f8f8;--vscode-descriptionForeground:#9d9d9d}</style>
<script>
window.__sent = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__sent.push(m), getState: () => undefined, setState: () => undefined });
</script></head>
<body><div id="app"></div><script src="/main.js"></script></body></html>`;

/** A running page server. */
export interface FakeHost {
  url: string;
  close(): Promise<void>;
}

/** Starts the page server on 127.0.0.1. */
export async function startFakeHost(): Promise<FakeHost> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    try {
      const body = readFileSync(join(dist, path.replace(/^\/+/, '').replace(/\.\./g, '')));
      res.writeHead(200, { 'Content-Type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
