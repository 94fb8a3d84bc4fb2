/**
 * How an import reads to a person, the same in a terminal and in VS Code's
 * Output channel: what came in from each source, what was not carried over
 * and why, and the credentials kept out of the file (names, never values).
 * Apart from the importers so that saying it loads none of their parsers.
 */
import type { ImportSummary } from './types';

/** Largest file an import reads: an API description or a HAR bigger than this is not a hand-made collection. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** The summary as lines. */
export function summaryText(summary: ImportSummary): string[] {
  const lines: string[] = [];
  for (const s of summary.sources) {
    const parts = [`${s.imported} request${s.imported === 1 ? '' : 's'} imported`];
    if (s.duplicates > 0) parts.push(`${s.duplicates} already there`);
    if (s.environments.length > 0) parts.push(`environment${s.environments.length === 1 ? '' : 's'}: ${s.environments.join(', ')}`);
    lines.push(`${s.source} (${s.format}): ${parts.join(', ')}`);
    if (s.skipped.length > 0) lines.push(`  not carried over (${s.skipped.length}):`, ...s.skipped.map((k) => `    ${k.item}: ${k.reason}`));
  }
  if (summary.secrets.length > 0) {
    lines.push('Credentials were not written into the collection; set them before running:');
    for (const n of summary.secrets) {
      const values = n.values !== undefined ? `; ${n.values} different values were captured for it: set the one valid now` : '';
      lines.push(`  ${n.env}  ({{secret:${n.name}}}, from ${n.where}${n.hint !== undefined ? `; value: ${n.hint}` : ''}${values})`);
    }
  }
  return lines;
}
