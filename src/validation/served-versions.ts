/**
 * Older versions the v1.6.1 CRDs still serve (TLSRoute v1alpha2 and
 * v1alpha3 in the experimental channel, HTTPRoute v1beta1, ...), as the API
 * server serves them: an object written at such a version is validated
 * against that version's own schema and CEL rules, stored, and read back as
 * v1 (the CRDs convert with strategy None, so fields v1 does not define are
 * dropped and v1's defaults applied).
 */
import { defaultNode } from './defaults';
import { formatFieldPath, type PathSegment } from './field-path';
import { isJsonObject, type SchemaNode } from './structural-schema';
import type { CrdValidationData } from '../../generated';

const cache = new WeakMap<CrdValidationData, Map<string, CrdValidationData>>();

/**
 * The validation data of `version` of a kind: `crd` itself for its own
 * version, the data of an older version the CRD serves in this channel, or
 * undefined for a version it does not serve. The same object is returned for
 * the same version (compiled CEL rules are cached by it).
 */
export function servedVersionData(crd: CrdValidationData, version: string): CrdValidationData | undefined {
  if (version === crd.version) return crd;
  const older = crd.olderVersions?.[version];
  if (!older) return undefined;
  let byVersion = cache.get(crd);
  if (!byVersion) {
    byVersion = new Map();
    cache.set(crd, byVersion);
  }
  let data = byVersion.get(version);
  if (!data) {
    data = { ...crd, version, schema: older.schema, rules: older.rules, olderVersions: undefined };
    byVersion.set(version, data);
  }
  return data;
}

/** An older-version object as it reads at the current version, and what reading it changed. */
interface CurrentVersionRead {
  /** The object shaped by the current version's schema, with its defaults. */
  readonly value: Record<string, unknown>;
  /** Fields the current version does not define (dropped). */
  readonly dropped: string[];
  /** Fields the current version's defaults added. */
  readonly defaulted: string[];
}

/** Reads `obj` (valid at an older served version) as `crd.version`: drops unknown fields, applies defaults. */
export function readAsCurrentVersion(obj: Record<string, unknown>, crd: CrdValidationData): CurrentVersionRead {
  const dropped: string[] = [];
  const pruned = prune(obj, crd.schema as SchemaNode, [], dropped) as Record<string, unknown>;
  const value = structuredClone(pruned);
  defaultNode(value, crd.schema as SchemaNode, [], []);
  const defaulted: string[] = [];
  added(pruned, value, [], defaulted);
  return { value, dropped, defaulted };
}

function prune(value: unknown, schema: SchemaNode | undefined, at: PathSegment[], dropped: string[]): unknown {
  if (!schema) return value;
  if (Array.isArray(value)) return value.map((v, i) => prune(v, schema.items, [...at, i], dropped));
  if (!isJsonObject(value)) return value;
  const props: Record<string, SchemaNode> | undefined = schema.properties;
  const additional = isJsonObject(schema.additionalProperties) ? (schema.additionalProperties as SchemaNode) : undefined;
  // An object without declared properties (metadata, maps) keeps every key.
  if (!props || schema['x-kubernetes-preserve-unknown-fields']) {
    return additional ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, prune(v, additional, [...at, k], dropped)])) : value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (Object.prototype.hasOwnProperty.call(props, k)) out[k] = prune(v, props[k], [...at, k], dropped);
    else if (additional) out[k] = prune(v, additional, [...at, k], dropped);
    else dropped.push(formatFieldPath([...at, k]));
  }
  return out;
}

/** Paths present in `after` but not in `before` (the outermost of each added subtree). */
function added(before: unknown, after: unknown, at: PathSegment[], out: string[]): void {
  if (Array.isArray(after) && Array.isArray(before)) {
    after.forEach((v, i) => added(before[i], v, [...at, i], out));
    return;
  }
  if (!isJsonObject(after) || !isJsonObject(before)) return;
  for (const [k, v] of Object.entries(after)) {
    if (!Object.prototype.hasOwnProperty.call(before, k)) out.push(`${formatFieldPath([...at, k])}=${JSON.stringify(v)}`);
    else added(before[k], v, [...at, k], out);
  }
}
