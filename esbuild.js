// Builds every bundle: the extension (node/cjs, `vscode` external), the CLI
// (node/cjs with a shebang), and the webview (browser/iife).
// `--watch` rebuilds on change; `--production` minifies and drops source maps.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  // ESM builds first: jsonc-parser's UMD build loads its parts with require() calls esbuild cannot follow.
  mainFields: ['module', 'main'],
  // Bruno's parser require()s ohm-js and needs its CommonJS build: the ESM one has no named exports to require.
  alias: { 'ohm-js': require.resolve('ohm-js') },
};

/** The CLI's bundles: node/cjs, with the package's version built in. */
/** @type {import('esbuild').BuildOptions} */
const cli = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: { STREAM_VIEWER_VERSION: JSON.stringify(require('./package.json').version) },
};

/**
 * Subcommand modules (src/cli/<key>.ts) built into files of their own (dist/<value>.js): the importers'
 * parsers (YAML, $ref, Bruno's grammar) are half the CLI's code and no part of a stream. `test` and `mcp`
 * stay in cli-main.js: they stream too, and a file of their own would hold a second copy of the HTTP client.
 */
const SUBCOMMANDS = { 'import-command': 'cli-import' };

/** cli-main.js loads those subcommands from their files, when they run, instead of holding their code. */
/** @type {import('esbuild').Plugin} */
const subcommandFiles = {
  name: 'subcommand-files',
  setup(build) {
    build.onResolve({ filter: /^\.\/[a-z-]+-command$/ }, (args) => {
      const out = SUBCOMMANDS[args.path.slice(2)];
      return out === undefined ? undefined : { path: `./${out}.js`, external: true };
    });
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // `stream-viewer`: a small launcher that runs cli-main.js through V8's code cache (see src/cli/launcher.ts).
    ...cli,
    entryPoints: ['src/cli/launcher.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...cli,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli-main.js',
    plugins: [subcommandFiles],
    // The launcher runs this bundle as a vm script, where node 20 runs no `import()`: each becomes a `require`.
    supported: { 'dynamic-import': false },
  },
  {
    // The subcommands in files of their own: start-up compiles none of their code.
    ...cli,
    entryPoints: Object.fromEntries(Object.entries(SUBCOMMANDS).map(([source, out]) => [out, `src/cli/${source}.ts`])),
    outdir: 'dist',
  },
  {
    ...common,
    entryPoints: ['src/demo/main.ts'],
    outfile: 'dist/demo.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // `stream-viewer-demo` in the npm package.
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The demo server as a module, for `npm start` and the UI tests.
    ...common,
    entryPoints: ['src/demo/server.ts'],
    outfile: 'dist/demo-api.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
];

const webviewEntry = 'webview/main.ts';
if (fs.existsSync(webviewEntry)) {
  builds.push({
    ...common,
    // The request panel and the MCP panel: each its own bundle (main.js/css, mcp.js/css).
    entryPoints: { main: webviewEntry, mcp: 'webview/mcp/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    loader: { '.ttf': 'file', '.css': 'css' },
  });
}

const testEntries = [];
const testDir = 'test/extension';
if (fs.existsSync(testDir)) {
  for (const f of fs.readdirSync(testDir)) if (f.endsWith('.ts')) testEntries.push(path.join(testDir, f));
}
if (testEntries.length > 0) {
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: testEntries,
    outdir: 'out/test/extension',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

/** Codicons as their own stylesheet: @vscode-elements finds it by its link's id. */
function copyCodicons() {
  const from = 'node_modules/@vscode/codicons/dist';
  fs.mkdirSync('dist/webview', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, f), path.join('dist/webview', f));
}

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[watch] build started');
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync('dist/cli.js', 0o755);
  copyCodicons();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
