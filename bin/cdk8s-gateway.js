#!/usr/bin/env node
// The package's command line. The TypeScript sources are compiled to lib/ by `npm ci` (the `prepare` script).
const cli = require('../lib/src/cli/main.js');
// `cdk8s-gateway ... | head` ends quietly: no stack trace when the reader goes away.
cli.endQuietlyOnBrokenPipe(process.stdout);
cli.endQuietlyOnBrokenPipe(process.stderr);
cli.main(process.argv).then(
  code => { process.exitCode = code; },
  err => { process.stderr.write(`cdk8s-gateway: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; },
);
