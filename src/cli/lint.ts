/** `cdk8s-gateway lint`: routing analysis no schema can do, as warnings with codes. */
import type { Command } from 'commander';
import { lintManifests } from '../lint';
import { applyIgnore, collectCodes, IGNORE_HELP } from './ignore';
import { loadPlane, readInput, writeNote, type Channel } from './input';
import { Style, colorWanted, makeStyle } from './style';
import { addChannelOption, ignoredSummary, paintDiagnostic, parseChannel } from './validate';

/** Runs `lint`; returns 1 when there is any finding (not ignored), else 0. */
export function runLint(files: readonly string[], options: { channel: Channel; json?: boolean; ignore?: readonly string[]; style?: Style }, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const items = readInput(files, note);
  // Objects the data plane rejects cannot be analysed: an input error, as in every routing command.
  // The plane that checked the input is the one lint analyses (stand-ins for what the objects name but do not define).
  const plane = loadPlane(items, { assumeMissing: true, channel: options.channel });
  const { kept: findings, ignored } = applyIgnore(lintManifests(items, { channel: options.channel }, plane._loadedRoutes()), options.ignore ?? [], note);
  if (options.json) {
    write(`${JSON.stringify(findings, null, 2)}\n`);
  } else {
    const style = options.style ?? makeStyle(false);
    for (const d of findings) write(`${paintDiagnostic(d, style)}\n`);
    const summary = `${findings.length} finding(s)${ignoredSummary(ignored, options.ignore)} in ${items.length} object(s)`;
    write(`${findings.length > 0 ? style.yellow(summary) : style.green(summary)}\n`);
  }
  return findings.length > 0 ? 1 : 0;
}

/** Adds `lint FILES...`. */
export function registerLintCommand(program: Command, setExitCode: (code: number) => void): void {
  addChannelOption(program
    .command('lint')
    .description('routing analysis as warnings with codes: hostnames no listener serves, hostnames a more specific listener captures, ' +
      'ReferenceGrants nothing uses or another grant makes redundant; exit 1 on any finding')
    .argument('<files...>', 'YAML or JSON files, folders of them (recursively), or - for standard input'))
    .option('--json', 'print the findings as a JSON array')
    .option('--ignore <code>', IGNORE_HELP, collectCodes)
    .action((files: string[], opts: { channel: string; json?: boolean; ignore?: string[] }) => {
      const channel = parseChannel(program, opts.channel);
      const style = makeStyle(!opts.json && colorWanted(program.opts()));
      setExitCode(runLint(files, { channel, json: opts.json, ignore: opts.ignore, style }, (t) => process.stdout.write(t)));
    });
}
