/**
 * Which format a file is, from its content (never its name): JSON first,
 * YAML when it is not JSON, then the marks each format leaves.
 */
import { parse as parseYaml } from 'yaml';
import { isJsonObject } from '../../shared/json-object';
import { isHar } from './har';
import { isInsomnia } from './insomnia';
import { isOpenApi, isSwagger2 } from './openapi';
import { isPostmanCollection, isPostmanEnvironment } from './postman';
import type { ImportFormat } from './types';

/** A recognised document, or why the text is not one. */
export type Detected = { format: ImportFormat; doc: Record<string, unknown> } | { format: 'unknown'; reason: string };

function parse(text: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    // Not JSON: OpenAPI and Insomnia v5 are often YAML.
  }
  try {
    return parseYaml(body, { maxAliasCount: 1000 }) as unknown;
  } catch {
    return undefined;
  }
}

/** Detects the format of `text`. */
export function detectFormat(text: string): Detected {
  const doc = parse(text);
  if (!isJsonObject(doc)) return { format: 'unknown', reason: doc === undefined ? 'neither JSON nor YAML' : 'not a JSON or YAML object' };
  if (isPostmanCollection(doc)) return { format: 'postman', doc };
  if (isPostmanEnvironment(doc)) return { format: 'postman-environment', doc };
  if (isHar(doc)) return { format: 'har', doc };
  if (isOpenApi(doc)) return { format: 'openapi', doc };
  if (isInsomnia(doc)) return { format: 'insomnia', doc };
  if (isSwagger2(doc)) return { format: 'unknown', reason: 'Swagger 2.0 is not supported: convert it to OpenAPI 3 first' };
  return { format: 'unknown', reason: 'not a Postman collection or environment, HAR, OpenAPI 3 or Insomnia export' };
}
