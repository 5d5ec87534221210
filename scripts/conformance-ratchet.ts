/**
 * `npx projen conformance:ratchet`: runs the conformance vectors and writes the
 * ids (`Vector#step`) of every passing step to the ratchet file, sorted. The
 * jest test test/testing/conformance-ratchet.test.ts fails when a listed step
 * stops passing. Never edit the ratchet file by hand.
 *
 * usage: conformance-ratchet.ts CONFORMANCE_DIR RATCHET_FILE
 */
import * as fs from 'fs';
import { runConformance, stepId } from '../src/testing/conformance-runner';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  process.stderr.write('usage: conformance-ratchet.ts CONFORMANCE_DIR RATCHET_FILE\n');
  process.exit(2);
}
if (!fs.existsSync(dir)) {
  process.stderr.write(`conformance-ratchet: ${dir} is absent; nothing to regenerate\n`);
  process.exit(1);
}
const report = runConformance(dir);
const passing = report.results.filter((r) => r.outcome === 'passed').map(stepId).sort();
fs.writeFileSync(out, `${JSON.stringify({ vectors: report.vectors, steps: report.steps, passing }, null, 2)}\n`);
process.stdout.write(`conformance-ratchet: ${passing.length} passing steps of ${report.steps} (${report.failed} failed, ${report.skipped} skipped) written to ${out}\n`);
