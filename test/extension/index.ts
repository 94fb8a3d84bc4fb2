/**
 * Extension-host test entry, in the shape `@vscode/test-electron` expects:
 * `run()` loads every `*.test.js` next to it into mocha and rejects when any
 * test fails. The same file serves the VS Code server route used offline.
 */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Runs the suite; resolves when every test passed. */
export function run(): Promise<void> {
  // STREAM_VIEWER_TEST_GREP runs the matching tests only (the server passes its environment to the extension host).
  const grep = process.env.STREAM_VIEWER_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const f of readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
