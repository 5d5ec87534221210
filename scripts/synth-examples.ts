/**
 * `npm run synth`: synthesizes every app in examples/ into dist/<example>/
 * with the real cdk8s CLI (`cdk8s synth`), and prints what it wrote.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const distDir = path.join(root, 'dist');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

/** Example apps: top-level .ts files of examples/ that are not tests. */
export function exampleApps(): string[] {
  return fs.readdirSync(examplesDir)
    .filter(f => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
}

function main(): number {
  const only = process.argv.slice(2);
  const apps = exampleApps().filter(f => only.length === 0 || only.includes(path.basename(f, '.ts')));
  if (apps.length === 0) {
    console.error(`synth: no example matches ${only.join(', ')}; available: ${exampleApps().map(f => path.basename(f, '.ts')).join(', ')}`);
    return 1;
  }
  let failed = 0;
  for (const app of apps) {
    const name = path.basename(app, '.ts');
    const out = path.join(distDir, name);
    fs.rmSync(out, { recursive: true, force: true });
    // cdk8s runs this through a shell after splitting it on spaces: keep it free of quotes (paths are relative to root).
    const command = `node_modules/.bin/ts-node --transpile-only examples/${app}`;
    const result = spawnSync(bin('cdk8s'), ['synth', '--app', command, '--output', out, '--no-check-upgrade'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      failed++;
      console.error(`synth: examples/${app} failed (exit ${result.status})\n${result.stdout}${result.stderr}`);
      continue;
    }
    const files = fs.existsSync(out) ? fs.readdirSync(out).sort() : [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      const kinds = [...text.matchAll(/^kind: (\S+)$/gm)].map(m => m[1]);
      console.log(`dist/${name}/${file}: ${kinds.length} objects (${summarize(kinds)})`);
    }
  }
  console.log(`synth: ${apps.length - failed} of ${apps.length} examples synthesized into dist/`);
  return failed === 0 ? 0 : 1;
}

function summarize(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

if (require.main === module) process.exit(main());
