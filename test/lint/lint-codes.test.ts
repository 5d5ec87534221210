import * as fs from 'fs';
import * as path from 'path';
import { LINT_CODES } from '../../src/lint';

describe('lint codes', () => {
  test('LINT_CODES lists every code the lint sources emit, and docs/validation.md documents each', () => {
    const dir = path.join(__dirname, '../../src/lint');
    const emitted = new Set<string>();
    for (const f of fs.readdirSync(dir)) {
      for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/code: '(lint\/[a-z-]+)'/g)) emitted.add(m[1]);
    }
    expect([...emitted].sort()).toEqual([...LINT_CODES].sort());
    const docs = fs.readFileSync(path.join(__dirname, '../../docs/validation.md'), 'utf8');
    expect(LINT_CODES.filter((c) => !docs.includes(`| \`${c}\` |`))).toEqual([]);
  });
});
