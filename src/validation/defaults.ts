/**
 * CRD defaulting as the Kubernetes API server does it: before validation, a
 * property that is absent from an object that exists gets the schema's
 * `default` (a deep copy), and defaulting then continues inside that value;
 * this applies at every depth, inside array items and map values alike.
 * Properties set to `null` in an object are pruned first (none of the
 * Gateway API fields is nullable), so they get the default too.
 */
import { crdFor } from './crd-data';
import type { ValidateOptions } from './diagnostic';
import { formatFieldPath, type PathSegment } from './field-path';
import { cloneJson } from './json-clone';
import { additionalSchema, isJsonObject, propertySchema, type SchemaNode } from './structural-schema';
import { workCounters } from './work-counters';

/** Fields pruned because they were `null`, reported by `defaultObject`. */
export interface PrunedNull {
  /** Location of the pruned field. */
  readonly field: string;
  /** True when a schema default replaced it. */
  readonly defaulted: boolean;
}

/**
 * Applies the CRD schema defaults of the object's kind to a copy of `obj` and
 * returns it. Objects of kinds the selected channel does not define (and
 * non-objects) come back unchanged (as a copy).
 */
export function applyDefaults(obj: unknown, options?: ValidateOptions): unknown {
  return defaultObject(obj, options).value;
}

/** Like `applyDefaults`, also reporting which `null` fields were pruned. */
export function defaultObject(obj: unknown, options?: ValidateOptions): { value: unknown; prunedNulls: PrunedNull[] } {
  const kind = isJsonObject(obj) && typeof obj.kind === 'string' ? obj.kind : undefined;
  const crd = kind ? crdFor(kind, options) : undefined;
  const prunedNulls: PrunedNull[] = [];
  const copy = crd ? copyWithDefaults(obj, crd.schema, [], prunedNulls) : cloneJson(obj);
  return { value: copy, prunedNulls };
}

/**
 * A copy of `value` with the defaults of `schema` applied: what `cloneJson`
 * followed by `defaultNode` gives (the same keys in the same order, the same
 * pruned fields in the same order), in one walk that makes no object it
 * throws away.
 */
export function copyWithDefaults(value: unknown, schema: SchemaNode | undefined, at: PathSegment[], pruned: PrunedNull[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (!schema) return cloneJson(value);
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      out[i] = copyWithDefaults(value[i], schema.items, at, pruned);
      at.pop();
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // Not JSON (a Date, a class instance): copied as cloneJson copies it, then defaulted in place.
    const copy = cloneJson(value);
    defaultNode(copy, schema, at, pruned);
    return copy;
  }
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  // Nulls are pruned (and reported) before anything below this place, as defaultNode does.
  let dropped: Set<string> | undefined;
  for (const key of keys) {
    const p = source[key] === null ? prunedNull(schema, key, at) : undefined;
    if (p) {
      (dropped ??= new Set()).add(key);
      pruned.push(p);
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (dropped?.has(key)) continue;
    at.push(key);
    out[key] = copyWithDefaults(source[key], propertySchema(schema, key), at, pruned);
    at.pop();
  }
  for (const [key, propSchema] of propertiesWithDefaults(schema)) {
    workCounters.defaultPropertiesChecked++;
    if (out[key] !== undefined) continue;
    at.push(key);
    out[key] = copyWithDefaults(propSchema.default, propSchema, at, pruned);
    at.pop();
  }
  return out;
}

/** Each schema node's properties that have a default, in declaration order. */
const withDefaults = new WeakMap<SchemaNode, ReadonlyArray<readonly [string, SchemaNode]>>();

/**
 * The properties of `schema` that have a default, in declaration order (listed
 * once per schema node: most properties have none, and every object of every
 * manifest was checked against all of them).
 */
function propertiesWithDefaults(schema: SchemaNode): ReadonlyArray<readonly [string, SchemaNode]> {
  let list = withDefaults.get(schema);
  if (list === undefined) {
    list = Object.entries(schema.properties ?? {}).filter(([, propSchema]) => propSchema.default !== undefined);
    withDefaults.set(schema, list);
  }
  return list;
}

/**
 * How a null at `key` is reported when the API server prunes it (the field is
 * in the schema and not nullable), with whether a default replaces it; undefined
 * when the null stays.
 */
function prunedNull(schema: SchemaNode, key: string, at: readonly PathSegment[]): PrunedNull | undefined {
  const childSchema = propertySchema(schema, key);
  if (!childSchema || childSchema.nullable) return undefined;
  return { field: formatFieldPath([...at, key]), defaulted: childSchema.default !== undefined && childSchema !== additionalSchema(schema) };
}

/** Applies the defaults of `schema` inside `value` (mutating it); `at` is the location of `value` (used as a stack). */
export function defaultNode(value: unknown, schema: SchemaNode | undefined, at: PathSegment[], pruned: PrunedNull[]): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      defaultNode(value[i], schema.items, at, pruned);
      at.pop();
    }
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const p = value[key] === null ? prunedNull(schema, key, at) : undefined;
    if (p) {
      delete value[key];
      pruned.push(p);
    }
  }
  for (const [key, propSchema] of propertiesWithDefaults(schema)) {
    workCounters.defaultPropertiesChecked++;
    const d = propSchema.default;
    if (value[key] === undefined) value[key] = typeof d === 'object' && d !== null ? cloneJson(d) : d;
  }
  for (const key of Object.keys(value)) {
    const childSchema = propertySchema(schema, key);
    if (!childSchema) continue;
    at.push(key);
    defaultNode(value[key], childSchema, at, pruned);
    at.pop();
  }
}
