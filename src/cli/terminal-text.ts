/**
 * Received text made safe to print on a terminal. A server controls the
 * bytes of its events, and a terminal obeys control sequences in them:
 * `ESC ] 0 ; … BEL` retitles the window, `ESC ] 52 ; c ; … BEL` writes the
 * clipboard, CSI sequences move the cursor and repaint lines already
 * printed. Every control character but tab is shown as an escape instead
 * (C0, DEL, C1, which some terminals read as ESC sequences too), and so are
 * the bidirectional overrides that make text read in another order than it
 * is stored.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

/** `text` with each control character as a visible escape (`\x1b`, `\n`, `\u202e`); tab stays. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const named = NAMED[c];
    if (named !== undefined) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
