/** `cdk8s-gateway table`: the routing table, the same text as the testing API's `plane.routingTable()`. */
import type { Command } from 'commander';
import { anyGatewayReconciled, nothingReconciledHint } from './assume-hint';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { ASSUME_MISSING_HELP, CLI_DEFAULT_CHANNEL, loadPlane, readInput, writeNote, type Channel, type InputSelection } from './input';
import { addChannelOption, FILES_HELP, parseChannel } from './validate';

/** Runs `table`; returns 0. */
export function runTable(files: readonly string[], options: { json?: boolean; assumeMissing?: boolean; channel?: Channel; input?: InputSelection }, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const items = readInput(files, note, options.input);
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const plane = loadPlane(items, { assumeMissing: options.assumeMissing, channel });
  write(options.json ? `${JSON.stringify(plane.routingTable({ format: 'json' }), null, 2)}\n` : plane.routingTable());
  const hint = options.assumeMissing ? undefined : nothingReconciledHint(items, channel, anyGatewayReconciled(plane, items));
  if (hint) note(hint);
  return 0;
}

/** Adds `table FILES...`. */
export function registerTableCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addChannelOption(program
    .command('table')
    .description('the routing table: every Gateway → listener → hostname → rules in precedence order → backends, shadowed rules and unattached routes (the text of testing.DataPlane.routingTable())')
    .argument('<files...>', FILES_HELP)))
    .option('--json', 'print the table as JSON (routingTable({ format: \'json\' }))')
    .option('--assume-missing', ASSUME_MISSING_HELP)
    .action((files: string[], opts: InputFlags & { json?: boolean; channel: string }, command: Command) => {
      const s = commandSettings(command, opts);
      setExitCode(runTable(files, { ...opts, channel: parseChannel(program, s.channel), assumeMissing: s.assumeMissing, input: s.input }, (t) => process.stdout.write(t)));
    });
}
