/** `cdk8s-gateway table`: the routing table, the same text as the testing API's `plane.routingTable()`. */
import type { Command } from 'commander';
import { ASSUME_MISSING_HELP, loadPlane, readInput } from './input';

/** Runs `table`; returns 0. */
function runTable(files: readonly string[], options: { json?: boolean; assumeMissing?: boolean }, write: (text: string) => void): number {
  const plane = loadPlane(readInput(files), { assumeMissing: options.assumeMissing });
  write(options.json ? `${JSON.stringify(plane.routingTable({ format: 'json' }), null, 2)}\n` : plane.routingTable());
  return 0;
}

/** Adds `table FILES...`. */
export function registerTableCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('table')
    .description('the routing table: every Gateway → listener → hostname → rules in precedence order → backends, shadowed rules and unattached routes (the text of testing.DataPlane.routingTable())')
    .argument('<files...>', 'YAML or JSON files, folders of them (recursively), or - for standard input')
    .option('--json', 'print the table as JSON (routingTable({ format: \'json\' }))')
    .option('--assume-missing', ASSUME_MISSING_HELP)
    .action((files: string[], opts: { json?: boolean; assumeMissing?: boolean }) => {
      setExitCode(runTable(files, opts, (t) => process.stdout.write(t)));
    });
}
