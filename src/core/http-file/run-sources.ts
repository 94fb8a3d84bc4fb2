/**
 * What one request of a `.http` file is resolved with, the same from the
 * CLI and from VS Code: the chosen environment with the file's `@variables`
 * laid over it, the process environment with the `.env` beside the file,
 * the private env file's names as secrets, and a `< ./file` body read in.
 */
import type { SavedRequest } from '../collections/model';
import { contentTypeEssence } from '../detect';
import type { ReadEnvironments } from './environments';

/** Sources for `createResolver`, for one `.http` request. */
export interface HttpRunSources {
  environment: Record<string, string>;
  processEnv: Record<string, string | undefined>;
  /** Names whose values came from `http-client.private.env.json`: masked like secrets. */
  secretVariables: Set<string>;
}

/** JetBrains/httpyac env files first; REST Client's environments add the names they do not have. */
export function mergeHttpEnvironments(files: ReadEnvironments, restClient: ReadEnvironments | undefined): ReadEnvironments {
  if (!restClient) return files;
  const extra = restClient.environments.filter((e) => !files.environments.some((f) => f.name === e.name));
  return { environments: [...files.environments, ...extra], warnings: [...files.warnings, ...restClient.warnings], privateNames: files.privateNames };
}

/**
 * The resolver's sources for environment `chosen` (none: the file's own
 * variables only). A file variable of a private name replaces the private
 * value, so it is no longer a secret.
 */
export function httpRunSources(
  environments: ReadEnvironments,
  chosen: string | undefined,
  fileVariables: Record<string, string>,
  dotenv: Record<string, string>,
  processEnv: Record<string, string | undefined>,
): HttpRunSources {
  const env = chosen === undefined ? undefined : environments.environments.find((e) => e.name === chosen);
  const environment: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, env?.variables, fileVariables);
  const secret = (env ? (environments.privateNames[env.name] ?? []) : []).filter((n) => !Object.hasOwn(fileVariables, n));
  // `{{$dotenv NAME}}` reads the .env file; the process environment fills in what it lacks.
  return { environment, processEnv: { ...processEnv, ...dotenv }, secretVariables: new Set(secret) };
}

/** `request` with the text of its `< ./file` body: JSON when the Content-Type says so, else raw with that type. */
export function withBodyFile(request: SavedRequest, text: string): SavedRequest {
  const type = request.headers?.find((h) => h.name.toLowerCase() === 'content-type')?.value;
  const essence = contentTypeEssence(type);
  const body: SavedRequest['body'] = essence === 'application/json' || essence.endsWith('+json') ? { kind: 'json', text } : type === undefined ? { kind: 'raw', text } : { kind: 'raw', text, contentType: type };
  return { ...request, body };
}
