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
 * Runs `lint`; returns 1 when there is any finding (not ignored), else 0. A
 * document that does not parse is a finding (`input/yaml-error`) and the
 * other documents are still analysed.
 */
export function runLint(files: readonly string[], options: { channel: Channel; json?: boolean; format?: ReportFormat; ignore?: readonly string[]; style?: Style }, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const { items, findings: unparsed } = readInputReportingDocuments(files, note);
  // Objects the data plane rejects cannot be analysed: an input error, as in every routing command.
  // The plane that checked the input is the one lint analyses (stand-ins for what the objects name but do not define).
  const plane = withUnparsed(unparsed, () => loadPlane(items, { assumeMissing: true, channel: options.channel }));
  const found = locateDiagnostics([...unparsed, ...lintManifests(items, { channel: options.channel }, plane._loadedRoutes())], items);
  const { kept: findings, ignored } = applyIgnore(found, options.ignore ?? [], note);
  const format = options.format ?? (options.json ? 'json' : 'text');
  if (!writeFindings(format, 'lint', items, findings, () => true, packageVersion(), write)) {
    const style = options.style ?? makeStyle(false);
    for (const d of findings) write(`${paintDiagnostic(d, style)}\n`);
    const summary = `${findings.length} finding(s)${ignoredSummary(ignored, options.ignore)} in ${items.length} object(s)`;
    write(`${findings.length > 0 ? style.yellow(summary) : style.green(summary)}\n`);
  }
  return findings.length > 0 ? 1 : 0;
}

/** Adds `lint FILES...`. */
export function registerLintCommand(program: Command, setExitCode: (code: number) => void): void {
  addFormatOptions(addChannelOption(program
    .command('lint')
    .description('routing analysis as warnings with codes: hostnames no listener serves, hostnames a more specific listener captures, ' +
      'ReferenceGrants nothing uses or another grant makes redundant; exit 1 on any finding')
    .argument('<files...>', 'YAML or JSON files, folders of them (recursively), or - for standard input')), 'print the findings as a JSON array')
    .option('--ignore <code>', IGNORE_HELP, collectCodes)
    .action((files: string[], opts: { channel: string; json?: boolean; format?: string; ignore?: string[] }) => {
      const channel = parseChannel(program, opts.channel);
      const format = chooseFormat(opts);
      const style = makeStyle(format === 'text' && colorWanted(program.opts()));
      setExitCode(runLint(files, { channel, format, ignore: opts.ignore, style }, (t) => process.stdout.write(t)));
    });
}
