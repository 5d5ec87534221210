// Jest configuration for mutation testing (npm run mutation). It runs only the direct tests of the code
// being mutated, compiled without type checking (Stryker's mutants are not meant to type-check, and
// ts-jest's checker would dominate the run time); the scenario suites would make a run take hours on two
// cores.
//
// Which code is mutated is read from the sandbox Stryker runs jest in: Stryker instruments every file
// named by --mutate (its code calls the `stryMutAct_9fa48` helper), so this file finds those files under
// src/ and runs the tests that DIRECT_TESTS maps them to (or, for a file it does not list, the test file
// of the same path under test/). `npm run mutation -- --mutate 'src/patterns/**/*.ts'` thus runs the
// pattern tests only, with no other option. Outside a Stryker sandbox (no instrumented file) it runs the
// tests of every entry, which is how to check that they pass before a run:
// `npx jest -c test/stryker.jest.config.js`. Add a test file to DIRECT_TESTS when it is the direct test
// of code you mutate.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const MARK = 'stryMutAct_9fa48';

// Source path prefix (a folder ending in '/' or a file) -> test globs, relative to the repository root.
const DIRECT_TESTS = {
  'src/model/': ['test/model/**/*.test.ts', 'test/testing/properties/*-oracle.test.ts'],
  'src/patterns/': ['test/patterns/**/*.test.ts'],
  'src/lint/': ['test/lint/**/*.test.ts'],
  'src/testing/http-match.ts': ['test/testing/http-match.test.ts', 'test/testing/properties/*-oracle.test.ts'],
  'src/testing/matchers.ts': [
    'test/testing/matchers.test.ts',
    'test/testing/matchers-*.test.ts',
    'test/testing/route-like.test.ts',
    'test/testing/supported-by.test.ts',
  ],
  'src/testing/weights.ts': ['test/testing/weights.test.ts', 'test/testing/weights-*.test.ts'],
  'src/testing/routing-table.ts': ['test/testing/routing-table.test.ts', 'test/testing/routing-table-*.test.ts'],
  'src/testing/route-table.ts': ['test/testing/route-table.test.ts', 'test/testing/route-table-*.test.ts'],
  'src/validation/crd-ajv.ts': ['test/validation/schema-validator.test.ts'],
  'src/validation/xref-references.ts': ['test/validation/xref.test.ts'],
  'src/validation/xref-attachment.ts': ['test/validation/xref.test.ts'],
  'src/private/lists.ts': ['test/private/construction-heap.test.ts', 'test/backend.test.ts', 'test/http-match.test.ts', 'test/http-route.test.ts', 'test/grpc-route.test.ts', 'test/route-rule-handles.test.ts'],
  'src/private/grant-policy.ts': ['test/listener-set.test.ts', 'test/http-route.test.ts'],
  'src/private/tree-state.ts': ['test/private/construction-heap.test.ts', 'test/reference-grant.test.ts', 'test/synth-validation.test.ts'],
  'src/private/construct-validation.ts': ['test/private/construct-validation.test.ts', 'test/private/construction-heap.test.ts', 'test/private/construction-work.test.ts'],
  'src/route-base.ts': ['test/http-route.test.ts', 'test/grpc-route.test.ts', 'test/tcp-route.test.ts', 'test/tls-route.test.ts', 'test/udp-route.test.ts', 'test/route-rule-handles.test.ts', 'test/reference-grant.test.ts', 'test/private/construction-heap.test.ts', 'test/private/construction-work.test.ts'],
  'src/validation/validate-object.ts': ['test/validation/*.test.ts'],
  'src/synth-validation.ts': [
    'test/synth-validation.test.ts',
    'test/synth-validation-*.test.ts',
    'test/validation/synth-renders.test.ts',
    'test/private/construction-heap.test.ts',
    'test/validate-app.test.ts',
    'test/validate-app-compat.test.ts',
  ],
};

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function testsFor(rel) {
  const globs = [];
  for (const [prefix, tests] of Object.entries(DIRECT_TESTS)) {
    if (prefix.endsWith('/') ? rel.startsWith(prefix) : rel === prefix) globs.push(...tests);
  }
  if (globs.length === 0) globs.push(rel.replace(/^src\//, 'test/').replace(/\.ts$/, '.test.ts'));
  return globs;
}

/** The testMatch globs for a checkout (or Stryker sandbox) at `dir`. */
function selectedTests(dir) {
  const mutated = sourceFiles(path.join(dir, 'src'))
    .filter((file) => fs.readFileSync(file, 'utf8').includes(MARK))
    .map((file) => path.relative(dir, file).split(path.sep).join('/'));
  const globs = mutated.length === 0 ? Object.values(DIRECT_TESTS).flat() : mutated.flatMap(testsFor);
  return [...new Set(globs)].sort().map((glob) => `<rootDir>/${glob}`);
}

/**
 * The shared folder (CRDs, conformance vectors) for tests run from `dir`: in a Stryker sandbox
 * (`<repository>/.stryker-tmp/sandbox-*`), the one beside the repository, where test/support/shared.ts would
 * otherwise look beside the sandbox, find nothing and skip the suites that read it (their mutants would then
 * survive unseen). Undefined outside a sandbox, or where that folder does not exist.
 */
function sandboxShared(dir) {
  const parts = dir.split(`${path.sep}.stryker-tmp${path.sep}`);
  if (parts.length < 2) return undefined;
  const shared = path.resolve(parts[0], '..', 'shared');
  return fs.existsSync(shared) ? shared : undefined;
}

const shared = sandboxShared(root);
if (shared !== undefined && process.env.GATEWAY_API_SHARED === undefined) process.env.GATEWAY_API_SHARED = shared;

module.exports = {
  rootDir: root,
  testMatch: selectedTests(root),
  // lint-codes.test.ts reads the lint sources as text to find the codes they emit; in a Stryker sandbox those
  // sources are instrumented (no code is a literal any more), so it cannot run there.
  testPathIgnorePatterns: ['/node_modules/', '/test/lint/lint-codes\\.test\\.ts$'],
  testTimeout: 120000,
  transform: {
    '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
};

// For test/stryker-config.test.ts; non-enumerable, so that jest does not read it as an (unknown) option.
Object.defineProperty(module.exports, 'selectedTests', { value: selectedTests, enumerable: false });
Object.defineProperty(module.exports, 'sandboxShared', { value: sandboxShared, enumerable: false });
