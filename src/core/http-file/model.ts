/**
 * `.http` / `.rest` files (REST Client, httpyac, JetBrains HTTP Client):
 * what parsing one yields. The file stays the user's; a block remembers
 * where its parts are so a single request can be written back into it.
 */
import type { SavedRequest } from '../collections/model';

/** A `[start, end)` character range of the file. */
export interface Span {
  start: number;
  end: number;
}

/** A body given as `< ./file` (or `<@ ./file`): the caller reads it, relative to the `.http` file. */
export interface BodyFileReference {
  path: string;
  /** `<@`: REST Client substitutes `{{variables}}` in the file's text; plain `<` sends it as it is. */
  substituteVariables: boolean;
}

/** Where the parts of a block's request are, for writing it back (see write.ts). */
export interface BlockLayout {
  /** The request line and its query continuation lines, without the last line break. */
  target: Span;
  /** Whether the request line ended with `HTTP/x.y`, kept when the line is rewritten. */
  httpVersion?: string;
  /** Each header line (comments between them excluded), in order, without its line break. */
  headerLines: Span[];
  /** Where the first new header goes when the block has none: after the target. */
  headerInsert: number;
  /** The body text as written (trailing blank lines excluded); empty at the blank line when there is none. */
  body: Span;
  /** Whether a blank line separates the headers from a body. */
  hasBlankLine: boolean;
}

/** One request of a `.http` file: the text from one `###` to the next. */
export interface HttpBlock {
  /** `# @name`, else the title after `###`, else "METHOD url". */
  name: string;
  /** 1-based line of the request line (of the block's first line when it has none). */
  line: number;
  /** 1-based lines the block spans (its `###` line to the line before the next one), for "the request at line N". */
  firstLine: number;
  lastLine: number;
  /** The block's range, its `###` separator line included. */
  startOffset: number;
  endOffset: number;
  request: SavedRequest;
  /** The request as parsed, for write-back: compare an edited request to it. */
  layout?: BlockLayout;
  /** Set when the body is `< ./file`; `request.body` then holds no text yet. */
  bodyFile?: BodyFileReference;
  /** Things that were read differently or left out, without changing what is sent. */
  warnings: string[];
  /** Why this block cannot be sent as Stream Viewer reads it; set: do not run it. */
  unsupported?: string;
}

/** A parsed `.http` file. */
export interface HttpFile {
  blocks: HttpBlock[];
  /** `@name = value` file variables, a later definition replacing an earlier one. */
  variables: Record<string, string>;
}
