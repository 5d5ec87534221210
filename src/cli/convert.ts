import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { CliError } from './cli-error';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { readCommandInput, writeNote, type InputSelection } from './input';
import { FILES_HELP } from './validate';
import { ConvertError, convertManifests, type ConvertFinding } from '../convert/convert';

export interface ConvertCommandOptions {
  /** The file to write (`-` for standard output). */
  readonly out: string;
  /** The exported class. @default 'GatewayApiChart' */
  readonly className?: string;
  /** Excluded paths and context. @default - every file given */
  readonly input?: InputSelection;
}

/** A finding as one line: `source Kind ns/name: field: message`. */
export function formatConvertFinding(f: ConvertFinding): string {
  return `${f.source} ${f.object}: ${f.field !== undefined ? `${f.field}: ` : ''}${f.message}`;
}

/**
 * Reads the manifests, writes the chart module to `options.out`, and says on
 * stderr (through `note`) what was kept as an ApiObject and why, and what
 * reading older versions changed. Returns the exit code (0).
 */
export function runConvert(files: readonly string[], options: ConvertCommandOptions, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  if (options.out !== '-' && !/\.(ts|mts|cts)$/.test(options.out)) {
    throw new CliError(`--out ${options.out}: expected a TypeScript file name ending in .ts (or - for standard output)`);
  }
  const { items, context } = readCommandInput(files, note, options.input);
  if (context.length > 0) note(`--context: ${context.length} object(s) are not converted; objects the input names but does not hold are referred to by name`);
  let result;
  try {
    result = convertManifests(items, { className: options.className });
  } catch (e) {
    if (e instanceof ConvertError) throw new CliError(e.message.startsWith('class name') ? `--class: ${e.message}` : e.message);
    throw e;
  }
  for (const f of result.findings) note(formatConvertFinding(f));
  if (options.out === '-') {
    write(result.code);
  } else {
    try {
      fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
      fs.writeFileSync(options.out, result.code);
    } catch (e) {
      throw new CliError(`--out ${options.out}: cannot write it (${(e as Error).message})`);
    }
  }
  note(`${options.out === '-' ? 'wrote the chart' : `wrote ${options.out}`}: ${items.length} object(s), ${result.l2Objects} with the L2 constructs, ` +
    `${result.apiObjects} as ApiObject(s)`);
  return 0;
}

export function registerConvertCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(program
    .command('convert')
    .description('write a TypeScript cdk8s Chart that builds the given objects with the L2 constructs (objects they cannot express, and kinds ' +
      'that are not Gateway API, as ApiObjects); on stderr, what was kept as an ApiObject and why')
    .argument('<files...>', FILES_HELP)
    .requiredOption('--out <file>', 'the TypeScript module to write (.ts), or - for standard output')
    .option('--class <name>', 'the name of the exported Chart class', 'GatewayApiChart'))
    .action((files: string[], opts: InputFlags & { out: string; class: string }, command: Command) => {
      const settings = commandSettings(command, opts);
      setExitCode(runConvert(files, { out: opts.out, className: opts.class, input: settings.input }, (t) => process.stdout.write(t)));
    });
}
