import { Command } from 'commander';
import { CliError, EXIT_CODES_HELP } from './cli-error';
import { registerCompatCommand } from './compat';
import { addConformanceCommand } from './conformance';
import { registerConvertCommand } from './convert';
import { registerDiffCommand } from './diff';
import { registerGraphCommand } from './graph';
import { registerLintCommand } from './lint';
import { registerRouteCommand } from './route';
import { registerStatusCommand } from './status';
import { registerTableCommand } from './table';
import { registerTestCommand } from './test-command';
import { registerValidateCommand } from './validate';
import { packageVersion } from './version';

/**
 * Builds the `cdk8s-gateway` command line. Subcommands register themselves
 * here; `setExitCode` receives their exit codes.
 */
function buildProgram(setExitCode: (code: number) => void = () => undefined): Command {
  const program = new Command('cdk8s-gateway')
    .description('Gateway API tooling from cdk8s-gateway-api, offline, on any manifests (Helm, kustomize, hand-written): validate, lint, ' +
      'compute status, draw the topology, answer where a request goes and why, say what a change does to traffic, convert them to a cdk8s chart, and say which implementations claim the features used')
    .version(packageVersion(), '-v, --version', 'print the package version')
    .option('--no-color', 'no colors in human output (colors are used only when standard output is a terminal; NO_COLOR also turns them off)')
    .showHelpAfterError()
    .exitOverride();
  registerRouteCommand(program, setExitCode);
  registerTableCommand(program, setExitCode);
  registerValidateCommand(program, setExitCode);
  registerLintCommand(program, setExitCode);
  registerStatusCommand(program, setExitCode);
  registerGraphCommand(program, setExitCode);
  registerTestCommand(program, setExitCode);
  registerDiffCommand(program, setExitCode);
  addConformanceCommand(program, setExitCode);
  registerConvertCommand(program, setExitCode);
  registerCompatCommand(program, setExitCode);
  program.addHelpText('after', `\n${EXIT_CODES_HELP}`);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.addHelpText('after', `\n${EXIT_CODES_HELP}`);
  }
  return program;
}

/**
 * Makes `stream` (standard output or error of the program) end quietly when
 * its reader goes away (`cdk8s-gateway --help | head`): the write error
 * EPIPE is not thrown as an unhandled 'error' event with a stack trace;
 * what is left to write is dropped, and the command's exit code stands.
 * Other write errors are thrown as before.
 */
export function endQuietlyOnBrokenPipe(stream: { on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown }): void {
  stream.on('error', (err) => {
    if (err?.code !== 'EPIPE' && err?.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

/** commander error codes that are not usage errors. */
const NOT_USAGE_ERRORS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * Runs the command line with `argv` (as `process.argv`); resolves to the exit
 * code. Usage and input errors print one line per problem on stderr (never a
 * stack trace) and give 2.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => { exitCode = Math.max(exitCode, code); });
  if (argv.length <= 2) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (caught) {
    const err = caught as { code?: unknown; exitCode?: number; message?: unknown } | undefined;
    if (typeof err?.code === 'string' && err.code.startsWith('commander.')) {
      // commander has already printed its message (and the help, after an error).
      return NOT_USAGE_ERRORS.has(err.code) ? err.exitCode ?? 0 : 2;
    }
    const message = caught instanceof CliError ? caught.message : String(err?.message ?? caught);
    for (const line of message.split('\n')) process.stderr.write(`cdk8s-gateway: ${line}\n`);
    return 2;
  }
}
