import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// What the npm page and `npm view` show, and the README's Tasks table: package.json (written by .projenrc.ts)
// carries the repository, the homepage and a released version, and `npm run synth -- NAME` reaches the script.

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string; homepage?: string; repository?: { url?: string };
};

test('package.json names the repository, a homepage in it, and a released version (not 0.0.0)', () => {
  expect(manifest.repository?.url).toMatch(/^https:\/\/github\.com\/[\w-]+\/[\w-]+$/);
  expect(manifest.homepage).toBe(`${manifest.repository!.url}#readme`);
  expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(manifest.version).not.toBe('0.0.0');
});

test('the README links files the package does not ship by their address in the repository', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const shipped = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
  const relative = [...readme.matchAll(/\]\(([^)#:]+)(?:#[^)]*)?\)/g)].map((m) => m[1]);
  expect(relative.length).toBeGreaterThan(3);
  const unshipped = relative.filter((p) => !shipped.some((f) => p === f || p.startsWith(`${f}/`)));
  expect(unshipped).toEqual([]);
  for (const m of readme.matchAll(/\]\((https:\/\/github\.com\/[^)]+\/blob\/main\/([^)#]+))/g)) {
    expect(m[1].startsWith(manifest.repository!.url!)).toBe(true);
    expect(fs.existsSync(path.join(ROOT, m[2]))).toBe(true);
  }
});

test('`npm run synth -- NAME` passes NAME to the synth script, which synthesizes only the examples named', () => {
  const tasks = (JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')) as { tasks: Record<string, { steps: { exec?: string; receiveArgs?: boolean }[] }> }).tasks;
  expect(tasks.synth.steps).toEqual([{ exec: 'ts-node --transpile-only scripts/synth-examples.ts', receiveArgs: true }]);
  // The script filters by name (a name that matches nothing stops before any synthesis, listing the examples).
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/ts-node'), ['--transpile-only', 'scripts/synth-examples.ts', 'no-such-example'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^synth: no example matches no-such-example; available: .*\bcanary\b/);
  expect(r.stdout).toBe('');
});
