/** `cdk8s-gateway test SPEC FILES...`: a routing test suite for pipelines. */
import type { Command } from 'commander';
import { RoutingSpecError, readRoutingSpec, runRoutingSpec, type RoutingSpecReport } from '../routing-spec';
import { assumeMissingHint, planeWithStandIns } from './assume-hint';
import { CliError } from './cli-error';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { ASSUME_MISSING_HELP, CLI_DEFAULT_CHANNEL, loadPlane, readInput, writeNote, type Channel, type InputSelection } from './input';
import { Style, colorWanted, makeStyle } from './style';
import { addChannelOption, FILES_HELP, parseChannel } from './validate';

/** Human-readable results: one line per test (failures with what happened and the explain trace), then a summary. */
export function formatRoutingReport(report: RoutingSpecReport, style: Style): string {
  const lines: string[] = [];
  for (const t of report.tests) {
    if (t.passed) {
      lines.push(`${style.green('PASS')} ${t.name}`);
      continue;
    }
    lines.push(`${style.red('FAIL')} ${t.name}`);
    for (const f of t.failures) lines.push(`  ${f}`);
    for (const e of t.explain) lines.push(style.dim(`    | ${e}`));
  }
  const summary = `${report.passed} passed, ${report.failed} failed (${report.tests.length} tests)`;
  lines.push(report.failed > 0 ? style.red(summary) : style.green(summary));
  return `${lines.join('\n')}\n`;
}

/** Runs `test`; returns 1 when any test fails. */
export function runTestCommand(specFile: string, files: readonly string[], options: { json?: boolean; assumeMissing?: boolean; channel?: Channel; style?: Style; input?: InputSelection }, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  let spec;
  try {
    spec = readRoutingSpec(specFile);
  } catch (err) {
    if (err instanceof RoutingSpecError) throw new CliError(err.message);
    throw err;
  }
  const items = readInput(files, note, options.input);
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const assumeMissing = options.assumeMissing || spec.assumeMissing;
  const plane = loadPlane(items, { assumeMissing, channel });
  const report = runRoutingSpec(plane, spec);
  write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatRoutingReport(report, options.style ?? makeStyle(false)));
  if (report.failed > 0 && !assumeMissing) {
    // Failures that stand-ins for absent GatewayClasses and Services would turn into passes get the hint.
    const standIns = planeWithStandIns(items, channel);
    const other = runRoutingSpec(standIns, spec);
    const fixed = report.tests.filter((t, i) => !t.passed && other.tests[i].passed).length;
    if (fixed > 0) note(`${fixed} of the ${report.failed} failed test(s) pass with stand-ins: ${assumeMissingHint(standIns.assumed)} (or assumeMissing: true in the spec)`);
  }
  return report.failed > 0 ? 1 : 0;
}

/** Adds `test SPEC FILES...`. */
export function registerTestCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addChannelOption(program
    .command('test')
    .description('run a YAML spec of requests with expectations (schema: schemas/routing-tests.schema.json in the package) against the manifests; exit 1 on any failure')
    .argument('<spec>', 'the spec: tests: [{ name, request: { url, method?, headers?, gateway? }, expect: { backend?, split?, status?, redirect?, headers?, responseHeaders? } }]')
    .argument('<files...>', FILES_HELP)))
    .option('--json', 'print { passed, failed, tests: [...] } as JSON')
    .option('--assume-missing', ASSUME_MISSING_HELP)
    .action((spec: string, files: string[], opts: InputFlags & { json?: boolean; channel: string }, command: Command) => {
      const style = makeStyle(!opts.json && colorWanted(program.opts()));
      const s = commandSettings(command, opts);
      setExitCode(runTestCommand(spec, files, { ...opts, channel: parseChannel(program, s.channel), assumeMissing: s.assumeMissing, input: s.input, style }, (t) => process.stdout.write(t)));
    });
}
