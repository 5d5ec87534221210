import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { CliError } from './cli-error';
import { ConformanceReport, runConformance } from '../testing/conformance-runner';

/** The progress display: one line on a terminal (stderr), rewritten per vector; nothing elsewhere. */
export function progressReporter(stream: { isTTY?: boolean; write(text: string): unknown }): { onVector?: (position: number, total: number, name: string) => void; done(): void } {
  if (!stream.isTTY) return { done: () => undefined };
  let shown = false;
  return {
    onVector: (position, total, name) => {
      shown = true;
      stream.write(`\r\u001b[2K[${position}/${total}] ${name}`);
    },
    done: () => {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}

/** Renders a report as a readable summary with every failure. */
function formatConformanceReport(report: ConformanceReport): string {
  const lines: string[] = [];
  const ran = report.passed + report.failed;
  const ratio = ran === 0 ? 0 : report.passed / ran;
  lines.push(`${report.vectors} vectors, ${report.steps} steps: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${(ratio * 100).toFixed(1)}% of the steps that ran passed)`);
  const failures = report.results.filter((r) => r.outcome === 'failed');
  if (failures.length > 0) {
    lines.push('', 'Failures:');
    for (const f of failures) lines.push(`  ${f.vector}#${f.step} ${f.name}: ${f.detail}`);
  }
  const skippedVectors = new Map<string, string>();
  for (const r of report.results) if (r.outcome === 'skipped' && !skippedVectors.has(r.vector)) skippedVectors.set(r.vector, r.detail ?? '');
  if (skippedVectors.size > 0) {
    lines.push('', 'Skipped:');
    for (const [v, why] of skippedVectors) lines.push(`  ${v}: ${why}`);
  }
  return lines.join('\n') + '\n';
}

/** Registers `conformance DIR [--json] [--features a,b] [--fail-under RATIO]`. */
export function addConformanceCommand(program: Command, setExitCode: (code: number) => void = () => undefined): void {
  program
    .command('conformance')
    .description('run the routing test vectors in DIR/vectors/*.json through the in-memory data plane and report each step (progress on stderr when it is a terminal)')
    .argument('<dir>', 'folder holding vectors/ and the manifests they name')
    .option('--json', 'print the report as JSON only')
    .option('--features <list>', 'comma-separated feature names to claim (default: every feature the data plane implements)')
    .option('--fail-under <ratio>', 'exit 1 when passed / (passed + failed) is below this ratio (0..1)')
    .action((dir: string, opts: { json?: boolean; features?: string; failUnder?: string }) => {
      let failUnder: number | undefined;
      if (opts.failUnder !== undefined) {
        failUnder = Number(opts.failUnder);
        if (!Number.isFinite(failUnder) || failUnder < 0 || failUnder > 1) {
          program.error(`--fail-under must be a ratio between 0 and 1, got ${JSON.stringify(opts.failUnder)}`, { exitCode: 2 });
        }
      }
      const features = opts.features !== undefined ? opts.features.split(',').map((f) => f.trim()).filter((f) => f) : undefined;
      if (!fs.existsSync(path.join(dir, 'vectors'))) {
        throw new CliError([
          `${dir}: no vectors/ folder`,
          'the folder must hold vectors/*.json, one routing test vector each ({ name, features, manifests, steps }, as FORMAT.md beside them describes), ' +
            'and the YAML manifests the vectors name, by paths relative to the folder (e.g. manifests/*.yaml)',
          'the vectors derived from the Gateway API v1.6.1 conformance suite are not in the npm package: they are in the shared/conformance folder ' +
            'beside this project\'s repository (../shared/conformance from a clone)',
        ].join('\n'));
      }
      const progress = progressReporter(process.stderr);
      let report: ConformanceReport;
      try {
        report = runConformance(dir, { features, onVector: progress.onVector });
      } finally {
        progress.done();
      }
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatConformanceReport(report));
      const ran = report.passed + report.failed;
      const ratio = ran === 0 ? 0 : report.passed / ran;
      if (failUnder !== undefined && ratio < failUnder) {
        process.stderr.write(`conformance: ${(ratio * 100).toFixed(1)}% passed, below --fail-under ${failUnder}\n`);
        setExitCode(1);
      }
    });
}
