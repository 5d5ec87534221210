#!/usr/bin/env node
// The package's command line, on the compiled lib/ (shipped in the package; in a clone `npm test` or `npx tsc --build` compiles it).
const cli = require('../lib/src/cli/main.js');
// `cdk8s-gateway ... | head` ends quietly: no stack trace when the reader goes away.
cli.endQuietlyOnBrokenPipe(process.stdout);
cli.endQuietlyOnBrokenPipe(process.stderr);
cli.main(process.argv).then(
  code => { process.exitCode = code; },
  err => { process.stderr.write(`cdk8s-gateway: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; },
);
