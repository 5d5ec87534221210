import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// test/stryker.jest.config.js picks the direct tests of the files Stryker instrumented, so that
// `npm run mutation -- --mutate <files>` runs only those tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('./stryker.jest.config.js');
const selectedTests: (dir: string) => string[] = config.selectedTests;

describe('test/stryker.jest.config.js', () => {
  let dir: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stryker-config-'));
    write('src/patterns/blue-green.ts', 'export const x = 1;');
    write('src/lint/rule-shadowing.ts', 'export const y = 1;');
    write('src/testing/weights.ts', 'export const z = 1;');
    write('src/gateway.ts', 'export const g = 1;');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const mark = (rel: string) => write(rel, 'function stryMutAct_9fa48(id) { return false; }');

  test('a mutated folder runs its own test folder only', () => {
    mark('src/patterns/blue-green.ts');
    expect(selectedTests(dir)).toEqual(['<rootDir>/test/patterns/**/*.test.ts']);
  });

  test('several mutated files: the union of their tests; a file it does not list: the test of the same path', () => {
    mark('src/lint/rule-shadowing.ts');
    mark('src/testing/weights.ts');
    mark('src/gateway.ts');
    expect(selectedTests(dir)).toEqual([
      '<rootDir>/test/gateway.test.ts',
      '<rootDir>/test/lint/**/*.test.ts',
      '<rootDir>/test/testing/weights-*.test.ts',
      '<rootDir>/test/testing/weights.test.ts',
    ]);
  });

  test('a mutated matchers.ts runs the matcher tests, toRouteLike\'s and toBeSupportedBy\'s among them', () => {
    mark('src/testing/matchers.ts');
    expect(selectedTests(dir)).toEqual([
      '<rootDir>/test/testing/matchers-*.test.ts',
      '<rootDir>/test/testing/matchers.test.ts',
      '<rootDir>/test/testing/route-like.test.ts',
      '<rootDir>/test/testing/supported-by.test.ts',
    ]);
  });

  test('a mutated synth-validation.ts runs its own tests, the synthesis render counts, the construction heap counts, validateApp\'s tests and its mutant tests', () => {
    mark('src/synth-validation.ts');
    expect(selectedTests(dir)).toEqual([
      '<rootDir>/test/private/construction-heap.test.ts',
      '<rootDir>/test/synth-validation-*.test.ts',
      '<rootDir>/test/synth-validation.test.ts',
      '<rootDir>/test/validate-app-compat.test.ts',
      '<rootDir>/test/validate-app.test.ts',
      '<rootDir>/test/validation/synth-renders.test.ts',
    ]);
  });

  test('outside a Stryker sandbox (nothing instrumented): the tests of every entry', () => {
    const all = selectedTests(dir);
    expect(all).toContain('<rootDir>/test/model/**/*.test.ts');
    expect(all).toContain('<rootDir>/test/patterns/**/*.test.ts');
    expect(all).toContain('<rootDir>/test/testing/matchers-*.test.ts');
    expect(all).not.toContain('<rootDir>/test/gateway.test.ts');
  });

  test('the checkout itself is not instrumented', () => {
    expect(config.testMatch).toEqual(selectedTests(path.resolve(__dirname, '..')));
    expect(config.testMatch).toContain('<rootDir>/test/lint/**/*.test.ts');
  });
});

describe('the shared folder in a Stryker sandbox', () => {
  const sandboxShared: (dir: string) => string | undefined = config.sandboxShared;
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'stryker-shared-'));
    fs.mkdirSync(path.join(base, 'repo', '.stryker-tmp', 'sandbox-abc'), { recursive: true });
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  test('is the one beside the repository, where it exists', () => {
    fs.mkdirSync(path.join(base, 'shared'));
    expect(sandboxShared(path.join(base, 'repo', '.stryker-tmp', 'sandbox-abc'))).toBe(path.join(base, 'shared'));
  });

  test('is undefined where the repository has no shared folder beside it', () => {
    expect(sandboxShared(path.join(base, 'repo', '.stryker-tmp', 'sandbox-abc'))).toBeUndefined();
  });

  test('is undefined outside a sandbox (test/support/shared.ts finds it there)', () => {
    fs.mkdirSync(path.join(base, 'shared'));
    expect(sandboxShared(path.join(base, 'repo'))).toBeUndefined();
  });
});
