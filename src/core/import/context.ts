/** What every importer writes into: the collection, the secrets and the report of one source. */
import { isDynamicVariable } from '../collections/dynamic-variables';
import type { CollectionBuilder } from './builder';
import { hideJsonSecrets } from './json-body-secrets';
import type { SecretNamer } from './secrets';
import type { SavedRequest } from '../collections/model';
import type { SourceSummary } from './types';

/** The state one source is imported with. */
export interface ImportContext {
  builder: CollectionBuilder;
  secrets: SecretNamer;
  summary: SourceSummary;
}

/** Built-in `{{$…}}` values the resolver makes (collections/resolver.ts); Postman and others have many more. */
const isBuiltin = (name: string): boolean => name.startsWith('$env:') || isDynamicVariable(name);

/** The `{{$name}}` built-ins a request uses that Stream Viewer does not make (`{{$randomEmail}}`…). */
function unsupportedBuiltins(request: SavedRequest): string[] {
  const names = [...JSON.stringify(request).matchAll(/\{\{\s*(\$[^{}\s]+)\s*\}\}/g)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !isBuiltin(n)))].map((n) => `{{${n}}}`);
}

/** Adds a request (credentials in a JSON body moved to secrets) and counts it as imported or as already there. */
export function addRequest(ctx: ImportContext, path: readonly string[], request: SavedRequest): void {
  const body = request.body;
  if (body?.kind === 'json') request = { ...request, body: { kind: 'json', text: hideJsonSecrets(body.text, ctx.secrets, label(path, request.name)) } };
  const unknown = unsupportedBuiltins(request);
  if (unknown.length > 0) skip(ctx, label(path, request.name), `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not generated here: set ${unknown.length === 1 ? 'it' : 'them'} with --var or an environment`);
  if (ctx.builder.add(path, request)) ctx.summary.imported++;
  else ctx.summary.duplicates++;
}

/** Notes something not carried over. */
export function skip(ctx: ImportContext, item: string, reason: string): void {
  ctx.summary.skipped.push({ item, reason });
}

/** `Folder/Sub/Name`, how the summary names an item. */
export function label(path: readonly string[], name: string): string {
  return [...path, name].join('/');
}
