/**
 * Select All inside a text field stays inside the webview.
 *
 * VS Code forwards every key pressed in a webview to the workbench, which
 * answers Ctrl/Cmd+A by sending `execCommand('selectAll')` back a moment
 * later. By then the browser has already selected the field's text and the
 * user has often typed the first character over it: the late Select All
 * selects that character and the second one replaces it (`ttp://…`).
 */

/** Whether a key press is Select All (Ctrl+A, or Cmd+A on macOS). */
export function isSelectAll(e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'key' | 'code'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.code === 'KeyA' || e.key.toLowerCase() === 'a');
}

function isTextField(target: EventTarget | undefined): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

/**
 * Keeps Select All in a text field to the browser's own: the key does not
 * reach the listener VS Code puts on the webview's window (a document
 * listener runs before it while the event bubbles).
 */
export function keepSelectAllInTextFields(doc: Document): void {
  doc.addEventListener('keydown', (e) => {
    // composedPath: a field inside a web component's shadow root is retargeted to its host here.
    if (isSelectAll(e) && isTextField(e.composedPath()[0])) e.stopPropagation();
  });
}
