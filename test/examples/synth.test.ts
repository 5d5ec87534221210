import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

test('`npm run synth` writes every example app to dist/ with the real cdk8s CLI', () => {
  const examples = fs.readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const result = spawnSync(path.join(root, 'node_modules/.bin/ts-node'), ['--transpile-only', 'scripts/synth-examples.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain(`synth: ${examples.length} of ${examples.length} examples synthesized into dist/`);
  for (const f of examples) {
    const dir = path.join(root, 'dist', path.basename(f, '.ts'));
    const yamls = fs.readdirSync(dir).filter(y => y.endsWith('.yaml'));
    expect(yamls.length).toBeGreaterThan(0);
  }
});
