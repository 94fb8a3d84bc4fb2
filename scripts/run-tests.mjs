// Runs every test layer in order and ends with one summary line:
//   unit, integration (node's test runner, TypeScript through tsx),
//   extension (mocha inside a real VS Code extension host),
//   e2e (Playwright driving real Chromium).
// Usage: node scripts/run-tests.mjs [unit|integration|extension|e2e]...
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const layers = process.argv.slice(2);
const wanted = layers.length > 0 ? layers : ['unit', 'integration', 'extension', 'e2e'];

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** Runs a command, echoing its output, and counts node-test-runner / mocha results. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      text += d.toString();
      if (text.length > 1_000_000) text = text.slice(-100_000);
    });
    child.on('close', (code) => {
      const num = (re) => {
        const m = [...text.matchAll(re)].pop();
        return m ? Number(m[1]) : 0;
      };
      resolve({
        code: code ?? 1,
        passed: num(/^\S*\s*pass (\d+)/gm) + num(/^\s*(\d+) passing/gm),
        failed: num(/^\S*\s*fail (\d+)/gm) + num(/^\s*(\d+) failing/gm),
      });
    });
  });
}

let passed = 0;
let failed = 0;
let exit = 0;
for (const layer of wanted) {
  let result;
  if (layer === 'extension') {
    if (!existsSync('scripts/vscode-test/run.mjs')) continue;
    result = await run(process.execPath, ['scripts/vscode-test/run.mjs']);
  } else {
    const files = findTests(join('test', layer));
    if (files.length === 0) continue;
    console.log(`\n=== ${layer} tests (${files.length} files) ===`);
    result = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files]);
  }
  passed += result.passed;
  failed += result.failed;
  if (result.code !== 0) {
    exit = 1;
    if (result.failed === 0) failed += 1; // a layer that crashed counts as a failure
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exit);
