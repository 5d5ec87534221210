/** `cdk8s-gateway lint`: routing analysis no schema can do, as warnings with codes. */
import type { Command } from 'commander';
import { lintManifests } from '../lint';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { applyIgnore, collectCodes, IGNORE_HELP, type IgnoreRule } from './ignore';
import { inContext, loadPlane, readCommandInput, withUnparsed, writeNote, type Channel, type InputSelection } from './input';
import { addFormatOptions, chooseFormat, writeFindings, type ReportFormat } from './report-format';
import { Style, colorWanted, makeStyle } from './style';
import { addChannelOption, FILES_HELP, ignoredSummary, paintDiagnostic, parseChannel } from './validate';
import { packageVersion } from './version';
import { locateDiagnostics } from '../validation/manifest-positions';

/** Options of `cdk8s-gateway lint`. */
interface LintCommandOptions {
  /** Gateway API release channel. */
  readonly channel: Channel;
  /** Print the findings as a JSON array (`--format json`). @default false */
  readonly json?: boolean;
  /** Output format; takes precedence over `json`. @default - `json` when `json` is set, else `text` */
  readonly format?: ReportFormat;
  /** Codes to leave out (`--ignore`, the config file's `ignore`). @default - none */
  readonly ignore?: readonly (string | IgnoreRule)[];
  /** Colors. @default - none */
  readonly style?: Style;
  /** Files left out (`--exclude`) and context objects (`--context`): analysed with, not reported on. @default - the arguments only */
  readonly input?: InputSelection;
  /**
   * Whether warnings (every lint finding) fail: `--no-fail-on-warnings` or the config file's
   * `failOnWarnings: false` make lint advisory (only errors, such as a document that does not parse, fail).
   * @default true
   */
  readonly failOnWarnings?: boolean;
}

/**
 * Runs `lint`. Every lint finding is a warning: the exit code is 1 when any finding remains after `--ignore`, else 0;
 * `failOnWarnings: false` (`--no-fail-on-warnings`) reports the findings and exits 0 unless one is an error. A
 * document that does not parse is such an error (`input/yaml-error`), and the other documents are still analysed.
 */
export function runLint(files: readonly string[], options: LintCommandOptions, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const input = readCommandInput(files, note, options.input, { reportDocuments: true });
  const items = [...input.items, ...input.context];
  // Objects the data plane rejects cannot be analysed: an input error, as in every routing command.
  // The plane that checked the input is the one lint analyses (stand-ins for what the objects name but do not define).
  const plane = withUnparsed(input.findings, () => loadPlane(items, { assumeMissing: true, channel: options.channel }, input.context, note));
  // Context objects take part in the analysis; findings on them are not reported.
  const notReported = inContext(input.context);
  const reported = lintManifests(items, { channel: options.channel }, plane._loadedRoutes()).filter((d) => !notReported(d));
  const found = locateDiagnostics([...input.findings, ...reported], input.items);
  const { kept: findings, ignored } = applyIgnore(found, options.ignore ?? [], note);
  const format = options.format ?? (options.json ? 'json' : 'text');
  const fails = (d: { severity: string }) => d.severity === 'error' || options.failOnWarnings !== false;
  if (!writeFindings(format, 'lint', input.items, findings, fails, packageVersion(), write)) {
    const style = options.style ?? makeStyle(false);
    for (const d of findings) write(`${paintDiagnostic(d, style)}\n`);
    const summary = `${findings.length} finding(s)${ignoredSummary(ignored, options.ignore)} in ${input.items.length} object(s)${input.context.length > 0 ? ` and ${input.context.length} context object(s)` : ''}`;
    write(`${findings.length > 0 ? style.yellow(summary) : style.green(summary)}\n`);
  }
  return findings.some(fails) ? 1 : 0;
}

/** Adds `lint FILES...`. */
export function registerLintCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addFormatOptions(addChannelOption(program
    .command('lint')
    .description('routing analysis as warnings with codes: hostnames no listener serves, hostnames a more specific listener captures, ' +
      'ReferenceGrants nothing uses or another grant makes redundant; every finding is a warning and exits 1 (--fail-on-warnings is the default; --no-fail-on-warnings reports without failing)')
    .argument('<files...>', FILES_HELP)), 'print the findings as a JSON array'))
    .option('--ignore <code>', IGNORE_HELP, collectCodes)
    .option('--fail-on-warnings', 'exit 1 when any finding remains after --ignore (the default for lint: every finding is a warning)')
    .option('--no-fail-on-warnings', 'print the findings but exit 0 (advisory runs; the config file\'s failOnWarnings: false does the same); documents that do not parse still fail')
    .action((files: string[], opts: InputFlags & { channel: string; json?: boolean; format?: string }, command: Command) => {
      const settings = commandSettings(command, opts);
      const channel = parseChannel(program, settings.channel);
      const format = chooseFormat(opts);
      const style = makeStyle(format === 'text' && colorWanted(program.opts()));
      setExitCode(runLint(files, { channel, format, ignore: settings.ignore, style, input: settings.input, failOnWarnings: settings.failOnWarnings }, (t) => process.stdout.write(t)));
    });
}
