/**
 * Credentials written into a JSON body (`{"password": "hunter2"}` in a
 * login request, `"api_key"` in a payload) become `{{secret:NAME}}` like
 * those in headers. The text is edited in place, so the body keeps its
 * layout, and a body that is not JSON (or uses `{{variables}}` where a
 * value goes) is still read as far as it parses.
 */
import { parseTree, type Node } from 'jsonc-parser';
import { isSecretName, type SecretNamer } from './secrets';

interface Edit {
  offset: number;
  length: number;
  text: string;
}

function collect(node: Node | undefined, secrets: SecretNamer, where: string, edits: Edit[]): void {
  if (node === undefined) return;
  if (node.type === 'property' && node.children?.length === 2) {
    const [key, value] = node.children as [Node, Node];
    if (typeof key.value === 'string' && isSecretName(key.value) && value.type === 'string' && typeof value.value === 'string' && value.value !== '') {
      const replaced = secrets.replace(value.value, key.value, `${where}: body field ${key.value}`);
      if (replaced !== value.value) edits.push({ offset: value.offset, length: value.length, text: JSON.stringify(replaced) });
      return;
    }
  }
  for (const child of node.children ?? []) collect(child, secrets, where, edits);
}

/** The JSON text with every string under a credential-named key replaced by its secret reference. */
export function hideJsonSecrets(text: string, secrets: SecretNamer, where: string): string {
  const edits: Edit[] = [];
  collect(parseTree(text, [], { allowTrailingComma: true }), secrets, where, edits);
  let out = text;
  for (const e of edits.sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}
