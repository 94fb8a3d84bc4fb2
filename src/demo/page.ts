/** The demo server's index page: every endpoint with a link, escaped. */
import { ENDPOINTS } from './endpoints';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders the index page for a server at `base`. */
export function indexPage(base: string): string {
  const rows = ENDPOINTS.map(
    (e) => `<tr><td><a href="${escapeHtml(e.example)}"><code>${escapeHtml(e.path)}</code></a></td><td>${escapeHtml(e.methods)}</td><td><code>${escapeHtml(e.contentType)}</code></td><td>${escapeHtml(e.description)}</td></tr>`,
  ).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Stream Viewer demo server</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1f2328;background:#fff}
@media (prefers-color-scheme:dark){body{color:#d4d4d4;background:#1e1e1e}a{color:#4daafc}td,th{border-color:#333!important}}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}
code{font-family:ui-monospace,monospace;font-size:.92em}h1{font-weight:600}
</style></head><body>
<h1>Stream Viewer demo server</h1>
<p>Streaming endpoints on <code>${escapeHtml(base)}</code>. Open one in Stream Viewer, or try <code>stream-viewer ${escapeHtml(base)}sse</code>.</p>
<table><thead><tr><th>Path</th><th>Methods</th><th>Content type</th><th>What it sends</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
