/** `cdk8s-gateway test SPEC FILES...`: a routing test suite for pipelines. */
import * as fs from 'fs';
import type { Command } from 'commander';
import { RoutingSpecError, readRoutingSpec, runRoutingSpec, type RoutingSpecReport, type RoutingTestResult } from '../routing-spec';
import type { Diagnostic, DiagnosticLocation } from '../validation';
import { assumeMissingHint, planeWithStandIns } from './assume-hint';
import { CliError } from './cli-error';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { ASSUME_MISSING_HELP, CLI_DEFAULT_CHANNEL, loadPlane, readCommandInput, withUnparsed, writeNote, type Channel, type InputSelection } from './input';
import { addFormatOptions, chooseFormat, githubCommands, junitXml, locationText, sarifLog, type JunitCase, type ReportFormat } from './report-format';
import { Style, colorWanted, makeStyle } from './style';
import { addChannelOption, FILES_HELP, paintDiagnostic, parseChannel } from './validate';
import { packageVersion } from './version';
import { locateDiagnostics, textPositions } from '../validation/manifest-positions';

/** A routing test's result with where the test is written in the spec. */
type LocatedTestResult = RoutingTestResult & { readonly location?: DiagnosticLocation };

/** The report of `test`, as `--format json` prints it: the results, each with its place in the spec, and the documents that did not parse. */
interface TestCommandReport extends RoutingSpecReport {
  readonly tests: LocatedTestResult[];
  /** Documents of the manifests that did not parse (`input/yaml-error`, `input/list-document`): each fails the run. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Human-readable results: one line per test (a failed test with its place in
 * the spec, `file:line:col`, what happened and the explain trace), then a summary.
 */
export function formatRoutingReport(report: RoutingSpecReport & { readonly tests: readonly LocatedTestResult[] }, style: Style): string {
  const lines: string[] = [];
  for (const t of report.tests) {
    if (t.passed) {
      lines.push(`${style.green('PASS')} ${t.name}`);
      continue;
    }
    const at = locationText(t.location);
    lines.push(`${style.red('FAIL')} ${t.name}${at ? ` (${at})` : ''}`);
    for (const f of t.failures) lines.push(`  ${f}`);
    for (const e of t.explain) lines.push(style.dim(`    | ${e}`));
  }
  const summary = `${report.passed} passed, ${report.failed} failed (${report.tests.length} ${report.tests.length === 1 ? 'test' : 'tests'})`;
  lines.push(report.failed > 0 ? style.red(summary) : style.green(summary));
  return `${lines.join('\n')}\n`;
}

/** Where each test of the spec file is written (`tests[i]`); no location when the spec is not a file that can be read again. */
function testLocations(specFile: string, count: number): (DiagnosticLocation | undefined)[] {
  let text: string | undefined;
  try {
    text = specFile === '-' ? undefined : fs.readFileSync(specFile, 'utf8');
  } catch {
    text = undefined;
  }
  const positions = text === undefined ? undefined : textPositions(text, specFile);
  return Array.from({ length: count }, (_, i) => positions?.locate(0, ['tests', i]));
}

/** A failed routing test as a finding (code `routing-test/failed`), for the github and sarif formats. */
function testFinding(t: LocatedTestResult, index: number, specFile: string): Diagnostic {
  return {
    code: 'routing-test/failed',
    severity: 'error',
    message: `routing test '${t.name}' failed: ${t.failures.join('; ')}`,
    source: `${specFile}: tests[${index}]`,
    ...(t.location ? { location: t.location } : {}),
  };
}

/** The JUnit test cases of a run: one per routing test, then one per document that did not parse. */
function testCases(report: TestCommandReport, specFile: string): JunitCase[] {
  return [
    ...report.tests.map((t): JunitCase => ({
      name: t.name,
      classname: specFile,
      ...(t.location ? { location: t.location } : {}),
      failures: t.passed ? [] : [...t.failures, ...t.explain.map((e) => `  | ${e}`)],
    })),
    ...report.diagnostics.map((d): JunitCase => ({ name: d.code, classname: d.source ?? 'input', ...(d.location ? { location: d.location } : {}), failures: [d.message] })),
  ];
}

/**
 * Runs `test`; returns 1 when any test fails or a document of the manifests
 * does not parse (the other documents are still loaded and the tests run).
 * The spec may be `-` (standard input) when no manifest file is.
 */
export function runTestCommand(specFile: string, files: readonly string[], options: { json?: boolean; format?: ReportFormat; assumeMissing?: boolean; channel?: Channel; style?: Style; input?: InputSelection }, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  if (specFile === '-' && files.includes('-')) {
    throw new CliError('the spec and the manifests cannot both be read from standard input (-); give one of them as a file');
  }
  let spec;
  try {
    spec = readRoutingSpec(specFile);
  } catch (err) {
    if (err instanceof RoutingSpecError) throw new CliError(err.message);
    throw err;
  }
  const input = readCommandInput(files, note, options.input, { reportDocuments: true });
  // Objects of --context take part in routing as the arguments' do (the test reports on requests, not on objects).
  const items = [...input.items, ...input.context];
  const unparsed = input.findings;
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const assumeMissing = options.assumeMissing || spec.assumeMissing;
  const plane = withUnparsed(unparsed, () => loadPlane(items, { assumeMissing, channel }));
  const ran = runRoutingSpec(plane, spec);
  const locations = testLocations(specFile, ran.tests.length);
  const report: TestCommandReport = {
    ...ran,
    tests: ran.tests.map((t, i) => (locations[i] ? { ...t, location: locations[i] } : t)),
    diagnostics: locateDiagnostics(unparsed, items),
  };
  const format = options.format ?? (options.json ? 'json' : 'text');
  const findings = () => [...report.diagnostics, ...report.tests.flatMap((t, i) => (t.passed ? [] : [testFinding(t, i, specFile)]))];
  if (format === 'json') {
    write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (format === 'github') {
    write(githubCommands(findings()));
  } else if (format === 'sarif') {
    write(`${JSON.stringify(sarifLog(findings(), packageVersion()), null, 2)}\n`);
  } else if (format === 'junit') {
    write(junitXml('cdk8s-gateway test', testCases(report, specFile)));
  } else {
    const style = options.style ?? makeStyle(false);
    for (const d of report.diagnostics) write(`${paintDiagnostic(d, style)}\n`);
    write(formatRoutingReport(report, style));
  }
  if (report.failed > 0 && !assumeMissing) {
    // Failures that stand-ins for absent GatewayClasses and Services would turn into passes get the hint.
    const standIns = planeWithStandIns(items, channel);
    const other = runRoutingSpec(standIns, spec);
    const fixed = report.tests.filter((t, i) => !t.passed && other.tests[i].passed).length;
    if (fixed > 0) note(`${fixed} of the ${report.failed} failed test(s) pass with stand-ins: ${assumeMissingHint(standIns.assumed)} (or assumeMissing: true in the spec)`);
  }
  return report.failed > 0 || report.diagnostics.length > 0 ? 1 : 0;
}

/** Adds `test SPEC FILES...`. */
export function registerTestCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addFormatOptions(addChannelOption(program
    .command('test')
    .description('run a YAML spec of requests with expectations (schema: schemas/routing-tests.schema.json in the package) against the manifests; exit 1 on any failure')
    .argument('<spec>', 'the spec file, or - for standard input (then the manifests must be files): tests: [{ name, request: { url, method?, headers?, gateway? }, ' +
      'expect: { backend?, split?, status?, redirect?, headers?, responseHeaders? } }]; url of any scheme route takes: http(s), grpc(s), tls, tcp, udp')
    .argument('<files...>', FILES_HELP)), 'print { passed, failed, tests: [...], diagnostics: [...] } as JSON'))
    .option('--assume-missing', ASSUME_MISSING_HELP)
    .action((spec: string, files: string[], opts: InputFlags & { json?: boolean; format?: string; channel: string }, command: Command) => {
      const s = commandSettings(command, opts);
      const channel = parseChannel(program, s.channel);
      const format = chooseFormat(opts);
      const style = makeStyle(format === 'text' && colorWanted(program.opts()));
      setExitCode(runTestCommand(spec, files, { assumeMissing: s.assumeMissing, format, channel, style, input: s.input }, (t) => process.stdout.write(t)));
    });
}
