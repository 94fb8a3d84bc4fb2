/**
 * `stream-viewer import <file|folder>... [-o out.streams.json] [--json]`:
 * requests from Postman, HAR, OpenAPI or Insomnia files, or a Bruno
 * collection folder, into a collection.
 * The collection goes to `-o` (added to what the file already has, nothing
 * duplicated) or to stdout; the summary of what came in, what did not and
 * which secrets to set goes to stderr, as JSON with `--json`. Secret values
 * are never printed, only the variable names to set.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCollection, splitBom } from '../core/collections/parse';
import { COLLECTION_SUFFIX, type Collection } from '../core/collections/model';
import { importRequests, type ImportInput } from '../core/import/index';
import { MAX_IMPORT_BYTES, summaryText } from '../core/import/summary-text';
import { UsageError } from './args';


/** Files a folder import looks at. */
const IMPORTABLE = /\.(json|ya?ml|har)$/i;

/** Every file under `dir` (no hidden ones, no node_modules), paths relative to it with `/`. */
function walk(dir: string, prefix = '', depth = 0): string[] {
  if (depth > 8) return [];
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(dir, `${prefix}${e.name}/`, depth + 1) : [`${prefix}${e.name}`]));
}

function readText(file: string): string {
  const size = statSync(file).size;
  if (size > MAX_IMPORT_BYTES) throw new UsageError(`${file} is ${Math.round(size / 1024 / 1024)} MiB: more than the ${MAX_IMPORT_BYTES / 1024 / 1024} MiB an import reads`);
  return readFileSync(file, 'utf8');
}

/** What a path gives: a file, a Bruno collection folder (it has bruno.json), or the importable files of a folder. */
function inputsOf(path: string): ImportInput[] {
  if (!statSync(path).isDirectory()) return [{ source: path, text: readText(path) }];
  if (existsSync(join(path, 'bruno.json'))) {
    const files = walk(path).filter((f) => f === 'bruno.json' || f.endsWith('.bru'));
    return [{ source: path, files: files.map((f) => ({ path: f, text: readText(join(path, f)) })) }];
  }
  const direct = readdirSync(path, { withFileTypes: true }).filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules').sort((a, b) => a.name.localeCompare(b.name));
  return direct.flatMap((e) => {
    const full = join(path, e.name);
    if (e.isDirectory()) return inputsOf(full);
    return IMPORTABLE.test(e.name) && !e.name.endsWith('.streams.json') ? [{ source: full, text: readText(full) }] : [];
  });
}

function existing(output: string): { collection?: Collection; indent: string; bom: boolean } {
  if (!existsSync(output)) return { indent: '  ', bom: false };
  const parsed = parseCollection(readFileSync(output, 'utf8'));
  if (!parsed.ok) throw new UsageError(`${output}: ${parsed.error} (not changed)`);
  return { collection: parsed.collection, indent: parsed.indent, bom: parsed.bom };
}

/** Runs `import`; returns the exit code (0 something imported or nothing to do, 1 nothing recognised). */
export async function runImportCommand(argv: string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, name: { type: 'string' } } });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { positionals, values } = parsed;
  if (positionals.length === 0) throw new UsageError('import needs a file or folder: stream-viewer import <file|folder>... [-o out.streams.json]');
  const inputs: ImportInput[] = [];
  for (const p of positionals) {
    if (!existsSync(p)) throw new UsageError(`Cannot read ${p}: no such file or folder`);
    inputs.push(...inputsOf(p));
  }
  const output = values.output;
  const target = output !== undefined ? existing(output) : { indent: '  ', bom: false };
  const { collection, summary } = await importRequests(inputs, { existing: target.collection, name: values.name });
  const recognised = summary.sources.some((s) => s.format !== 'unknown');
  if (recognised) {
    const text = `${target.bom ? '\uFEFF' : ''}${JSON.stringify(collection, null, target.indent)}\n`;
    if (output !== undefined) writeFileSync(output, text);
    else stdout.write(splitBom(text).body);
  }
  if (recognised && output !== undefined && !output.endsWith(COLLECTION_SUFFIX)) {
    stderr.write(`stream-viewer: note: ${output} does not end in ${COLLECTION_SUFFIX}; the Streams view and schema checks only look at such files\n`);
  }
  if (values.json) stderr.write(`${JSON.stringify(summary)}\n`);
  else stderr.write(`${[...summaryText(summary), ...(recognised && output !== undefined ? [`Wrote ${output}`] : [])].join('\n')}\n`);
  return recognised ? 0 : 1;
}
