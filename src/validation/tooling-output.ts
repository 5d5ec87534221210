/**
 * Documents that are not Kubernetes manifests, which every reader of
 * manifest text skips (the command line with a note): see
 * {@link nonManifestKind}. First, files cdk8s tooling writes next to the
 * manifests in its output folder, recognised by name and exact shape
 * ({@link toolingOutputKind}):
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

/** The name of the command line's config file (src/cli/config.ts), recognised here so that reading a repository root skips it. */
export const CONFIG_FILE_NAME = '.cdk8s-gateway.yaml';

/**
 * What a document that is not a Kubernetes manifest is, for the note that
 * says it was skipped; undefined for a document to read as an object. Skipped
 * are: cdk8s tooling output ({@link toolingOutputKind}); kustomize files
 * (`apiVersion: kustomize.config.k8s.io/...`: a Kustomization or a Component,
 * which kustomize reads and never sends to a cluster); and every map with
 * neither `apiVersion` nor `kind` (Helm values, a routing spec of
 * `cdk8s-gateway test`, the config file, CI files), named when recognised.
 * A map with only one of the two is kept: it is most likely a manifest with
 * a mistake, which validation reports (`object/missing-type`). Lists,
 * scalars and null are never skipped here.
 */
export function nonManifestKind(file: string, value: unknown): string | undefined {
  const tooling = toolingOutputKind(file, value);
  if (tooling || !isJsonObject(value)) return tooling;
  if (typeof value.apiVersion === 'string' && value.apiVersion.startsWith('kustomize.config.k8s.io/')) {
    return `a kustomize ${typeof value.kind === 'string' ? value.kind : 'file'} (${value.apiVersion})`;
  }
  if (value.apiVersion !== undefined || value.kind !== undefined) return undefined;
  if (path.basename(file) === CONFIG_FILE_NAME) return 'the cdk8s-gateway config file';
  if (Array.isArray(value.tests)) return 'a routing spec of cdk8s-gateway test';
  return 'a document with neither apiVersion nor kind (Helm values, a CI or tool configuration, ...)';
}

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
