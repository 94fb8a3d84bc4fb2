/**
 * The `{{variable}}` syntax, named once for the engine (substitution), the
 * extension (titles, file names) and the editor (highlighting, validation):
 * `{{name}}`, with optional spaces inside the braces; names may hold `:` `$`
 * `.` `-` (`{{secret:TOKEN}}`, `{{$env:HOME}}`).
 */

/** One `{{…}}` reference, whatever it holds (for finding, blanking and splitting). */
const REFERENCE = /\{\{[^{}]*\}\}/;

/** A `{{ name }}` reference with its name captured, for substitution. New each call: the pattern is global. */
export function variablePattern(): RegExp {
  return /\{\{\s*([^{}\s]+)\s*\}\}/g;
}

/** Whether a text holds a `{{…}}` reference. */
export function hasVariable(text: string): boolean {
  return REFERENCE.test(text);
}

/** The text with every `{{…}}` reference replaced by `by` (for titles, file names, JSON checks). */
export function replaceVariables(text: string, by: string): string {
  return text.replace(new RegExp(REFERENCE.source, 'g'), by);
}

/** The text with a leading `{{…}}` reference (a base URL) replaced by `by`. */
export function replaceLeadingVariable(text: string, by: string): string {
  return text.replace(new RegExp(`^${REFERENCE.source}`), by);
}

/** The text in runs: plain text, and `{{…}}` references, in order. */
export function variableRuns(text: string): { text: string; variable: boolean }[] {
  return text
    .split(new RegExp(`(${REFERENCE.source})`))
    .filter((t) => t !== '')
    .map((t) => ({ text: t, variable: new RegExp(`^${REFERENCE.source}$`).test(t) }));
}
