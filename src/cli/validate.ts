import type { Command } from 'commander';
import { validateSourcedManifests, type Diagnostic } from '../validation';
import { CliError } from './cli-error';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { applyIgnore, collectCodes, IGNORE_HELP, ignoredSummary, type IgnoreRule } from './ignore';
import { CHANNEL_HELP, CLI_DEFAULT_CHANNEL, inContext, readCommandInput, writeNote, type Channel, type InputSelection } from './input';
import { addFormatOptions, chooseFormat, formatFindingLine, writeFindings, type ReportFormat } from './report-format';
import { Style, colorWanted, makeStyle } from './style';
import { packageVersion } from './version';
import { resolveImplementation } from '../validation/feature-claims';
import { locateDiagnostics } from '../validation/manifest-positions';

/** Options of `cdk8s-gateway validate`. */
interface ValidateCommandOptions {
  /** Gateway API release channel. */
  readonly channel: Channel;
  /** Print the diagnostics as a JSON array instead of lines and a summary (`--format json`). @default false */
  readonly json?: boolean;
  /** Output format; takes precedence over `json`. @default - `json` when `json` is set, else `text` */
  readonly format?: ReportFormat;
  /** Codes of diagnostics to leave out (`--ignore`, the config file's `ignore`): not printed, not counted. @default - none */
  readonly ignore?: readonly (string | IgnoreRule)[];
  /** Files left out (`--exclude`) and context objects (`--context`): checked against, not reported on. @default - the arguments only */
  readonly input?: InputSelection;
  /**
   * Exit 1 when any warning remains after `--ignore`, not only on errors:
   * `--fail-on-warnings` or the config file's `failOnWarnings`, resolved for the exit policy.
   * @default false
   */
  readonly failOnWarnings?: boolean;
  /** Colors for the human output. @default - none */
  readonly style?: Style;
  /**
   * `--implementation NAME`: a conformance report's project (`project/mode`
   * for another mode); each used feature it does not claim is a warning,
   * `compat/feature-not-claimed`. @default - features are not checked
   */
  readonly implementation?: string;
  /** Where `implementation` was given, for messages (`--implementation`, or the config file's name). @default '--implementation' */
  readonly implementationOrigin?: string;
}

/** Colors one formatted diagnostic line (`file:line:col: severity ...`) by severity. */
export function paintDiagnostic(d: Diagnostic, style: Style): string {
  const line = formatFindingLine(d);
  return d.severity === 'error' ? style.red(line) : style.yellow(line);
}

export { ignoredSummary };

/**
 * Validates manifest files; returns the exit code: 1 when there is any error
 * (or, with `failOnWarnings`, any warning) left after `--ignore`, 0 otherwise.
 * A document that does not parse is an error, and every other document is
 * still checked. A path that cannot be read throws a CliError (exit 2).
 */
export function runValidate(files: readonly string[], options: ValidateCommandOptions, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const { items, context, findings: unparsed } = readCommandInput(files, note, options.input, { reportDocuments: true });
  const style = options.style ?? makeStyle(false);
  // Context objects take part in the cross-object checks; their own findings are not reported.
  const notReported = inContext(context);
  let claims;
  try {
    claims = options.implementation === undefined ? undefined : resolveImplementation(options.implementation, options.implementationOrigin ?? '--implementation');
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const checked = validateSourcedManifests([...items, ...context], { channel: options.channel, ...(claims ? { implementation: options.implementation } : {}) }).filter((d) => !notReported(d));
  const found = locateDiagnostics([...unparsed, ...checked], items);
  const { kept: diagnostics, ignored } = applyIgnore(found, options.ignore ?? [], note);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const format = options.format ?? (options.json ? 'json' : 'text');
  if (!writeFindings(format, 'validate', items, diagnostics, (d) => d.severity === 'error' || options.failOnWarnings === true, packageVersion(), write)) {
    for (const d of diagnostics) write(`${paintDiagnostic(d, style)}\n`);
    const summary = `${errors} error(s), ${warnings} warning(s)${ignoredSummary(ignored, options.ignore)} in ${items.length} object(s)${context.length > 0 ? ` and ${context.length} context object(s)` : ''} (Gateway API v1.6.1, ${options.channel} channel)`;
    write(`${errors > 0 ? style.red(summary) : style.green(summary)}\n`);
  }
  return errors > 0 || (options.failOnWarnings && warnings > 0) ? 1 : 0;
}

/** `--implementation` when given, else the config file's `implementation` (with its file named in messages). */
function implementationSetting(flag: string | undefined, config: { name: string; origin: string } | undefined): { implementation?: string; implementationOrigin?: string } {
  if (flag !== undefined) return { implementation: flag };
  return config ? { implementation: config.name, implementationOrigin: `${config.origin}: implementation` } : {};
}

/** Checks a `--channel` value; throws through `program.error` (exit 2) otherwise. */
export function parseChannel(program: Command, channel: string): Channel {
  if (channel !== 'standard' && channel !== 'experimental') {
    program.error(`--channel must be standard or experimental, got '${channel}'`, { exitCode: 2 });
  }
  return channel as Channel;
}

/** Help of the files argument of every command that reads objects. */
export const FILES_HELP = 'YAML or JSON files, folders of them (recursively), globs (quoted: \'routes/**/*.yaml\'), or - for standard input';

/**
 * Adds `--channel` to a command that reads objects. It has no commander default: without the flag the channel
 * is the config file's, else the library's one default (`commandSettings`), and the help says so rather than
 * naming a default the config file may override.
 */
export function addChannelOption(command: Command): Command {
  return command.option('--channel <channel>', `${CHANNEL_HELP} (default: ${CLI_DEFAULT_CHANNEL}, or the channel .cdk8s-gateway.yaml sets)`);
}

/** Adds `validate FILES...` to the program; `setExitCode` receives the command's exit code. */
export function registerValidateCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addFormatOptions(addChannelOption(program
    .command('validate')
    .description('check manifests against the Gateway API v1.6.1 CRD schemas, their CEL rules and cross-object rules (attachment, listeners, references); exit 1 on any error (and on any warning with --fail-on-warnings)')
    .argument('<files...>', FILES_HELP)), 'print the diagnostics as a JSON array'))
    .option('--ignore <code>', IGNORE_HELP, collectCodes)
    .option('--fail-on-warnings', 'exit 1 when any warning remains after --ignore, not only on errors')
    .option('--implementation <name>', 'warn (compat/feature-not-claimed) on each use of a feature the implementation\'s conformance report does not claim: a project such as envoy-gateway, or project/mode (see docs/compatibility.md)')
    .action((files: string[], opts: InputFlags & { channel: string; json?: boolean; format?: string; implementation?: string }, command: Command) => {
      const settings = commandSettings(command, opts);
      const channel = parseChannel(program, settings.channel);
      const format = chooseFormat(opts);
      const style = makeStyle(format === 'text' && colorWanted(program.opts()));
      setExitCode(runValidate(files, { channel, format, ignore: settings.ignore, style, input: settings.input, failOnWarnings: settings.failOnWarnings === true, ...implementationSetting(opts.implementation, settings.implementation) }, (t) => process.stdout.write(t)));
    });
}
