import { Command } from 'commander';
import { addConformanceCommand } from './conformance';
import { registerValidateCommand } from './validate';
import { packageVersion } from './version';

/**
 * Builds the `cdk8s-gateway` command line. Subcommands register themselves
 * here as they are implemented; `setExitCode` receives their exit codes.
 */
export function buildProgram(setExitCode: (code: number) => void = () => undefined): Command {
  const program = new Command('cdk8s-gateway')
    .description('Gateway API tooling from cdk8s-gateway-api: validate manifests and evaluate routing without a cluster')
    .version(packageVersion(), '-v, --version', 'print the package version')
    .showHelpAfterError()
    .exitOverride();
  registerValidateCommand(program, setExitCode);
  addConformanceCommand(program, setExitCode);
  return program;
}

/** Runs the command line with `argv` (as `process.argv`); resolves to the exit code. */
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
  } catch (err: any) {
    // commander throws on --help / --version with exitCode 0, and on usage errors with 1.
    if (typeof err?.exitCode === 'number') return err.exitCode;
    throw err;
  }
}
