/**
 * Files cdk8s tooling writes next to the manifests in its output folder that
 * are not Kubernetes objects, recognised by name and exact shape so that a
 * reader of `dist/` can skip them (with a note) while any other document
 * that is not an object stays an error:
 *
 * - `construct-metadata.json`, which `cdk8s synth` writes when a validation
 *   plugin is configured: `{ version, resources: { <name>: { path } } }`;
 * - the validation reports file of `cdk8s synth --validation-reports-output-file`:
 *   `{ reports: [{ summary: { status, plugin, version, ... }, violations: [...] }] }`
 *   (its name is the user's choice, so only its shape identifies it);
 * - `Chart.yaml` of `cdk8s synth --format helm`: `apiVersion: v1|v2`, `name`,
 *   `version`, no `kind`.
 */
import * as path from 'path';
import { isJsonObject } from './structural-schema';

/** What a recognised tooling file is, for the note that says it was skipped; undefined for anything else. */
export function toolingOutputKind(file: string, value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const base = path.basename(file);
  if (base === 'construct-metadata.json' && isConstructMetadata(value)) return 'the construct metadata cdk8s synth records for validation plugins';
  if (isValidationReports(value)) return 'a validation reports file of cdk8s synth (--validation-reports-output-file)';
  if (base === 'Chart.yaml' && isHelmChartFile(value)) return 'the Helm chart file of cdk8s synth --format helm';
  return undefined;
}

function hasExactKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => own.includes(k));
}

function isConstructMetadata(value: Record<string, unknown>): boolean {
  if (!hasExactKeys(value, ['version', 'resources']) || typeof value.version !== 'string' || !isJsonObject(value.resources)) return false;
  return Object.values(value.resources).every((r) => isJsonObject(r) && typeof r.path === 'string');
}

function isValidationReports(value: Record<string, unknown>): boolean {
  if (!hasExactKeys(value, ['reports']) || !Array.isArray(value.reports)) return false;
  return value.reports.every((r) => isJsonObject(r) && Array.isArray(r.violations) && isJsonObject(r.summary) &&
    typeof r.summary.status === 'string' && typeof r.summary.plugin === 'string');
}

function isHelmChartFile(value: Record<string, unknown>): boolean {
  return (value.apiVersion === 'v1' || value.apiVersion === 'v2') && value.kind === undefined &&
    typeof value.name === 'string' && typeof value.version === 'string';
}
