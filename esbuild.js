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
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { STREAM_VIEWER_VERSION: JSON.stringify(require('./package.json').version) },
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
