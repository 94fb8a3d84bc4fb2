/**
 * What an import reads and what it reports. An import never drops anything
 * silently: whatever a collection cannot hold is named in the summary with
 * the reason, and every credential it met is named by the variable to set.
 */

/** The formats requests can be imported from. */
export type ImportFormat = 'postman' | 'postman-environment' | 'har' | 'openapi' | 'insomnia' | 'bruno';

/** One file of a collection folder, its path relative to the folder with `/` between names. */
export interface FolderFile {
  path: string;
  text: string;
}

/**
 * What to import, with where it came from (a path or name, shown in the
 * summary): one file's text, or the files of a collection folder (Bruno).
 */
export type ImportInput = { source: string; text: string } | { source: string; files: FolderFile[] };

/** Something that was not carried over, or only partly. */
export interface SkippedItem {
  /** The request, folder or part it concerns (`Folder/Request`, `Request: test script`). */
  item: string;
  reason: string;
}

/** What one input gave. */
export interface SourceSummary {
  source: string;
  format: ImportFormat | 'unknown';
  /** Requests added to the collection. */
  imported: number;
  /** Requests already there with the same folder, name, method and URL. */
  duplicates: number;
  environments: string[];
  skipped: SkippedItem[];
}

/** A credential moved out of the collection: set `env` (CLI) or the secret `name` (VS Code) to its value. */
export interface SecretNeeded {
  /** The name used in `{{secret:NAME}}`. */
  name: string;
  /** The environment variable the CLI reads it from. */
  env: string;
  /** Where it was found, e.g. `Chat/Create: header Authorization`. */
  where: string;
  /** What value to store when it is not the one found as is (e.g. Basic credentials). */
  hint?: string;
  /** How many different values it stands for, when more than one (a HAR that captured a token as it was refreshed). */
  values?: number;
}

/** The whole report of an import. */
export interface ImportSummary {
  sources: SourceSummary[];
  secrets: SecretNeeded[];
}
