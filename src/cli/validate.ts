import type { Command } from 'commander';
import { formatDiagnostic, validateSourcedManifests, type Diagnostic } from '../validation';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { applyIgnore, collectCodes, IGNORE_HELP, ignoredSummary, type IgnoreRule } from './ignore';
import { CHANNEL_HELP, CLI_DEFAULT_CHANNEL, inContext, readCommandInput, writeNote, type Channel, type InputSelection } from './input';
import { Style, colorWanted, makeStyle } from './style';

/** Options of `cdk8s-gateway validate`. */
interface ValidateCommandOptions {
  /** Gateway API release channel. */
  readonly channel: Channel;
  /** Print the diagnostics as a JSON array instead of lines and a summary. @default false */
  readonly json?: boolean;
  /** Codes of diagnostics to leave out (`--ignore`, the config file's `ignore`): not printed, not counted. @default - none */
  readonly ignore?: readonly (string | IgnoreRule)[];
  /** Files left out (`--exclude`) and context objects (`--context`): checked against, not reported on. @default - the arguments only */
  readonly input?: InputSelection;
  /**
   * Warnings fail the command as errors do: the config file's `failOnWarnings`
   * (or `--fail-on-warnings`), resolved here for the exit policy.
   * @default false
   */
  readonly failOnWarnings?: boolean;
  /** Colors for the human output. @default - none */
  readonly style?: Style;
}

/** Colors one formatted diagnostic line by severity. */
export function paintDiagnostic(d: Diagnostic, style: Style): string {
  const line = formatDiagnostic(d);
  return d.severity === 'error' ? style.red(line) : style.yellow(line);
}

export { ignoredSummary };

/**
 * Validates manifest files; returns the exit code: 1 when there is any error,
 * 0 otherwise. Unreadable input throws a CliError (exit 2).
 */
export function runValidate(files: readonly string[], options: ValidateCommandOptions, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const { items, context } = readCommandInput(files, note, options.input);
  const style = options.style ?? makeStyle(false);
  // Context objects take part in the cross-object checks; their own findings are not reported.
  const notReported = inContext(context);
  const reported = validateSourcedManifests([...items, ...context], { channel: options.channel }).filter((d) => !notReported(d));
  const { kept: diagnostics, ignored } = applyIgnore(reported, options.ignore ?? [], note);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (options.json) {
    write(`${JSON.stringify(diagnostics, null, 2)}\n`);
  } else {
    for (const d of diagnostics) write(`${paintDiagnostic(d, style)}\n`);
    const summary = `${errors} error(s), ${warnings} warning(s)${ignoredSummary(ignored, options.ignore)} in ${items.length} object(s)${context.length > 0 ? ` and ${context.length} context object(s)` : ''} (Gateway API v1.6.1, ${options.channel} channel)`;
    write(`${errors > 0 ? style.red(summary) : style.green(summary)}\n`);
  }
  return errors > 0 ? 1 : 0;
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

/** Adds `--channel` (default: the one default of the library) to a command that reads objects. */
export function addChannelOption(command: Command): Command {
  return command.option('--channel <channel>', CHANNEL_HELP, CLI_DEFAULT_CHANNEL);
}

/** Adds `validate FILES...` to the program; `setExitCode` receives the command's exit code. */
export function registerValidateCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addChannelOption(program
    .command('validate')
    .description('check manifests against the Gateway API v1.6.1 CRD schemas, their CEL rules and cross-object rules (attachment, listeners, references); exit 1 on any error')
    .argument('<files...>', FILES_HELP)))
    .option('--json', 'print the diagnostics as a JSON array')
    .option('--ignore <code>', IGNORE_HELP, collectCodes)
    .action((files: string[], opts: InputFlags & { channel: string; json?: boolean }, command: Command) => {
      const settings = commandSettings(command, opts);
      const channel = parseChannel(program, settings.channel);
      const style = makeStyle(!opts.json && colorWanted(program.opts()));
      setExitCode(runValidate(files, { channel, json: opts.json, ignore: settings.ignore, style, input: settings.input, failOnWarnings: settings.failOnWarnings }, (t) => process.stdout.write(t)));
    });
}
