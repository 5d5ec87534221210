// Generates generated/compat.ts: the SupportedFeature names of Gateway API v1.6.1 (from pkg/features, the Go
// sources in features/*.go) and the conformance reports implementations published (conformance-reports/v1.x/),
// reduced to what the compatibility checks read. The Go sources are read as text: each feature is a
// `Support... FeatureName = "Name"` constant, a `X = Feature{Name: ..., Channel: ...}` variable, and a member of
// one `sets.New(...)` set whose name gives the kind and whether it is core or extended.
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** One SupportedFeature of v1.6.1. */
export interface FeatureRecord {
  readonly name: string;
  readonly channel: 'standard' | 'experimental';
  /** The kind (or `Mesh`) whose feature set holds it, from the set's name. */
  readonly kind: string;
  readonly level: 'core' | 'extended';
}

/** One profile of a report. */
export interface ProfileRecord {
  readonly name: string;
  /** The result of the core tests (`success`, `partial`, `failure`). */
  readonly core: string;
  readonly supported: readonly string[];
  readonly unsupported: readonly string[];
}

/** One conformance report. */
export interface ReportRecord {
  readonly project: string;
  readonly version: string;
  readonly mode: string;
  readonly channel: string;
  readonly gatewayAPIVersion: string;
  readonly date: string;
  /** The report's file, relative to conformance-reports/. */
  readonly source: string;
  readonly profiles: readonly ProfileRecord[];
}

/** Reads every feature of features/*.go. */
export function readFeatures(featuresDir: string): FeatureRecord[] {
  const files = fs.readdirSync(featuresDir).filter(f => f.endsWith('.go')).sort();
  const text = files.map(f => fs.readFileSync(path.join(featuresDir, f), 'utf8').replace(/\/\/[^\n]*/g, '')).join('\n');
  const constants = new Map<string, string>();
  for (const m of text.matchAll(/\b(Support\w+)\s+(?:FeatureName\s+)?=\s+"([^"]+)"/g)) constants.set(m[1], m[2]);
  const channels: Record<string, 'standard' | 'experimental'> = { FeatureChannelStandard: 'standard', FeatureChannelExperimental: 'experimental' };
  const variables = new Map<string, { name: string; channel: 'standard' | 'experimental' }>();
  for (const m of text.matchAll(/\b(\w+)\s*=\s*Feature\{\s*Name:\s*(\w+),\s*Channel:\s*(\w+),?\s*\}/g)) {
    const name = constants.get(m[2]);
    const channel = channels[m[3]];
    if (!name || !channel) throw new Error(`features: ${m[1]} names ${m[2]} / ${m[3]}, which are not declared`);
    variables.set(m[1], { name, channel });
  }
  const out = new Map<string, FeatureRecord>();
  for (const m of text.matchAll(/\bvar\s+(\w+)\s*=\s*sets\.New\(([^)]*)\)/g)) {
    const set = m[1];
    const level = /CoreFeatures$/.test(set) ? 'core' : 'extended';
    const kind = set.replace(/(Core|Extended)?Features$/, '');
    for (const member of m[2].split(',').map(s => s.trim()).filter(Boolean)) {
      const feature = variables.get(member);
      if (!feature) throw new Error(`features: set ${set} holds ${member}, which is not a Feature`);
      if (out.has(feature.name)) throw new Error(`features: ${feature.name} is in two sets`);
      out.set(feature.name, { name: feature.name, channel: feature.channel, kind, level });
    }
  }
  for (const [variable, feature] of variables) {
    if (!out.has(feature.name)) throw new Error(`features: ${variable} (${feature.name}) is in no feature set`);
  }
  return [...out.values()].sort((a, b) => byText(a.name, b.name));
}

function str(value: unknown, file: string, field: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new Error(`conformance report ${file}: ${field} is ${JSON.stringify(value)}, expected a non-empty string`);
}

function names(value: unknown, file: string, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) throw new Error(`conformance report ${file}: ${field} must be a list of feature names`);
  return [...value].sort();
}

