/**
 * `--ignore CODE` of the commands that report findings (`validate`, `lint`):
 * findings with that code are neither printed nor counted for the exit code.
 * A code that left nothing out is said on standard error, naming it unknown
 * when no check of this package has it, so that a typo is not silently taken.
 */
import { globMatches } from './globs';
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

/** A code to leave out, everywhere or only in the files some globs match. */
export interface IgnoreRule {
  /** The finding code. */
  readonly code: string;
  /** Globs of the files (and folders) where it is left out, relative to `base`. @default - everywhere */
  readonly paths?: readonly string[];
  /** The folder `paths` are relative to (the config file's). @default - the working directory */
  readonly base?: string;
  /** Where the rule was given: `--ignore` or the config file. @default '--ignore' */
  readonly origin?: string;
}

/** The file of a finding's source (`routes/a.yaml#2.items[0]` → `routes/a.yaml`), or undefined. */
export function sourceFile(source: string | undefined): string | undefined {
  return source?.replace(/#\d+(\.[^#]*)?$/, '');
}

function ruleApplies(rule: IgnoreRule, d: Diagnostic): boolean {
  if (rule.code !== d.code) return false;
  if (!rule.paths) return true;
  const file = sourceFile(d.source);
  return file !== undefined && rule.paths.some((p) => globMatches(file, p, rule.base ?? '.'));
}

function ruleLabel(rule: IgnoreRule): string {
  const origin = rule.origin ?? '--ignore';
  const where = rule.paths ? ` in ${rule.paths.join(', ')}` : '';
  return origin === '--ignore' ? `--ignore ${rule.code}` : `${origin}: ignore ${rule.code}${where}`;
}

/** `, N ignored (--ignore a, b; .cdk8s-gateway.yaml: ignore c)` for a summary line, or nothing when no code is ignored. */
export function ignoredSummary(ignored: number, rules: readonly (string | IgnoreRule)[] | undefined): string {
  if (!rules || rules.length === 0) return '';
  const all = rules.map((r) => (typeof r === 'string' ? { code: r } : r));
  const flags = all.filter((r) => (r.origin ?? '--ignore') === '--ignore').map((r) => r.code);
  const parts = [...(flags.length > 0 ? [`--ignore ${flags.join(', ')}`] : []), ...all.filter((r) => (r.origin ?? '--ignore') !== '--ignore').map(ruleLabel)];
  return `, ${ignored} ignored (${parts.join('; ')})`;
}

/**
 * Leaves out the findings that an ignore rule (a code from `--ignore`, or a
 * rule of the config file, optionally limited to some paths) matches; `note`
 * receives one line per rule that left nothing out: its code is unknown, or
 * (for `--ignore`) no finding has it here.
 */
export function applyIgnore(findings: readonly Diagnostic[], codes: readonly (string | IgnoreRule)[], note: (text: string) => void): IgnoreResult {
  const rules: IgnoreRule[] = codes.map((c) => (typeof c === 'string' ? { code: c } : c));
  const used = new Set<IgnoreRule>();
  const kept = findings.filter((d) => {
    const rule = rules.find((r) => ruleApplies(r, d));
    if (rule) used.add(rule);
    return rule === undefined;
  });
  const noted = new Set<string>();
  for (const rule of rules) {
    if (used.has(rule)) continue;
    const label = ruleLabel(rule);
    if (noted.has(label)) continue;
    noted.add(label);
    const unknown = unknownCodeReason(rule.code);
    // A config file's rules serve both validate and lint: one that finds nothing here is said only when its code is unknown (a typo).
    if (unknown) note(`${label}: no check reports this code (${unknown})`);
    else if ((rule.origin ?? '--ignore') === '--ignore') note(`${label}: no finding has this code here`);
  }
  return { kept, ignored: findings.length - kept.length };
}
