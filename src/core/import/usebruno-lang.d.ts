/** The parts of Bruno's own `.bru` parser (untyped CommonJS) that the Bruno import uses. */
declare module '@usebruno/lang' {
  /** A request file (`*.bru`) as Bruno reads it. */
  export function bruToJsonV2(text: string): unknown;
  /** An environment file (`environments/*.bru`). */
  export function bruToEnvJsonV2(text: string): unknown;
  /** `collection.bru` or a `folder.bru`. */
  export function collectionBruToJson(text: string): unknown;
}
