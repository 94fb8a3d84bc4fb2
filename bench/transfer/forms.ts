/**
 * The four ways a batch of events can cross from the extension host to a
 * webview, compared by the transfer bench:
 * - `objects`: an object per event (VS Code JSON-encodes the message, the page gets objects);
 * - `json-string`: the batch as one JSON string (the page parses it);
 * - `columns`: plain arrays of numbers and of strings (JSON-encoded too, but no keys per event);
 * - `packed`: typed arrays and one UTF-8 buffer (VS Code moves buffers as bytes; the page decodes the text once) — the shipped form.
 */
export const FORMS = ['objects', 'json-string', 'columns', 'packed'] as const;

/** One of {@link FORMS}. */
export type Form = (typeof FORMS)[number];
