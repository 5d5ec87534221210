import type { Command } from 'commander';
import { formatDiagnostic, validateSourcedManifests, type Diagnostic } from '../validation';
import { readManifestFiles } from '../validation/manifest-files';

/** Options of `cdk8s-gateway validate`. */
export interface ValidateCommandOptions {
  /** Gateway API release channel. */
  readonly channel: 'standard' | 'experimental';
  /** `text` (one line per diagnostic and a summary) or `json` (an array of diagnostics). */
  readonly format: 'text' | 'json';
}

/**
 * Validates manifest files; returns the exit code: 1 when there is any error
 * (including unreadable input), 0 otherwise.
 */
export function runValidate(files: readonly string[], options: ValidateCommandOptions, write: (text: string) => void): number {
  const read = readManifestFiles(files);
  const diagnostics: Diagnostic[] = [...read.diagnostics, ...validateSourcedManifests(read.items, { channel: options.channel })];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (options.format === 'json') {
    write(`${JSON.stringify(diagnostics, null, 2)}\n`);
  } else {
    for (const d of diagnostics) write(`${formatDiagnostic(d)}\n`);
    write(`${errors} error(s), ${warnings} warning(s) in ${read.items.length} object(s) (Gateway API v1.6.1, ${options.channel} channel)\n`);
  }
  return errors > 0 ? 1 : 0;
}

/** Adds `validate FILES...` to the program; `setExitCode` receives the command's exit code. */
export function registerValidateCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('validate')
    .description('check manifests against the Gateway API v1.6.1 CRD schemas, their CEL rules and cross-object rules (attachment, listeners, references)')
    .argument('<files...>', 'YAML or JSON files, directories of them, or - for standard input')
    .option('--channel <channel>', 'release channel: standard or experimental', 'standard')
    .option('--format <format>', 'output: text or json', 'text')
    .action((files: string[], opts: { channel: string; format: string }) => {
      if (opts.channel !== 'standard' && opts.channel !== 'experimental') {
        program.error(`--channel must be standard or experimental, got '${opts.channel}'`, { exitCode: 2 });
      }
      if (opts.format !== 'text' && opts.format !== 'json') {
        program.error(`--format must be text or json, got '${opts.format}'`, { exitCode: 2 });
      }
      setExitCode(runValidate(files, opts as ValidateCommandOptions, (t) => process.stdout.write(t)));
    });
}
