/**
 * The transfer bench's page, as the text of its one script: it reads each
 * batch into a form it can show (objects as they come, the JSON string
 * parsed, the packed text decoded once), keeps it, and answers with the
 * count and its own main-thread time once the last batch of a pass is in.
 */
export const PAGE_SCRIPT = `
const vscode = acquireVsCodeApi();
const decoder = new TextDecoder();
let count = 0;
let pageMs = 0;
let kept = [];
window.addEventListener('message', (e) => {
  const m = e.data;
  if (m.type !== 'batch') return;
  if (m.first) { count = 0; pageMs = 0; kept = []; }
  const t0 = performance.now();
  if (m.form === 'objects') { kept.push(m.body); count += m.body.length; }
  else if (m.form === 'json-string') { const items = JSON.parse(m.body); kept.push(items); count += items.length; }
  else if (m.form === 'columns') { kept.push(m.body); count += m.body.strings.length / 3; }
  else { kept.push({ packed: m.body, text: decoder.decode(m.body.text) }); count += m.body.count; }
  pageMs += performance.now() - t0;
  if (m.last) vscode.postMessage({ type: 'done', count, pageMs });
});
vscode.postMessage({ type: 'ready' });
`;
