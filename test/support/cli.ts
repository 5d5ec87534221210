import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '../..');

/** A fixture path relative to test/fixtures. */
export function fixture(...parts: string[]): string {
  return path.join('test/fixtures', ...parts);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

let built = false;

/**
 * Compiles the package into lib/ when a source is newer than the compiled
 * command line (`npm test` compiles first; this covers a jest run on its own and edits made since).
 */
export function ensureBuilt(): void {
  if (built) return;
  const main = path.join(ROOT, 'lib/src/cli/main.js');
  const stale = !fs.existsSync(main) || Math.max(newestMtime(path.join(ROOT, 'src')), newestMtime(path.join(ROOT, 'generated'))) > fs.statSync(main).mtimeMs;
  if (stale) {
    const r = spawnSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['--build', 'tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tsc --build failed:\n${r.stdout}${r.stderr}`);
  }
  built = true;
}

/** What a run of the built binary gave. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/cdk8s-gateway.js ...args` in the repository root (or `cwd`), as a user would. */
export function runCli(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  ensureBuilt();
  // GITHUB_ACTIONS=true (a CI run of these tests) would switch validate, lint and test to the github format: only a test that asks for it gets it.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '' };
  delete env.GITHUB_ACTIONS;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cdk8s-gateway.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...env, ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
