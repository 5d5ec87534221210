/**
 * A usage or input error of the command line: the program prints its one-line
 * message (no stack trace) and exits with code 2.
 */
export class CliError extends Error {
  /** Always 2: usage or input error. */
  public readonly exitCode = 2;

  public constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes of every command. */
export const EXIT_CODES_HELP = `Exit codes:
  0  success: no errors, no failed expectations (validate's warnings alone do not fail, unless --fail-on-warnings)
  1  findings: validation errors (and warnings with --fail-on-warnings), lint findings (unless --no-fail-on-warnings),
     failed tests, conformance below --fail-under, status --fail-on-not-accepted with anything not accepted
  2  usage or input error: unknown option, unreadable file, invalid YAML, a document that is a list, an object the data plane rejects`;
