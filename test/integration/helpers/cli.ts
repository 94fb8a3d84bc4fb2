/** Runs the built `stream-viewer` CLI (dist/cli.js) as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** Path of the built CLI bundle. */
export const CLI = resolve(__dirname, '../../../dist/cli.js');

/** What a finished CLI run printed. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines (only meaningful with --json). */
  lines: Record<string, unknown>[];
}

/** Starts the CLI; `done` resolves when it exits. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliResult>((res) => {
    child.on('close', (code) => {
      const lines = args.includes('--json')
        ? stdout
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => JSON.parse(l) as Record<string, unknown>)
        : [];
      res({ code, stdout, stderr, lines });
    });
  });
  return { child, done };
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return startCli(args, env).done;
}

/** The lines of one type. */
export function ofType(result: CliResult, type: string): Record<string, unknown>[] {
  return result.lines.filter((l) => l.type === type);
}
