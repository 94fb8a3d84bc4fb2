/**
 * `stream-viewer run api.http <name|line>`: one request of a `.http` /
 * `.rest` file, with what lives beside the file — `http-client.env.json`
 * and `http-client.private.env.json` in its folder, REST Client's
 * environments in the nearest `.vscode/settings.json` above it, a `.env`
 * for `{{$dotenv NAME}}`, and `< ./file` bodies, all read relative to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { SavedRequest } from '../core/collections/model';
import { httpClientEnvironments, restClientEnvironments, type ReadEnvironments } from '../core/http-file/environments';
import { BodyFileError, readBodyFile } from '../core/http-file/body-file';
import type { BodyFileReference, HttpBlock } from '../core/http-file/model';
import { parseHttpFile } from '../core/http-file/parse';
import { httpRunSources, mergeHttpEnvironments, withBodyFile, type HttpRunSources } from '../core/http-file/run-sources';
import { listSome } from '../shared/format';
import { readTextFile, UsageError } from './args';

/** Whether the CLI reads `file` as a `.http` file rather than a collection. */
export function isHttpFile(file: string): boolean {
  return /\.(http|rest)$/i.test(file);
}

/** The request to run and where its variables come from. */
export interface HttpFileRequest extends HttpRunSources {
  /** `api.http:12`: how messages name the request. */
  label: string;
  request: SavedRequest;
  warnings: string[];
}

/** Reads `file`, picks the block `query` names (its `@name`/title, or a line inside it) and its environment; `processEnv` is laid under the `.env` file. */
export function loadHttpFileRequest(file: string, query: string, envName: string | undefined, processEnv: Record<string, string | undefined>): HttpFileRequest {
  const parsed = parseHttpFile(readTextFile(file));
  const block = pickBlock(parsed.blocks, query, file);
  const label = `${file}:${block.line}`;
  if (block.unsupported) throw new UsageError(`${label} (${block.name}): ${block.unsupported}`);
  const dir = dirname(resolve(file));
  const request = block.bodyFile ? withBodyFile(block.request, bodyText(file, block, block.bodyFile, label)) : structuredClone(block.request);
  const environments = findEnvironments(dir);
  const warnings = [...block.warnings, ...environments.warnings];
  if (envName !== undefined && !environments.environments.some((x) => x.name === envName)) {
    throw new UsageError(`${file}: no environment "${envName}" (found ${environments.environments.map((x) => `"${x.name}"`).join(', ') || 'none'} in http-client.env.json, http-client.private.env.json or .vscode/settings.json)`);
  }
  const dotenvFile = join(dir, '.env');
  const dotenv = existsSync(dotenvFile) ? (parseEnv(readTextFile(dotenvFile)) as Record<string, string>) : {};
  return { label, request, warnings, ...httpRunSources(environments, envName, parsed.variables, dotenv, processEnv) };
}

function pickBlock(blocks: HttpBlock[], query: string, file: string): HttpBlock {
  const list = (): string => listSome(blocks.map((b) => `${b.name} (line ${b.line})`)) || 'no requests';
  if (/^\d+$/.test(query)) {
    const line = Number(query);
    const found = blocks.find((b) => b.line === line) ?? blocks.find((b) => b.firstLine <= line && line <= b.lastLine);
    if (!found) throw new UsageError(`${file}: no request at line ${line}. The file has: ${list()}`);
    return found;
  }
  const named = blocks.filter((b) => b.name === query);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw new UsageError(`${file}: "${query}" names ${named.length} requests (lines ${listSome(named.map((b) => String(b.line)))}); give a line number instead`);
  throw new UsageError(`${file}: no request "${query}". The file has: ${list()}`);
}

function bodyText(file: string, block: HttpBlock, ref: BodyFileReference, label: string): string {
  try {
    return readBodyFile(file, ref);
  } catch (err) {
    if (err instanceof BodyFileError) throw new UsageError(`${label} (${block.name}): ${err.message}`);
    throw err;
  }
}

/** JetBrains/httpyac env files in the folder, then REST Client's settings in the nearest `.vscode` above it. */
function findEnvironments(dir: string): ReadEnvironments {
  const read = (p: string): string | undefined => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);
  const jetbrains = httpClientEnvironments(read(join(dir, 'http-client.env.json')), read(join(dir, 'http-client.private.env.json')));
  for (let d = dir; ; d = dirname(d)) {
    const settings = read(join(d, '.vscode', 'settings.json'));
    if (settings !== undefined) return mergeHttpEnvironments(jetbrains, restClientEnvironments(settings));
    if (dirname(d) === d) return jetbrains;
  }
}
