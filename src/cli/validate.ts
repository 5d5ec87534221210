import type { Command } from 'commander';
import { formatDiagnostic, validateSourcedManifests, type Diagnostic } from '../validation';
import { readInput } from './input';
import { Style, colorWanted, makeStyle } from './style';

/** Options of `cdk8s-gateway validate`. */
interface ValidateCommandOptions {
  /** Gateway API release channel. */
  readonly channel: 'standard' | 'experimental';
  /** Print the diagnostics as a JSON array instead of lines and a summary. @default false */
  readonly json?: boolean;
  /** Colors for the human output. @default - none */
  readonly style?: Style;
}

/** Colors one formatted diagnostic line by severity. */
export function paintDiagnostic(d: Diagnostic, style: Style): string {
  const line = formatDiagnostic(d);
  return d.severity === 'error' ? style.red(line) : style.yellow(line);
}

/**
 * Validates manifest files; returns the exit code: 1 when there is any error,
 * 0 otherwise. Unreadable input throws a CliError (exit 2).
 */
function runValidate(files: readonly string[], options: ValidateCommandOptions, write: (text: string) => void): number {
  const items = readInput(files);
  const style = options.style ?? makeStyle(false);
  const diagnostics: Diagnostic[] = validateSourcedManifests(items, { channel: options.channel });
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (options.json) {
    write(`${JSON.stringify(diagnostics, null, 2)}\n`);
  } else {
    for (const d of diagnostics) write(`${paintDiagnostic(d, style)}\n`);
    const summary = `${errors} error(s), ${warnings} warning(s) in ${items.length} object(s) (Gateway API v1.6.1, ${options.channel} channel)`;
    write(`${errors > 0 ? style.red(summary) : style.green(summary)}\n`);
  }
  return errors > 0 ? 1 : 0;
}

/** Checks a `--channel` value; throws through `program.error` (exit 2) otherwise. */
export function parseChannel(program: Command, channel: string): 'standard' | 'experimental' {
  if (channel !== 'standard' && channel !== 'experimental') {
    program.error(`--channel must be standard or experimental, got '${channel}'`, { exitCode: 2 });
  }
  return channel as 'standard' | 'experimental';
}

/** Adds `validate FILES...` to the program; `setExitCode` receives the command's exit code. */
export function registerValidateCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('validate')
    .description('check manifests against the Gateway API v1.6.1 CRD schemas, their CEL rules and cross-object rules (attachment, listeners, references); exit 1 on any error')
    .argument('<files...>', 'YAML or JSON files, folders of them (recursively), or - for standard input')
    .option('--channel <channel>', 'release channel: standard or experimental', 'standard')
    .option('--json', 'print the diagnostics as a JSON array')
    .action((files: string[], opts: { channel: string; json?: boolean }) => {
      const channel = parseChannel(program, opts.channel);
      const style = makeStyle(!opts.json && colorWanted(program.opts()));
      setExitCode(runValidate(files, { channel, json: opts.json, style }, (t) => process.stdout.write(t)));
    });
}
