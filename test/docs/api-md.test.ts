import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

test('API.md is current (regenerate with `npx projen docs`)', () => {
  // typedoc is an ES module, which jest's CommonJS runtime cannot load: run the script in its own node process.
  const result = spawnSync(path.join(root, 'node_modules/.bin/ts-node'), ['--transpile-only', 'scripts/api-docs.ts', '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(`${result.stdout}${result.stderr}`.trim()).toBe('API.md is current');
  expect(result.status).toBe(0);
});
