/**
 * An example value from a JSON Schema (as OpenAPI uses it), for a request
 * body the user can send and then edit: the schema's own example or
 * default when it has one, otherwise the required properties, the first of
 * `oneOf`/`anyOf`, `allOf` merged. Bounded in depth, so recursive schemas end.
 */
import { isJsonObject } from '../../shared/json-object';

type Json = Record<string, unknown>;

const MAX_DEPTH = 8;

function firstType(schema: Json): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.find((t): t is string => typeof t === 'string' && t !== 'null');
  if (isJsonObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

/** Finds what a local `$ref` (`#/components/…`) points at; the parser leaves recursive ones in place. */
export type RefLookup = (ref: string) => unknown;

/** An example for `schema`; `undefined` when it gives nothing to go on. */
export function exampleOf(schema: unknown, lookup: RefLookup = () => undefined, depth = 0): unknown {
  if (!isJsonObject(schema) || depth > MAX_DEPTH) return undefined;
  if (typeof schema.$ref === 'string') return exampleOf(lookup(schema.$ref), lookup, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((s) => exampleOf(s, lookup, depth + 1));
    if (parts.every((p) => isJsonObject(p) || p === undefined)) return Object.assign({}, ...parts.filter(isJsonObject)) as Json;
    return parts.find((p) => p !== undefined);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const usable = options.find((o) => isJsonObject(o) && o.type !== 'null');
      if (usable !== undefined) return exampleOf(usable, lookup, depth + 1);
    }
  }
  switch (firstType(schema)) {
    case 'object': {
      const props = isJsonObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
      const out: Json = {};
      for (const name of required) {
        const value = exampleOf(props[name], lookup, depth + 1);
        out[name] = value === undefined ? null : value;
      }
      return out;
    }
    case 'array': {
      const item = exampleOf(schema.items, lookup, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'string':
      return schema.format === 'date-time' ? '1970-01-01T00:00:00Z' : schema.format === 'date' ? '1970-01-01' : 'string';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}
