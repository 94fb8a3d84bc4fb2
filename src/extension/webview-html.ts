/**
 * The panel's HTML: a strict Content-Security-Policy with a fresh nonce per
 * render, and every asset loaded through `asWebviewUri` from the built
 * webview folder (the only local resource root).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A random nonce for one render. */
function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/** Builds the document for a panel's webview; `entry` names its bundle (`main` for the request panel). */
export function webviewHtml(webview: vscode.Webview, webviewRoot: vscode.Uri, title: string, entry = 'main'): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, `${entry}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, `${entry}.css`));
  const codicons = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'codicon.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const safeTitle = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${codicons.toString()}" nonce="${nonce}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${style.toString()}" nonce="${nonce}">
<title>${safeTitle}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
