// Jest configuration for mutation testing (npm run mutation): the unit and oracle tests of the Gateway
// API semantics in src/model and of the data plane's matchers, compiled without type checking (Stryker's
// mutants are not meant to type-check, and ts-jest's checker would dominate the run time). The scenario
// suites (test/testing/*.test.ts, the invariant properties) are left out: on two cores they make a run
// take hours. Add a file here when it is the direct test of code you mutate.
const path = require('path');

module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  testMatch: [
    '<rootDir>/test/model/**/*.test.ts',
    '<rootDir>/test/testing/http-match.test.ts',
    '<rootDir>/test/testing/properties/*-oracle.test.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120000,
  transform: {
    '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
};
