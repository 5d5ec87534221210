/**
 * What an implementation claims to support, from the conformance reports it
 * published (generated/compat.ts). A report is evidence, not a verdict: a
 * feature missing from it is "not claimed by its conformance report", which
 * is all these functions say.
 */
import { CONFORMANCE_REPORTS, FEATURES, type ConformanceReportData } from '../../generated/compat';

/**
 * The core features of each conformance profile (upstream
 * conformance/utils/suite/profiles.go of v1.6.1): a profile whose core tests
 * succeeded claims them. TCPRoute and UDPRoute are extended features of
 * their profiles, listed in the reports like any other.
 */
export const PROFILE_CORE_FEATURES: Readonly<Record<string, readonly string[]>> = {
  'GATEWAY-HTTP': ['Gateway', 'ReferenceGrant', 'HTTPRoute'],
  'GATEWAY-GRPC': ['Gateway', 'ReferenceGrant', 'GRPCRoute'],
  'GATEWAY-TLS': ['Gateway', 'ReferenceGrant', 'TLSRoute'],
  'GATEWAY-TCP': ['Gateway', 'ReferenceGrant'],
  'GATEWAY-UDP': ['Gateway', 'ReferenceGrant'],
  'MESH-HTTP': ['Mesh', 'HTTPRoute'],
  'MESH-GRPC': ['Mesh', 'GRPCRoute'],
};

/** What one implementation claims: the report(s) read and the features they claim. */
export interface ImplementationClaims {
  /** `implementation.project` of the report, or `custom` for a list given by the user. */
  readonly project: string;
  /** `implementation.version`. */
  readonly version: string;
  readonly mode: string;
  /** The Gateway API channel of the report, or the channels (`experimental+standard`) of the variants united. */
  readonly channel: string;
  readonly gatewayAPIVersion: string;
  /** The newest `date` of the reports united. */
  readonly date: string;
  /** The report files read (under conformance-reports/). */
  readonly sources: readonly string[];
  /** Every feature claimed, sorted. */
  readonly claimed: readonly string[];
}

/** A name or custom list that does not resolve to an implementation; the message says what would be valid. */
export class UnknownImplementationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownImplementationError';
  }
}

/** `v1.6.1` as [1, 6, 1]; missing parts are 0. */
function versionParts(v: string): number[] {
  return v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map(p => Number.parseInt(p, 10) || 0);
}

/** Newer first: by gatewayAPIVersion, then by date. */
function newerFirst(a: ConformanceReportData, b: ConformanceReportData): number {
  const va = versionParts(a.gatewayAPIVersion);
  const vb = versionParts(b.gatewayAPIVersion);
  for (let i = 0; i < 3; i++) if (va[i] !== vb[i]) return vb[i] - va[i];
  return Date.parse(b.date) - Date.parse(a.date);
}

/** The features one report claims: extended supportedFeatures, and the core features of profiles whose core succeeded. */
export function reportClaims(report: ConformanceReportData): Set<string> {
  const out = new Set<string>();
  for (const p of report.profiles) {
    for (const f of p.supported) out.add(f);
    if (p.core === 'success') for (const f of PROFILE_CORE_FEATURES[p.name] ?? []) out.add(f);
  }
  return out;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every project with a report, sorted. */
export function knownProjects(): string[] {
  return [...new Set(CONFORMANCE_REPORTS.map(r => r.project))].sort(byText);
}

/** The modes a project published reports in, `default` first. */
export function projectModes(project: string): string[] {
  const modes = [...new Set(CONFORMANCE_REPORTS.filter(r => r.project === project).map(r => r.mode))].sort(byText);
  return modes.includes('default') ? ['default', ...modes.filter(m => m !== 'default')] : modes;
}

function claimsOf(project: string, mode: string): ImplementationClaims {
  const reports = CONFORMANCE_REPORTS.filter(r => r.project === project && r.mode === mode).sort(newerFirst);
  const newest = reports[0];
  // The channel variants of that version: the reports of the same implementation version and Gateway API version.
  const variants = reports.filter(r => r.version === newest.version && r.gatewayAPIVersion === newest.gatewayAPIVersion);
  const claimed = new Set<string>();
  for (const r of variants) for (const f of reportClaims(r)) claimed.add(f);
  return {
    project,
    version: newest.version,
    mode,
    channel: [...new Set(variants.map(r => r.channel))].sort(byText).join('+'),
    gatewayAPIVersion: newest.gatewayAPIVersion,
    date: newest.date,
    sources: variants.map(r => r.source).sort(byText),
    claimed: [...claimed].sort(byText),
  };
}

/**
 * The claims of the implementation `name`: a report's `implementation.project`
 * (its newest report in mode `default`), or `project/mode` for another mode.
 * Throws {@link UnknownImplementationError} naming the valid projects or modes.
 */
export function implementationClaims(name: string): ImplementationClaims {
  const slash = name.lastIndexOf('/');
  const project = slash >= 0 ? name.slice(0, slash) : name;
  const projects = knownProjects();
  if (!projects.includes(project)) {
    throw new UnknownImplementationError(`implementation '${name}': no conformance report of project '${project}'; known projects: ${projects.join(', ')}`);
  }
  const modes = projectModes(project);
  const mode = slash >= 0 ? name.slice(slash + 1) : 'default';
  if (!modes.includes(mode)) {
    const hint = slash >= 0 ? `its reports have mode ${modes.join(', ')}` : `it published no report in mode default; name one of its modes: ${modes.map(m => `${project}/${m}`).join(', ')}`;
    throw new UnknownImplementationError(`implementation '${name}': ${hint}`);
  }
  return claimsOf(project, mode);
}

/** Every implementation of the reports: one entry per project and mode, by project, `default` first. */
export function allImplementationClaims(): ImplementationClaims[] {
  return knownProjects().flatMap(p => projectModes(p).map(m => claimsOf(p, m)));
}

/**
 * Claims given as a list, for an implementation that published no report.
 * Throws {@link UnknownImplementationError} for a name that is not a v1.6.1 SupportedFeature.
 */
export function customClaims(supportedFeatures: readonly string[], what = 'supportedFeatures'): ImplementationClaims {
  const known = new Set(FEATURES.map(f => f.name));
  for (const f of supportedFeatures) {
    if (!known.has(f)) throw new UnknownImplementationError(`${what}: '${f}' is not a SupportedFeature of Gateway API v1.6.1 (docs/compatibility.md lists them, e.g. HTTPRouteQueryParamMatching)`);
  }
  return { project: 'custom', version: '', mode: '', channel: '', gatewayAPIVersion: '', date: '', sources: [], claimed: [...new Set(supportedFeatures)].sort(byText) };
}

/** How a claim set is named in messages: `envoy-gateway v1.9.0 (report for Gateway API v1.6.1, 2026-08-18)`. */
export function describeClaims(c: ImplementationClaims): string {
  if (c.project === 'custom') return 'the given supportedFeatures';
  const mode = c.mode === 'default' ? '' : ` mode ${c.mode}`;
  return `${c.project} ${c.version}${mode} (conformance report for Gateway API ${c.gatewayAPIVersion}, ${c.date.slice(0, 10)})`;
}

/** Why a feature is missing, in the words the issue asks for. */
export function notClaimedPhrase(c: ImplementationClaims): string {
  if (c.project === 'custom') return 'not in the given supportedFeatures';
  return `not claimed by its conformance report (${c.version}, ${c.date.slice(0, 10)})`;
}
