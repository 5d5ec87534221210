import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

function synthAll() {
  return spawnSync(path.join(root, 'node_modules/.bin/ts-node'), ['--transpile-only', 'scripts/synth-examples.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
}

function readDist(): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of fs.readdirSync(path.join(root, 'dist')).sort()) {
    for (const f of fs.readdirSync(path.join(root, 'dist', dir)).sort()) out.set(`${dir}/${f}`, fs.readFileSync(path.join(root, 'dist', dir, f), 'utf8'));
  }
  return out;
}

test('`npm run synth` writes every example app to dist/ with the real cdk8s CLI, byte-identical on a second run', () => {
  const examples = fs.readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const result = synthAll();
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain(`synth: ${examples.length} of ${examples.length} examples synthesized into dist/`);
  for (const f of examples) {
    const dir = path.join(root, 'dist', path.basename(f, '.ts'));
    const yamls = fs.readdirSync(dir).filter(y => y.endsWith('.yaml'));
    expect(yamls.length).toBeGreaterThan(0);
  }
  const first = readDist();
  expect(synthAll().status).toBe(0);
  expect(readDist()).toEqual(first);
}, 600_000); // two runs of the real cdk8s CLI over every example: minutes on a loaded 2-core machine
