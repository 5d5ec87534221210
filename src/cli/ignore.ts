/**
 * `--ignore CODE` of the commands that report findings (`validate`, `lint`):
 * findings with that code are neither printed nor counted for the exit code.
 * A code that left nothing out is said on standard error, naming it unknown
 * when no check of this package has it, so that a typo is not silently taken.
 */
import { EXPERIMENTAL_CRDS, STANDARD_CRDS } from '../../generated';
import { LINT_CODES } from '../lint';
import type { Diagnostic } from '../validation';
import { compiledRules } from '../validation/cel-rules';

/** Help of `--ignore`. */
export const IGNORE_HELP = 'leave out the findings with this code (repeatable), e.g. --ignore lint/reference-grant-unused: ' +
  'they are not printed and do not count for the exit code';

/** Collects a repeated `--ignore` option. */
export function collectCodes(value: string, previous: string[] = []): string[] {
  return [...previous, value.trim()];
}

/** The families of codes this package reports (the part before the first `/`). */
const CODE_FAMILIES = ['api', 'cel', 'input', 'lint', 'metadata', 'object', 'plane', 'route', 'schema', 'xref'];

/** Why `code` is not a code any check of this package reports, or undefined when it may be one. */
export function unknownCodeReason(code: string): string | undefined {
  const family = code.includes('/') ? code.slice(0, code.indexOf('/')) : '';
  if (!CODE_FAMILIES.includes(family)) return `codes start with ${CODE_FAMILIES.map((f) => `${f}/`).join(', ')}`;
  if (family === 'lint' && !(LINT_CODES as readonly string[]).includes(code)) return `the lint codes are ${LINT_CODES.join(', ')}`;
  if (family === 'cel') {
    const known = new Set<string>();
    for (const crd of [...Object.values(STANDARD_CRDS), ...Object.values(EXPERIMENTAL_CRDS)]) {
      for (const r of compiledRules(crd).rules) known.add(r.code);
    }
    if (!known.has(code)) return 'no CEL rule of the Gateway API v1.6.1 CRDs has it (cel/<Kind>/<rule>; see docs/validation.md)';
  }
  return undefined;
}

/** The findings whose code is not ignored, and how many were left out. */
export interface IgnoreResult {
  /** The findings kept, in their order. */
  readonly kept: Diagnostic[];
  /** How many findings were left out. */
  readonly ignored: number;
}

/**
 * Leaves out the findings whose code is in `codes`; `note` receives one line
 * per code that left nothing out (unknown, or no finding has it here).
 */
export function applyIgnore(findings: readonly Diagnostic[], codes: readonly string[], note: (text: string) => void): IgnoreResult {
  const ignore = new Set(codes);
  const kept = findings.filter((d) => !ignore.has(d.code));
  const used = new Set(findings.filter((d) => ignore.has(d.code)).map((d) => d.code));
  for (const code of ignore) {
    if (used.has(code)) continue;
    const unknown = unknownCodeReason(code);
    note(unknown ? `--ignore ${code}: no check reports this code (${unknown})` : `--ignore ${code}: no finding has this code here`);
  }
  return { kept, ignored: findings.length - kept.length };
}
