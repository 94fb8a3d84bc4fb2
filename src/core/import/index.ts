/**
 * Importing requests from other tools into a collection: Postman
 * collections and environments, HAR, OpenAPI 3.x and Insomnia exports,
 * each detected from its content, and Bruno collection folders. The result is a collection (added to an
 * existing one when given, without duplicating what it has) and a summary
 * of what came in, what did not and why, and which secrets to set.
 */
import type { Collection } from '../collections/model';
import { CollectionBuilder } from './builder';
import { importBruno, isBrunoFolder } from './bruno';
import type { ImportContext } from './context';
import { detectFormat } from './detect';
import { importHar } from './har';
import { importInsomnia } from './insomnia';
import { importOpenApi } from './openapi';
import { importPostmanCollection, importPostmanEnvironment } from './postman';
import { SecretRegistry } from './secrets';
import type { ImportInput, ImportSummary, SourceSummary } from './types';

export type { FolderFile, ImportFormat, ImportInput, ImportSummary, SecretNeeded, SkippedItem, SourceSummary } from './types';

/** What an import gives. */
export interface ImportResult {
  collection: Collection;
  summary: ImportSummary;
}

/** Options of an import. */
export interface ImportOptions {
  /** A collection to add to (it is not changed: the result is a copy). */
  existing?: Collection;
  /** The name a new collection gets when none comes from the sources. */
  name?: string;
}

/** Imports every input into one collection. */
export async function importRequests(inputs: readonly ImportInput[], options: ImportOptions = {}): Promise<ImportResult> {
  const builder = new CollectionBuilder(options.existing, options.name);
  const secrets = new SecretRegistry();
  const sources: SourceSummary[] = [];
  for (const input of inputs) {
    if ('files' in input) {
      const summary: SourceSummary = { source: input.source, format: isBrunoFolder(input.files) ? 'bruno' : 'unknown', imported: 0, duplicates: 0, environments: [], skipped: [] };
      sources.push(summary);
      if (summary.format === 'bruno') importBruno(input.files, { builder, secrets, summary });
      else summary.skipped.push({ item: input.source, reason: 'a folder that is not a Bruno collection (no bruno.json with .bru files)' });
      continue;
    }
    const detected = detectFormat(input.text);
    const summary: SourceSummary = { source: input.source, format: detected.format, imported: 0, duplicates: 0, environments: [], skipped: [] };
    sources.push(summary);
    if (detected.format === 'unknown') {
      summary.skipped.push({ item: input.source, reason: detected.reason });
      continue;
    }
    const ctx: ImportContext = { builder, secrets, summary };
    try {
      switch (detected.format) {
        case 'postman':
          importPostmanCollection(detected.doc, ctx);
          break;
        case 'postman-environment':
          importPostmanEnvironment(detected.doc, ctx);
          break;
        case 'har':
          importHar(detected.doc, ctx);
          break;
        case 'openapi':
          await importOpenApi(detected.doc, ctx);
          break;
        case 'insomnia':
          importInsomnia(detected.doc, ctx);
          break;
      }
    } catch (err) {
      summary.skipped.push({ item: input.source, reason: `could not be read: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return { collection: builder.collection(), summary: { sources, secrets: secrets.needed } };
}
