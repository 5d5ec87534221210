/**
 * Validation of one object: is it a served Gateway API kind and version, its
 * metadata, the CRD schema (after the CRD defaults are applied, as the API
 * server does), list uniqueness, every CEL rule, and the single-object route
 * checks.
 */
import { checkServedVersion } from './api-version';
import { validateCel, type CelStats } from './cel-rules';
import { crdFor, GATEWAY_API_GROUP, GATEWAY_API_RELEASE, kindsOf, parseApiVersion } from './crd-data';
import { defaultObject } from './defaults';
import type { Diagnostic, DiagnosticObject, ValidateOptions } from './diagnostic';
import { checkListUniqueness } from './list-uniqueness';
import { checkMetadata } from './metadata';
import { checkHeaderNameCase, checkRouteWeights } from './route-lint';
import { validateSchema } from './schema-validator';
import { isJsonObject } from './structural-schema';
import { workCounters } from './work-counters';

/** Options of `validateObject` beyond the channel. */
export interface ValidateObjectOptions extends ValidateOptions {
  /** Copied into every diagnostic (e.g. `routes.yaml#2` or a construct path). */
  readonly source?: string;
  /** Counters to update (used to measure CEL rule coverage). */
  readonly celStats?: CelStats;
}

/** kind/namespace/name of any object, as far as it has them. */
export function objectIdentity(obj: unknown): DiagnosticObject | undefined {
  if (!isJsonObject(obj) || typeof obj.kind !== 'string') return undefined;
  const meta = isJsonObject(obj.metadata) ? obj.metadata : {};
  return {
    kind: obj.kind,
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
    ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
  };
}

/** Removes absent optional properties and adds the source, so diagnostics compare and print cleanly. */
export function finish(d: Diagnostic, source: string | undefined): Diagnostic {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) if (v !== undefined && v !== '') out[k] = v;
  if (source !== undefined && d.source === undefined) out.source = source;
  return out as unknown as Diagnostic;
}

/**
 * Validates one object. Objects outside the gateway.networking.k8s.io group
 * (Services, Secrets, ...) are not checked here and give no diagnostics.
 */
export function validateObject(obj: unknown, options: ValidateObjectOptions = {}): Diagnostic[] {
  return inspectObject(obj, options).diagnostics;
}

/** What validating one object found, and the object with its defaults (for Gateway API kinds the channel defines). */
export interface ObjectInspection {
  /** The diagnostics, with the source filled in. */
  readonly diagnostics: Diagnostic[];
  /** The defaulted object, when it is a Gateway API kind of the channel. */
  readonly defaulted?: Record<string, unknown>;
}

/** Validates one object and also returns it with the CRD defaults applied. */
export function inspectObject(obj: unknown, options: ValidateObjectOptions = {}): ObjectInspection {
  const { diagnostics, defaulted } = checkOne(obj, options);
  return { diagnostics: diagnostics.map((d) => finish(d, options.source)), ...(defaulted ? { defaulted } : {}) };
}

function checkOne(obj: unknown, options: ValidateObjectOptions): { diagnostics: Diagnostic[]; defaulted?: Record<string, unknown> } {
  const diagnostics = checkShape(obj, options);
  if (!Array.isArray(diagnostics)) return diagnostics;
  return { diagnostics };
}

function checkShape(obj: unknown, options: ValidateObjectOptions): Diagnostic[] | { diagnostics: Diagnostic[]; defaulted: Record<string, unknown> } {
  if (!isJsonObject(obj)) {
    return [{ code: 'object/not-an-object', severity: 'error', message: `a manifest must be a map with apiVersion, kind and metadata, got ${Array.isArray(obj) ? 'a list' : JSON.stringify(obj)}` }];
  }
  const object = objectIdentity(obj);
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    return [{
      code: 'object/missing-type',
      severity: 'error',
      message: `the object has no ${typeof obj.apiVersion !== 'string' ? 'apiVersion' : 'kind'}; every manifest needs apiVersion and kind (e.g. apiVersion: ${GATEWAY_API_GROUP}/v1, kind: HTTPRoute)`,
      ...(object ? { object } : {}),
    }];
  }
  const { group, version } = parseApiVersion(obj.apiVersion);
  if (group !== GATEWAY_API_GROUP) return [];
  const id = object!;
  const crd = crdFor(obj.kind, options);
  if (!crd) {
    return [{
      code: 'api/unknown-kind',
      severity: 'error',
      message: `${GATEWAY_API_GROUP} has no kind '${obj.kind}' in Gateway API ${GATEWAY_API_RELEASE} (${options.channel ?? 'standard'} channel); known kinds: ${kindsOf(options).join(', ')}`,
      object: id,
      field: 'kind',
    }];
  }
  workCounters.objectsValidated++;
  const out: Diagnostic[] = [...checkServedVersion(crd, version, id)];
  const { value, prunedNulls } = defaultObject({ ...obj, apiVersion: `${GATEWAY_API_GROUP}/${crd.version}` }, options);
  const defaulted = value as Record<string, unknown>;
  for (const p of prunedNulls) {
    out.push({
      code: 'schema/null-value',
      severity: 'warning',
      message: `the field is null; the API server drops null fields${p.defaulted ? ' and applies the default' : ''}, so remove it or give it a value`,
      object: id,
      field: p.field,
    });
  }
  out.push(...checkMetadata(defaulted, crd, id));
  const schemaErrors = validateSchema(defaulted, crd, id);
  out.push(...schemaErrors);
  out.push(...checkListUniqueness(defaulted, crd.schema, id));
  out.push(...validateCel(defaulted, crd, id, schemaErrors.map((d) => d.field ?? ''), options.celStats));
  out.push(...checkRouteWeights(defaulted, id));
  out.push(...checkHeaderNameCase(defaulted, id));
  return { diagnostics: out, defaulted: { ...defaulted, apiVersion: obj.apiVersion } };
}
