import { javascript, typescript } from 'projen';

const project = new typescript.TypeScriptProject({
  name: 'cdk8s-gateway-api',
  description: 'Typed cdk8s constructs for the Kubernetes Gateway API (v1.6.1), synth-time validation, and an in-memory data plane for routing tests.',
  keywords: ['cdk8s', 'kubernetes', 'gateway-api', 'httproute', 'constructs'],
  license: 'Apache-2.0',
  // README.md links files the package does not ship (examples/) by their address here, so they resolve on the npm page.
  repository: 'https://github.com/cdk8s-gateway-api/cdk8s-gateway-api',
  homepage: 'https://github.com/cdk8s-gateway-api/cdk8s-gateway-api#readme',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',
  typescriptVersion: '~6.0.3',

  // This project is built and tested by .ci/run, not by projen's GitHub workflows.
  github: false,
  release: false,
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,
  sampleCode: false,

  srcdir: 'src',
  libdir: 'lib',
  testdir: 'test',

  peerDeps: ['cdk8s@^2.70.0', 'constructs@^10.4.0'],
  deps: [
    '@bufbuild/cel@^0.6.1',
    'ajv@^8.20.0',
    'commander@^14.0.3',
    'minimatch@^10.2.6',
    're2js@^2.10.0',
    'yaml@^2.9.1',
  ],
  devDeps: [
    '@types/node@^20',
    'cdk8s@^2.70.0',
    'cdk8s-cli@^2.207.0',
    'cdk8s-plus-33@^2.5.0',
    '@stryker-mutator/core@9.6.1',
    '@stryker-mutator/jest-runner@9.6.1',
    'constructs@^10.4.0',
    'fast-check@^4.11.0',
    'json-schema-to-typescript@^16.0.0',
    'typedoc@^0.28.20',
    'typedoc-plugin-markdown@^4.14.1',
  ],

  tsconfig: {
    include: ['src/**/*.ts', 'generated/**/*.ts'],
    compilerOptions: {
      rootDir: '.',
      outDir: 'lib',
      lib: ['es2022'],
      target: 'ES2022',
      skipLibCheck: true,
      inlineSourceMap: true,
      inlineSources: false,
    },
  },
  tsconfigDev: {
    include: ['../src/**/*.ts', '../generated/**/*.ts', '**/*.ts', '../examples/**/*.ts', '../scripts/**/*.ts', '../bench/**/*.ts'],
    compilerOptions: {
      rootDir: '..',
      lib: ['es2022'],
      target: 'ES2022',
      skipLibCheck: true,
    },
  },
  // eslint runs after jest in `npm test` (projen's test task); see the rules added below.
  eslint: true,
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test'],
    ignorePatterns: ['*.js', '*.d.ts', 'node_modules/', 'generated/', 'lib/', 'dist/'],
    // CI checks; it does not rewrite files (run `npx projen eslint --fix` by hand).
    commandOptions: { fix: false },
  },

  jest: true,
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    junitReporting: false,
    extraCliOptions: ['--json', '--outputFile=test-reports/jest-results.json'],
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      collectCoverage: false,
      testTimeout: 120_000,
    },
  },
  gitignore: ['/dist/', '/test-reports/', '/.tmp/', '/bench/results/*.tmp.json'],
  npmignoreEnabled: true,
});

// jest --outputFile does not create its folder; the results file feeds .ci/run's summary line.
project.testTask.prependExec('node -e "require(\'fs\').mkdirSync(\'test-reports\', { recursive: true })"');
// The CLI tests run bin/ on lib/: `npm test` compiles first (incremental; a no-op when lib/ is up to date).
project.testTask.prependSpawn(project.compileTask);

// Package layout: compiled sources live under lib/src and lib/generated.
project.package.addField('main', 'lib/src/index.js');
project.package.addField('types', 'lib/src/index.d.ts');
const packageExports: Record<string, string | { types: string; default: string }> = {
  '.': { types: './lib/src/index.d.ts', default: './lib/src/index.js' },
  './testing': { types: './lib/src/testing/index.d.ts', default: './lib/src/testing/index.js' },
  // `setupFilesAfterEnv: ['cdk8s-gateway-api/jest']` registers the routing matchers.
  './jest': { types: './lib/src/jest.d.ts', default: './lib/src/jest.js' },
  './package.json': './package.json',
  // The JSON Schema of `cdk8s-gateway test` specs (for editors: `# yaml-language-server: $schema=...`).
  './schemas/routing-tests.schema.json': './schemas/routing-tests.schema.json',
  // The JSON Schema of the command line's config file, .cdk8s-gateway.yaml.
  './schemas/cdk8s-gateway-config.schema.json': './schemas/cdk8s-gateway-config.schema.json',
};
project.package.addField('exports', packageExports);
// TypeScript's node10 resolution (`module: commonjs`, what `cdk8s init typescript-app` writes) ignores `exports`:
// typesVersions maps each subpath with types to its declarations, so `cdk8s-gateway-api/testing` type-checks there too.
// (The JSON subpaths are files at those paths, found without a mapping.) test/package/subpath-types.test.ts checks it.
project.package.addField('typesVersions', {
  '*': Object.fromEntries(Object.entries(packageExports)
    .filter(([subpath, target]) => subpath !== '.' && typeof target !== 'string')
    .map(([subpath, target]) => [subpath.slice(2), [(target as { types: string }).types.slice(2)]])),
});
// projen writes 0.0.0 unless a release workflow bumps the version; this project has none (release: false), so the
// version is set here. test/package/manifest.test.ts checks it is a real semver release.
project.package.addVersion('0.1.0');
project.package.addField('bin', { 'cdk8s-gateway': 'bin/cdk8s-gateway.js' });
// src/ and generated/ ship with lib/ because lib's inline source maps point at them: stack traces and
// debuggers in user projects then open files that exist. docs/ holds the guides README.md links to.
project.package.addField('files', ['lib/src', 'lib/generated', 'src', 'generated', 'bin', 'schemas', 'docs', 'API.md', 'API-L1.md', 'README.md']);
// No install-time scripts in the published package.json (no prepare/preinstall/install/postinstall): users'
// installs run nothing. A clean clone gets lib/ from `npm test` (the test task compiles first: the CLI tests run
// bin/ on lib/), and `npm pack`/`npm publish` compile before packing (prepack, which installs from the registry
// never run). test/package/tarball.test.ts checks both.
project.package.setScript('prepack', 'tsc --build tsconfig.json');

