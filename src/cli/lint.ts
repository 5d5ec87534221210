/** `cdk8s-gateway lint`: routing analysis no schema can do, as warnings with codes. */
import type { Command } from 'commander';
import { lintManifests } from '../lint';
import { applyIgnore, collectCodes, IGNORE_HELP } from './ignore';
import { loadPlane, readInputReportingDocuments, withUnparsed, writeNote, type Channel } from './input';
import { addFormatOptions, chooseFormat, writeFindings, type ReportFormat } from './report-format';
import { Style, colorWanted, makeStyle } from './style';
import { addChannelOption, ignoredSummary, paintDiagnostic, parseChannel } from './validate';
import { packageVersion } from './version';
import { locateDiagnostics } from '../validation/manifest-positions';

/**
 * Runs `lint`. Every lint finding is a warning: the exit code is 1 when any finding remains after `--ignore`, else 0;
 * `failOnWarnings: false` (`--no-fail-on-warnings`) reports the findings and exits 0 unless one is an error. A
 * document that does not parse is such an error (`input/yaml-error`), and the other documents are still analysed.
 */
export function runLint(files: readonly string[], options: { channel: Channel; json?: boolean; format?: ReportFormat; ignore?: readonly string[]; failOnWarnings?: boolean; style?: Style }, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const { items, findings: unparsed } = readInputReportingDocuments(files, note);
  // Objects the data plane rejects cannot be analysed: an input error, as in every routing command.
  // The plane that checked the input is the one lint analyses (stand-ins for what the objects name but do not define).
  const plane = withUnparsed(unparsed, () => loadPlane(items, { assumeMissing: true, channel: options.channel }));
  const found = locateDiagnostics([...unparsed, ...lintManifests(items, { channel: options.channel }, plane._loadedRoutes())], items);
  const { kept: findings, ignored } = applyIgnore(found, options.ignore ?? [], note);
  const format = options.format ?? (options.json ? 'json' : 'text');
  const fails = (d: { severity: string }) => d.severity === 'error' || options.failOnWarnings !== false;
  if (!writeFindings(format, 'lint', items, findings, fails, packageVersion(), write)) {
    const style = options.style ?? makeStyle(false);
    for (const d of findings) write(`${paintDiagnostic(d, style)}\n`);
    const summary = `${findings.length} finding(s)${ignoredSummary(ignored, options.ignore)} in ${items.length} object(s)`;
    write(`${findings.length > 0 ? style.yellow(summary) : style.green(summary)}\n`);
  }
  return findings.some(fails) ? 1 : 0;
}

/** Adds `lint FILES...`. */
export function registerLintCommand(program: Command, setExitCode: (code: number) => void): void {
  addFormatOptions(addChannelOption(program
    .command('lint')
    .description('routing analysis as warnings with codes: hostnames no listener serves, hostnames a more specific listener captures, ' +
      'ReferenceGrants nothing uses or another grant makes redundant; every finding is a warning and exits 1 (--fail-on-warnings is the default; --no-fail-on-warnings reports without failing)')
    .argument('<files...>', 'YAML or JSON files, folders of them (recursively), or - for standard input')), 'print the findings as a JSON array')
    .option('--ignore <code>', IGNORE_HELP, collectCodes)
    .option('--fail-on-warnings', 'exit 1 when any finding remains after --ignore (the default for lint: every finding is a warning)')
    .option('--no-fail-on-warnings', 'print the findings but exit 0 (advisory runs); documents that do not parse still fail')
    .action((files: string[], opts: { channel: string; json?: boolean; format?: string; ignore?: string[]; failOnWarnings?: boolean }) => {
      const channel = parseChannel(program, opts.channel);
      const format = chooseFormat(opts);
      const style = makeStyle(format === 'text' && colorWanted(program.opts()));
      setExitCode(runLint(files, { channel, format, ignore: opts.ignore, failOnWarnings: opts.failOnWarnings, style }, (t) => process.stdout.write(t)));
    });
}
