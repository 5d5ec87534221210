// Reads jest's --json results and prints "N passed, N failed".
// A suite that failed to run counts as one failure; so does a failing test command without results.
const fs = require('fs');
const [file, rcText] = process.argv.slice(2);
const rc = Number(rcText || 0);
if (!fs.existsSync(file)) {
  console.log(`no jest results at ${file} (test command exited ${rc})`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const brokenSuites = r.testResults.filter(s => s.status === 'failed' && s.assertionResults.length === 0).length;
let failed = r.numFailedTests + brokenSuites;
if (rc !== 0 && failed === 0) failed = 1; // the command failed outside any test
for (const s of r.testResults) {
  for (const a of s.assertionResults) if (a.status === 'failed') console.log(`FAILED ${a.fullName} (${s.name})`);
  if (s.status === 'failed' && s.assertionResults.length === 0) console.log(`FAILED suite ${s.name}: ${String(s.message).split('\n').slice(0, 5).join(' ')}`);
}
console.log(`${r.numPassedTests} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