/** Reads every ConformanceReport under `reportsDir` (one folder per Gateway API minor, one per implementation). */
export function readReports(reportsDir: string): ReportRecord[] {
  const out: ReportRecord[] = [];
  for (const minor of fs.readdirSync(reportsDir).sort()) {
    for (const impl of fs.readdirSync(path.join(reportsDir, minor)).sort()) {
      const dir = path.join(reportsDir, minor, impl);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort()) {
        const source = `${minor}/${impl}/${file}`;
        const doc = YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
        if (!doc || doc.kind !== 'ConformanceReport') throw new Error(`conformance report ${source}: kind is ${JSON.stringify(doc?.kind)}, expected ConformanceReport`);
        const profiles: ProfileRecord[] = (Array.isArray(doc.profiles) ? doc.profiles : []).map((p: any, i: number) => ({
          name: str(p?.name, source, `profiles[${i}].name`),
          core: str(p?.core?.result, source, `profiles[${i}].core.result`),
          supported: names(p?.extended?.supportedFeatures, source, `profiles[${i}].extended.supportedFeatures`),
          unsupported: names(p?.extended?.unsupportedFeatures, source, `profiles[${i}].extended.unsupportedFeatures`),
        }));
        profiles.sort((a, b) => byText(a.name, b.name));
        out.push({
          project: str(doc.implementation?.project, source, 'implementation.project'),
          version: str(String(doc.implementation?.version ?? ''), source, 'implementation.version'),
          mode: str(doc.mode, source, 'mode'),
          channel: str(doc.gatewayAPIChannel, source, 'gatewayAPIChannel'),
          gatewayAPIVersion: str(doc.gatewayAPIVersion, source, 'gatewayAPIVersion'),
          date: str(doc.date, source, 'date'),
          source,
          profiles,
        });
      }
    }
  }
  return out;
}

/** The text of generated/compat.ts from the v1.6.1 folder holding features/ and conformance-reports/. */
export function generateCompat(sourceDir: string): string {
  for (const sub of ['features', 'conformance-reports']) {
    if (!fs.existsSync(path.join(sourceDir, sub))) throw new Error(`${sub} folder not found: ${path.join(sourceDir, sub)} (generated/compat.ts is made from features/*.go and conformance-reports/ of the folder above --crds)`);
  }
  const features = readFeatures(path.join(sourceDir, 'features'));
  const reports = readReports(path.join(sourceDir, 'conformance-reports'));
  const lines = [
    '// Generated by scripts/gen from Gateway API v1.6.1 pkg/features (features/*.go) and the published conformance',
    '// reports (conformance-reports/): feature names and what each report claims. Do not edit: run `npx projen gen`.',
    '/* eslint-disable */',
    '',
    '/** One SupportedFeature of Gateway API v1.6.1: name, channel, the kind whose feature set holds it, core or extended. */',
    'export interface FeatureData {',
    '  readonly name: string;',
    "  readonly channel: 'standard' | 'experimental';",
    '  readonly kind: string;',
    "  readonly level: 'core' | 'extended';",
    '}',
    '',
    '/** One conformance profile of a report: its core result and the extended features it lists. */',
    'export interface ConformanceProfileData {',
    '  readonly name: string;',
    '  readonly core: string;',
    '  readonly supported: readonly string[];',
    '  readonly unsupported: readonly string[];',
    '}',
    '',
    '/** One published ConformanceReport, reduced to what compatibility checks read. */',
    'export interface ConformanceReportData {',
    '  readonly project: string;',
    '  readonly version: string;',
    '  readonly mode: string;',
    '  readonly channel: string;',
    '  readonly gatewayAPIVersion: string;',
    '  readonly date: string;',
    '  readonly source: string;',
    '  readonly profiles: readonly ConformanceProfileData[];',
    '}',
    '',
    '/** Every SupportedFeature of v1.6.1, by name. */',
    'export const FEATURES: readonly FeatureData[] = [',
    ...features.map(f => `  ${JSON.stringify(f)},`),
    '];',
    '',
    '/** The conformance reports of conformance-reports/v1.5 and v1.6. */',
    'export const CONFORMANCE_REPORTS: readonly ConformanceReportData[] = [',
    ...reports.map(r => `  ${JSON.stringify(r)},`),
    '];',
    '',
  ];
  return lines.join('\n');
}

/** Code-unit order: the same on every machine and locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
