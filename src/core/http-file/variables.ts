/**
 * `{{…}}` references of `.http` files, rewritten into Stream Viewer's own
 * where they mean the same, and refused by name where they do not.
 */

import { isDynamicVariable } from '../collections/dynamic-variables';

/** A text's references mapped: the new text, notes, and the references we cannot honour. */
export interface MappedVariables {
  text: string;
  warnings: string[];
  unsupported: string[];
}

/** REST Client's `{{$datetime iso8601 -1 d}}` in our spelling, `{{$datetime:iso8601:-1:d}}`, when we make it. */
function dynamic(ref: string): string | undefined {
  const name = ref.split(/\s+/).join(':');
  return isDynamicVariable(name) ? name : undefined;
}

/** JetBrains' `$random.*` spellings of built-ins we have. */
const RENAMED: Record<string, string> = { '$random.uuid': '$uuid' };

/**
 * Maps every `{{…}}` in `text`:
 * - `{{name}}` (file, environment or `--var` variable) stays as it is;
 * - `{{$processEnv NAME}}` becomes `{{$env:NAME}}` (the process environment, same meaning);
 * - `{{$dotenv NAME}}` becomes `{{$env:NAME}}` too, with a warning: REST Client reads a `.env`
 *   file beside the `.http` file; the CLI merges that file into the environment it reads;
 * - `$uuid`, `$guid`, `$isoTimestamp`, and `$timestamp`, `$datetime`, `$localDatetime` (`iso8601` or `rfc1123`,
 *   an optional offset) and `$randomInt` (optional min max) with their arguments joined by colons;
 * - anything else starting with `$` (custom date formats, `$aadToken`, `$processEnv %indirect`),
 *   request variables (`{{login.response.body.token}}`) and inline scripts are unsupported.
 */
export function mapVariables(text: string): MappedVariables {
  const warnings: string[] = [];
  const unsupported: string[] = [];
  const out = text.replace(/\{\{([^{}]*)\}\}/g, (whole, inner: string) => {
    const ref = inner.trim();
    const env = /^\$(processEnv|dotenv)\s+([A-Za-z_][\w.-]*)$/.exec(ref);
    if (env) {
      if (env[1] === 'dotenv') note(warnings, `{{$dotenv ${env[2]}}} is read as {{$env:${env[2]}}}: the process environment, plus the .env file beside the .http file when run from the CLI`);
      return `{{$env:${env[2]}}}`;
    }
    const made = dynamic(ref);
    if (made !== undefined) return made === ref ? whole : `{{${made}}}`;
    if (Object.hasOwn(RENAMED, ref)) return `{{${RENAMED[ref]}}}`;
    if (ref.startsWith('$')) {
      note(unsupported, `the dynamic variable {{${ref}}} (Stream Viewer has $uuid, $guid, $timestamp, $isoTimestamp, $datetime and $localDatetime with iso8601 or rfc1123, $randomInt, $processEnv and $dotenv)`);
      return whole;
    }
    if (/\.(response|request)\./.test(ref)) {
      note(unsupported, `the request variable {{${ref}}} (values from another request's response)`);
      return whole;
    }
    if (!/^[^\s]+$/.test(ref)) {
      note(unsupported, `the inline script {{${ref.length > 40 ? `${ref.slice(0, 40)}…` : ref}}}`);
      return whole;
    }
    return whole;
  });
  return { text: out, warnings, unsupported };
}

function note(list: string[], message: string): void {
  if (!list.includes(message)) list.push(message);
}
