/**
 * Turns a JSON object into the values CEL rules see, as the Kubernetes API
 * server does: integers (schema type `integer`, and numbers in int-or-string
 * fields) become CEL `int` (bigint), objects become maps whose declared
 * property names are escaped when they are CEL reserved words or contain
 * characters CEL identifiers cannot (`namespace` -> `__namespace__`,
 * `a-b` -> `a__dash__b`), map keys stay as they are, and fields the schema
 * does not declare are left out (the server prunes them).
 */
import { isJsonObject, type SchemaNode } from './structural-schema';

const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

const escaped = new Map<string, string>();

/** The name under which a CEL rule sees property `name` (Kubernetes escaping rules). */
export function escapeCelPropertyName(name: string): string {
  let out = escaped.get(name);
  if (out === undefined) {
    out = escapeName(name);
    escaped.set(name, out);
  }
  return out;
}

function escapeName(name: string): string {
  if (RESERVED.has(name)) return `__${name}__`;
  return name
    .replace(/__/g, '__underscores__')
    .replace(/\./g, '__dot__')
    .replace(/-/g, '__dash__')
    .replace(/\//g, '__slash__');
}

/** A value in the form the CEL engine takes. */
export type CelInputValue = bigint | number | string | boolean | null | CelInputValue[] | Map<string, CelInputValue>;

/** Converts `value` (validated against `schema`) to CEL input. */
export function toCelValue(value: unknown, schema: SchemaNode | undefined): CelInputValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const integral = schema?.type === 'integer' || schema?.['x-kubernetes-int-or-string'] === true;
    return integral && Number.isInteger(value) ? BigInt(value) : value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => toCelValue(item, schema?.items));
  if (!isJsonObject(value)) return null;
  const out = new Map<string, CelInputValue>();
  const props: Record<string, SchemaNode> | undefined = schema?.properties;
  const additional = isJsonObject(schema?.additionalProperties) ? (schema!.additionalProperties as SchemaNode) : undefined;
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    if (props && Object.prototype.hasOwnProperty.call(props, key)) {
      out.set(escapeCelPropertyName(key), toCelValue(child, props[key]));
    } else if (additional) {
      out.set(key, toCelValue(child, additional));
    } else if (!props || schema?.['x-kubernetes-preserve-unknown-fields']) {
      out.set(key, toCelValue(child, undefined));
    }
  }
  return out;
}
