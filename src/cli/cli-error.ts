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
     failed tests, conformance below --fail-under, status --fail-on-not-accepted with anything not accepted,
     diff --exit-code with any change;
     for validate, lint and test also invalid YAML and a document that is a list (reported with the other findings)
  2  usage or input error: unknown option or format, unreadable file, invalid YAML or a list document (other commands),
     an object the data plane rejects`;
