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
import { isJsonObject, type SchemaNode } from './structural-schema';

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
  const copy = cloneJson(obj);
  const prunedNulls: PrunedNull[] = [];
  if (crd) defaultNode(copy, crd.schema, [], prunedNulls);
  return { value: copy, prunedNulls };
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
  const props: Record<string, SchemaNode> = schema.properties ?? {};
  const additional = isJsonObject(schema.additionalProperties) ? (schema.additionalProperties as SchemaNode) : undefined;
  for (const key of Object.keys(value)) {
    const childSchema = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : additional;
    if (value[key] === null && childSchema && !childSchema.nullable) {
      delete value[key];
      pruned.push({ field: formatFieldPath([...at, key]), defaulted: childSchema.default !== undefined && childSchema !== additional });
    }
  }
  for (const key of Object.keys(props)) {
    const d = props[key].default;
    if (d !== undefined && value[key] === undefined) value[key] = typeof d === 'object' && d !== null ? cloneJson(d) : d;
  }
  for (const key of Object.keys(value)) {
    const childSchema = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : additional;
    if (!childSchema) continue;
    at.push(key);
    defaultNode(value[key], childSchema, at, pruned);
    at.pop();
  }
}
