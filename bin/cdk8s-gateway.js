#!/usr/bin/env node
// The package's command line, on the compiled lib/ (shipped in the package; in a clone `npm test` or `npx tsc --build` compiles it).
require('../lib/src/cli/main.js').main(process.argv).then(
  code => { process.exitCode = code; },
  err => { process.stderr.write(`cdk8s-gateway: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; },
);
