/**
 * Validation of one object: is it a served Gateway API kind and version, its
 * metadata, the CRD schema (after the CRD defaults are applied, as the API
 * server does), list uniqueness, every CEL rule, and the single-object route
 * checks.
 */
import { checkExperimentalGroupKind, checkServedVersion, EXPERIMENTAL_API_GROUP, olderVersionNote } from './api-version';
import { validateCel, type CelStats } from './cel-rules';
import { channelOf, crdFor, GATEWAY_API_GROUP, GATEWAY_API_RELEASE, kindsOf, parseApiVersion } from './crd-data';
import { defaultNode, defaultObject, type PrunedNull } from './defaults';
import type { Diagnostic, DiagnosticObject, ValidateOptions } from './diagnostic';
import { checkListUniqueness } from './list-uniqueness';
import { checkMetadata } from './metadata';
import { checkWellKnownCaCertificates } from './policy-lint';
import { lintRoute } from './route-lint';
import { validateSchema } from './schema-validator';
import { readAsCurrentVersion, servedVersionData } from './served-versions';
import { isJsonObject } from './structural-schema';
import { workCounters } from './work-counters';

/** Core kinds that are cluster-scoped (a namespace on them has no effect). */
const CLUSTER_SCOPED_CORE_KINDS = new Set(['Namespace', 'Node', 'PersistentVolume']);

/** Options of `validateObject` beyond the channel. */
export interface ValidateObjectOptions extends ValidateOptions {
  /** Copied into every diagnostic (e.g. `routes.yaml#2` or a construct path). @default - diagnostics carry no source */
  readonly source?: string;
  /** Counters to update (used to measure CEL rule coverage). @default - no counters are updated */
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
 * (Services, Secrets, ...) get only the metadata checks every Kubernetes
 * object gets.
 */
export function validateObject(obj: unknown, options: ValidateObjectOptions = {}): Diagnostic[] {
  return inspectObject(obj, options).diagnostics;
}

/** What validating one object found, and the object with its defaults (for Gateway API kinds the channel defines). */
interface ObjectInspection {
  /** The diagnostics, with the source filled in. */
  readonly diagnostics: Diagnostic[];
  /** The defaulted object, when it is a Gateway API kind of the channel. @default - absent when the object is not a Gateway API kind of the channel */
  readonly defaulted?: Record<string, unknown>;
}

/** No schema error fields (most objects have no schema error). */
const NO_FIELDS: readonly string[] = Object.freeze([]);

/** Appends `items` to `out` (each check returns a list, most of them empty). */
function pushAll(out: Diagnostic[], items: readonly Diagnostic[]): void {
  for (let i = 0; i < items.length; i++) out.push(items[i]);
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
      field: typeof obj.apiVersion !== 'string' ? 'apiVersion' : 'kind',
    }];
  }
  const { group, version } = parseApiVersion(obj.apiVersion);
  if (group === EXPERIMENTAL_API_GROUP) {
    const x = checkExperimentalGroupKind(obj.kind, object!);
    if (x) return [x];
  }
  // Every Kubernetes object has the same metadata rules; beyond them, only Gateway API kinds are checked here.
  if (group !== GATEWAY_API_GROUP) return checkMetadata(obj, { kind: obj.kind, scope: CLUSTER_SCOPED_CORE_KINDS.has(obj.kind) && group === '' ? 'Cluster' : undefined }, object!);
  const id = object!;
  const crd = crdFor(obj.kind, options);
  if (!crd) {
    return [{
      code: 'api/unknown-kind',
      severity: 'error',
      message: `${GATEWAY_API_GROUP} has no kind '${obj.kind}' in Gateway API ${GATEWAY_API_RELEASE} (${channelOf(options)} channel); known kinds: ${kindsOf(options).join(', ')}`,
      object: id,
      field: 'kind',
    }];
  }
  workCounters.objectsValidated++;
  // An older version the CRD serves is checked against its own schema and CEL rules, then read as the current one.
  const older = version !== crd.version ? servedVersionData(crd, version) : undefined;
  const data = older ?? crd;
  const out: Diagnostic[] = [];
  let defaulted: Record<string, unknown>;
  let prunedNulls: PrunedNull[];
  if (older) {
    defaulted = structuredClone(obj);
    prunedNulls = [];
    defaultNode(defaulted, older.schema, [], prunedNulls);
  } else {
    pushAll(out, checkServedVersion(crd, version, id));
    // The object is at the CRD's current version here (its group is Gateway API's and its version the CRD's), so it
    // is defaulted as it is: defaultObject copies it.
    const d = defaultObject(obj, options);
    defaulted = d.value as Record<string, unknown>;
    prunedNulls = d.prunedNulls;
  }
  for (const p of prunedNulls) {
    out.push({
      code: 'schema/null-value',
      severity: 'warning',
      message: `the field is null; the API server drops null fields${p.defaulted ? ' and applies the default' : ''}, so remove it or give it a value`,
      object: id,
      field: p.field,
    });
  }
  pushAll(out, checkMetadata(defaulted, crd, id));
  const schemaErrors = validateSchema(defaulted, data, id);
  const schemaErrorFields = schemaErrors.length === 0 ? NO_FIELDS : schemaErrors.map((d) => d.field ?? '');
  pushAll(out, schemaErrors);
  pushAll(out, checkListUniqueness(defaulted, data.schema, id));
  pushAll(out, validateCel(defaulted, data, id, schemaErrorFields, options.celStats));
  let current = defaulted;
  if (older) {
    const read = readAsCurrentVersion(defaulted, crd);
    out.unshift(olderVersionNote(crd, version, id, read.dropped, read.defaulted));
    current = { ...read.value, apiVersion: `${GATEWAY_API_GROUP}/${crd.version}` };
  }
  pushAll(out, lintRoute(current, id, schemaErrorFields));
  pushAll(out, checkWellKnownCaCertificates(current, id, schemaErrorFields));
  return { diagnostics: out, defaulted: current };
}
