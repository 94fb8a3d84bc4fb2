/**
 * A saved request made ready to send: its `{{variables}}` filled in from
 * `--var` values, the environment, built-ins and secrets, and the secret
 * values it uses collected for masking. `stream-viewer run`, `stream-viewer
 * test` and the Test Explorer prepare requests the same way.
 */
import { createResolver, secretEnvName, type ResolverSources } from '../collections/resolver';
import type { SavedMcpCall, SavedRequest } from '../collections/model';
import { resolveMcpCall } from '../mcp/saved-call';
import { toSpec } from '../collections/tree';
import { secretsOfRequest } from '../secrets/request-secrets';
import type { RequestSpec, StreamSettings } from '../spec';
import { resolveSpec } from '../variables';

/** A request ready to run, or why it cannot be sent as written. */
export type PreparedRequest =
  | {
      ok: true;
      /** What is sent. */
      spec: RequestSpec;
      /** The request as written (what a recording keeps). */
      written: RequestSpec;
      settings: StreamSettings;
      /** Secret values used (and URL and Basic passwords), to mask in every output. */
      secrets: string[];
      /** For an MCP request: the call to make, its params' variables filled in from the same sources. */
      mcp?: SavedMcpCall;
    }
  | { ok: false; error: string };

/** How to set a variable that has no value, for the message. */
function missingVariableHint(name: string): string {
  if (name.startsWith('secret:')) return `${name} (set ${secretEnvName(name.slice(7))})`;
  if (name.startsWith('$env:')) return `${name} (not in the environment)`;
  return `${name} (use --env or --var ${name}=…)`;
}

/** Fills in `request`'s variables; `label` names it in the message when some have no value. Throws a `VariableError` for a runaway value. */
export function prepareRequest(request: SavedRequest, label: string, sources: ResolverSources): PreparedRequest {
  const resolver = createResolver(sources);
  const { spec, settings } = toSpec(request);
  // A value that expands past the limit throws a VariableError: a fault of the file, not a missing value.
  const resolved = resolveSpec(spec, resolver.lookup);
  const mcp = request.mcp ? resolveMcpCall(request.mcp, resolver.lookup) : undefined;
  const missing = [...new Set([...resolved.missing, ...(mcp?.missing ?? [])])];
  if (missing.length > 0) return { ok: false, error: `"${label}" uses variables with no value: ${missing.map(missingVariableHint).join(', ')}` };
  return { ok: true, spec: resolved.spec, written: spec, settings, secrets: [...resolver.secretsUsed(), ...secretsOfRequest(resolved.spec)], ...(mcp ? { mcp: mcp.call } : {}) };
}
