/** `cdk8s-gateway lint`: routing analysis no schema can do, as warnings with codes. */
import type { Command } from 'commander';
import { lintManifests } from '../lint';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { applyIgnore, collectCodes, IGNORE_HELP, type IgnoreRule } from './ignore';
import { inContext, loadPlane, readCommandInput, writeNote, type Channel, type InputSelection } from './input';
import { Style, colorWanted, makeStyle } from './style';
import { addChannelOption, FILES_HELP, ignoredSummary, paintDiagnostic, parseChannel } from './validate';

/** Options of `cdk8s-gateway lint`. */
interface LintCommandOptions {
  /** Gateway API release channel. */
  readonly channel: Channel;
  /** Print the findings as a JSON array. @default false */
  readonly json?: boolean;
  /** Codes to leave out (`--ignore`, the config file's `ignore`). @default - none */
  readonly ignore?: readonly (string | IgnoreRule)[];
  /** Colors. @default - none */
  readonly style?: Style;
  /** Files left out (`--exclude`) and context objects (`--context`): analysed with, not reported on. @default - the arguments only */
  readonly input?: InputSelection;
  /** The config file's `failOnWarnings` (or `--fail-on-warnings`), resolved for the exit policy. @default false */
  readonly failOnWarnings?: boolean;
}

/** Runs `lint`; returns 1 when there is any finding (not ignored), else 0. */
export function runLint(files: readonly string[], options: LintCommandOptions, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const input = readCommandInput(files, note, options.input);
  const items = [...input.items, ...input.context];
  // Objects the data plane rejects cannot be analysed: an input error, as in every routing command.
  // The plane that checked the input is the one lint analyses (stand-ins for what the objects name but do not define).
  const plane = loadPlane(items, { assumeMissing: true, channel: options.channel }, input.context, note);
  // Context objects take part in the analysis; findings on them are not reported.
  const notReported = inContext(input.context);
  const reported = lintManifests(items, { channel: options.channel }, plane._loadedRoutes()).filter((d) => !notReported(d));
  const { kept: findings, ignored } = applyIgnore(reported, options.ignore ?? [], note);
  if (options.json) {
    write(`${JSON.stringify(findings, null, 2)}\n`);
  } else {
    const style = options.style ?? makeStyle(false);
    for (const d of findings) write(`${paintDiagnostic(d, style)}\n`);
    const summary = `${findings.length} finding(s)${ignoredSummary(ignored, options.ignore)} in ${input.items.length} object(s)${input.context.length > 0 ? ` and ${input.context.length} context object(s)` : ''}`;
    write(`${findings.length > 0 ? style.yellow(summary) : style.green(summary)}\n`);
  }
  return findings.length > 0 ? 1 : 0;
}

/** Adds `lint FILES...`. */
export function registerLintCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addChannelOption(program
    .command('lint')
    .description('routing analysis as warnings with codes: hostnames no listener serves, hostnames a more specific listener captures, ' +
      'ReferenceGrants nothing uses or another grant makes redundant; exit 1 on any finding')
    .argument('<files...>', FILES_HELP)))
    .option('--json', 'print the findings as a JSON array')
    .option('--ignore <code>', IGNORE_HELP, collectCodes)
    .action((files: string[], opts: InputFlags & { channel: string; json?: boolean }, command: Command) => {
      const settings = commandSettings(command, opts);
      const channel = parseChannel(program, settings.channel);
      const style = makeStyle(!opts.json && colorWanted(program.opts()));
      setExitCode(runLint(files, { channel, json: opts.json, ignore: settings.ignore, style, input: settings.input, failOnWarnings: settings.failOnWarnings }, (t) => process.stdout.write(t)));
    });
}
