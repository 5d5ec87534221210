import { SchemaNode } from './crd';

/**
 * A path inside a schema, written the way the rest of the project writes it:
 * `spec.rules[].matches[].path`, with `[]` for array items and `{}` for the
 * values of a map (additionalProperties).
 */
export type SchemaPath = string;

export function childPath(parent: SchemaPath, property: string): SchemaPath {
  return parent === '' ? property : `${parent}.${property}`;
}

/** Visits every node of a schema depth-first, parents before children, properties in declared order. */
export function walkSchema(node: SchemaNode, visit: (node: SchemaNode, path: SchemaPath) => void, path: SchemaPath = ''): void {
  visit(node, path);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    walkSchema(child as SchemaNode, visit, childPath(path, name));
  }
  if (node.items && typeof node.items === 'object') {
    walkSchema(node.items, visit, `${path}[]`);
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    walkSchema(node.additionalProperties, visit, `${path}{}`);
  }
}

/** A deep copy of a schema without the keys `drop` names, at any depth. Property names are never dropped. */
export function withoutKeys(node: any, drop: ReadonlySet<string>): any {
  if (Array.isArray(node)) return node.map(n => withoutKeys(n, drop));
  if (node === null || typeof node !== 'object') return node;
  const out: any = {};
  for (const [key, value] of Object.entries(node)) {
    if (drop.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([p, s]) => [p, withoutKeys(s, drop)]));
    } else {
      out[key] = withoutKeys(value, drop);
    }
  }
  return out;
}

/** JSON with object keys sorted, for structural hashing. */
export function canonicalJson(value: any): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}