const crds = '../shared/gateway-api/v1.6.1/crds';
// typescript-eslint 8.74 is the first release line whose parser accepts TypeScript 6.0 (<6.1).
project.addDevDeps(
  '@typescript-eslint/eslint-plugin@8.74.0',
  '@typescript-eslint/parser@8.74.0',
  'eslint@9.39.4',
  'eslint-plugin-jsdoc@62.9.0',
);
project.eslint!.addPlugins('jsdoc');
project.eslint!.addRules({
  // The types of the data plane and the constructs are spelled out; `unknown` plus narrowing for parsed input.
  '@typescript-eslint/no-explicit-any': 'error',
  // projen's import order, as an error rather than a warning (a warning does not fail `npm test`).
  'import/order': ['error', { groups: ['builtin', 'external'], alphabetize: { order: 'asc', caseInsensitive: true } }],
  // Every optional property says what happens when it is omitted (STYLE.md C2): a `@default` tag, on its own line
  // or inside a one-line comment. eslint-plugin-jsdoc matches this context without ancestry, so it covers the
  // optional properties of every interface that carry a doc comment; require-jsdoc (which does see ancestry)
  // makes the optional properties of exported interfaces carry one.
  'jsdoc/no-restricted-syntax': ['error', {
    contexts: [{
      context: 'TSPropertySignature[optional=true]',
      comment: 'JsdocBlock:not([description=/@default/]):not(*:has(JsdocTag[tag=default]))',
      message: 'An optional property needs a `@default` tag saying what happens when it is omitted.',
    }],
  }],
  'jsdoc/require-jsdoc': ['error', {
    require: { FunctionDeclaration: false },
    enableFixer: false, // --fix must not write empty doc comments
    contexts: ['ExportNamedDeclaration > TSInterfaceDeclaration > TSInterfaceBody > TSPropertySignature[optional=true]'],
  }],
});
// Projen defaults this code base departs from on purpose: long single-line conditions and messages (the style
// throughout src/), bit operations in the hash, PRNG and DER code (weights.ts, self-signed.ts, stand-in
// addresses), and fields declared next to the methods that use them.
project.eslint!.addRules({
  '@stylistic/max-len': 'off',
  'no-bitwise': 'off',
  '@typescript-eslint/member-ordering': 'off',
});
// Tests may use `any` for fixtures and partial objects, require() for modules loaded at run time, and
// shadow names (property callbacks that rebind the generated values).
project.eslint!.addOverride({
  files: ['test/**/*.ts'],
  rules: {
    '@typescript-eslint/no-explicit-any': 'off',
    '@typescript-eslint/no-require-imports': 'off',
    '@typescript-eslint/no-shadow': 'off',
    'jsdoc/no-restricted-syntax': 'off',
    'jsdoc/require-jsdoc': 'off',
  },
});
const gen = project.addTask('gen', {
  description: 'Generate the L1 types, classes and validation data in generated/ from the Gateway API CRDs, generated/compat.ts from features/*.go and the conformance reports, and docs/compatibility.md from it',
  exec: `ts-node --transpile-only scripts/gen/main.ts --crds ${crds} --out generated`,
  receiveArgs: true,
});
gen.exec('ts-node --transpile-only scripts/compat-docs.ts');
project.addTask('synth', {
  description: 'Synthesize every app in examples/ into dist/ with cdk8s synth (`npm run synth -- canary` for one)',
  exec: 'ts-node --transpile-only scripts/synth-examples.ts',
  receiveArgs: true,
});
project.addTask('docs', {
  description: 'Regenerate API.md from the sources with typedoc',
  exec: 'ts-node --transpile-only scripts/api-docs.ts',
});

project.addTask('conformance:ratchet', {
  description: 'Run the conformance vectors in ../shared/conformance and rewrite test/testing/conformance-ratchet.json with the ids of the passing steps',
  exec: 'ts-node --transpile-only scripts/conformance-ratchet.ts ../shared/conformance test/testing/conformance-ratchet.json',
});

project.addTask('bench', {
  description: 'Benchmark synthesis (L2 with every check vs plain L1), validation, the validate CLI and the data plane (1k to 100k routes, with and without assumeMissing); write bench/results/latest.json and bench/results.md',
  exec: 'node -r ts-node/register/transpile-only bench/run.ts',
  receiveArgs: true,
});

// Mutation testing (StrykerJS) is too slow for CI on two cores; run it by hand on the code you change, e.g.
// `npm run mutation -- --mutate 'src/model/**/*.ts'`. stryker.config.json scopes the jest run to the tests that
// exercise the semantic core (test/stryker.jest.config.js).
project.addTask('mutation', {
  description: 'Mutation-test the code named by --mutate (default: src/model and src/testing/http-match.ts) with StrykerJS; not part of CI',
  exec: 'stryker run stryker.config.json',
  receiveArgs: true,
});
project.gitignore.addPatterns('/reports/mutation/', '/.stryker-tmp/');

project.synth();
