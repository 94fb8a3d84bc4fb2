/**
 * The folder `npm start` opens (.sandbox/): a README and a collection of the
 * demo server's endpoints, so the Streams view has something real to run on
 * the first start. The folder is the user's to play in: a file already there
 * is never replaced; only the one setting that names the demo server's port
 * is kept in step with the server this start uses.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify, parse } from 'jsonc-parser';

/** The collection kept in the repository, copied into the sandbox when it is missing there. */
export const COLLECTION_SOURCE = join(import.meta.dirname, 'demo.streams.json');
/** Its name in the sandbox. */
export const COLLECTION_FILE = 'demo.streams.json';
/** A `.http` file and its environments, copied beside the collection when missing. */
export const HTTP_FILES = ['demo.http', 'http-client.env.json'];
/** The environment whose `baseUrl` names the demo server. */
export const LOCAL_ENVIRONMENT = 'local';
const PORT_SETTING = 'streamViewer.demo.port';
const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2 } };

const README = `# Stream Viewer sandbox

A folder to try Stream Viewer in; \`npm start\` opened it.

- **Streams view** (the activity bar's Stream Viewer icon): \`${COLLECTION_FILE}\` holds a request for each of the
  demo server's streams: the seed article's SSE and its buggy variant, OpenAI, Anthropic, Gemini and Ollama
  style LLM streams, NDJSON, a JSON text sequence, plain text, a 100 000-event burst, a chat room and MCP
  calls. Click one to open it, press Send (Ctrl/Cmd+Enter). Its \`local\` environment points \`{{baseUrl}}\` at the demo server.
- **Testing view** (the flask icon): the requests with an \`expect\` block and the chat room's flow are tests; run
  them there, or in a terminal here: \`node ../dist/cli.js test ${COLLECTION_FILE} --env local\`.
- **\`demo.http\`**: the same kind of requests as a \`.http\` file; **▶ Stream** above each one streams it.
- **MCP**: the collection's MCP folder, or **F1 → Stream Viewer: Connect to MCP Server…** on \`{{baseUrl}}/mcp\`.
- **F1 → Stream Viewer: Open Demo Server**: a request on the same demo server, and its list of endpoints.
- **F1 → Stream Viewer: New Request**: any URL of your own.

Edit or add files here freely: \`npm start\` adds back what is missing and never overwrites a file.
`;

/** The `local` environment's index and its baseUrl in a collection's text, if it has one. */
function localBaseUrl(text) {
  const envs = parse(text)?.environments;
  const index = Array.isArray(envs) ? envs.findIndex((e) => e?.name === LOCAL_ENVIRONMENT) : -1;
  return index < 0 ? undefined : { index, baseUrl: envs[index]?.variables?.baseUrl };
}

/**
 * Makes `dir` ready to open. `demoUrl` is where the demo server answers
 * (e.g. `http://127.0.0.1:3001/`). Returns what the user should know, one
 * line each (e.g. that a collection edited earlier points elsewhere).
 * @param {string} dir
 * @param {{ demoUrl: string, demoPort: number }} demo
 * @returns {string[]}
 */
export function prepareSandbox(dir, { demoUrl, demoPort }) {
  const notes = [];
  const baseUrl = demoUrl.replace(/\/+$/, '');
  mkdirSync(dir, { recursive: true });
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) writeFileSync(readme, README);

  const collection = join(dir, COLLECTION_FILE);
  if (!existsSync(collection)) {
    let text = readFileSync(COLLECTION_SOURCE, 'utf8');
    const local = localBaseUrl(text);
    if (local && local.baseUrl !== baseUrl) text = applyEdits(text, modify(text, ['environments', local.index, 'variables', 'baseUrl'], baseUrl, FORMAT));
    writeFileSync(collection, text);
  } else {
    const local = localBaseUrl(readFileSync(collection, 'utf8'));
    if (local && local.baseUrl !== baseUrl) {
      notes.push(`${collection}: its "${LOCAL_ENVIRONMENT}" environment has baseUrl ${JSON.stringify(local.baseUrl)}, but the demo server is at ${baseUrl} this time; change baseUrl there to use it`);
    }
  }

  for (const name of HTTP_FILES) {
    const file = join(dir, name);
    if (existsSync(file)) continue;
    let text = readFileSync(join(import.meta.dirname, name), 'utf8');
    const env = parse(text)?.[LOCAL_ENVIRONMENT];
    if (name.endsWith('.json') && env && env.baseUrl !== baseUrl) text = applyEdits(text, modify(text, [LOCAL_ENVIRONMENT, 'baseUrl'], baseUrl, FORMAT));
    writeFileSync(file, text);
  }

  // Workspace settings reach the extension however VS Code is opened (desktop `code` takes no settings on its command line).
  const vscodeDir = join(dir, '.vscode');
  const settingsFile = join(vscodeDir, 'settings.json');
  const settings = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : '{}\n';
  if (parse(settings)?.[PORT_SETTING] !== demoPort) {
    mkdirSync(vscodeDir, { recursive: true });
    writeFileSync(settingsFile, applyEdits(settings, modify(settings, [PORT_SETTING], demoPort, FORMAT)));
  }
  return notes;
}
