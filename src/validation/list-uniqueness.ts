/**
 * The uniqueness the `x-kubernetes-list-type` markers demand: in a `map` list
 * no two items share the same values of the `x-kubernetes-list-map-keys`
 * fields (e.g. two header matches with the same name), and a `set` list holds
 * each value once. The API server rejects duplicates with "Duplicate value".
 */
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import { formatFieldPath, type PathSegment } from './field-path';
import { additionalSchema, isJsonObject, propertySchema, type SchemaNode } from './structural-schema';
import { workCounters } from './work-counters';

/** Checks every marked list in `value` (already defaulted). */
export function checkListUniqueness(value: unknown, schema: SchemaNode, object: DiagnosticObject | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  walk(value, schema, [], object, out);
  return out;
}

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

/** Whether each schema node has a marked list at or below it (a part of the schema without one is not walked). */
const marked = new WeakMap<SchemaNode, boolean>();

function hasMarkedList(schema: SchemaNode): boolean {
  let found = marked.get(schema);
  if (found === undefined) {
    const listType = schema['x-kubernetes-list-type'];
    const additional = additionalSchema(schema);
    found = listType === 'map' || listType === 'set'
      || (schema.items !== undefined && hasMarkedList(schema.items))
      || Object.values(schema.properties ?? {}).some(hasMarkedList)
      || (additional !== undefined && hasMarkedList(additional));
    marked.set(schema, found);
  }
  return found;
}

/** Walks `value` along `schema`; `at` is the location of `value`, used as a stack. */
function walk(value: unknown, schema: SchemaNode | undefined, at: PathSegment[], object: DiagnosticObject | undefined, out: Diagnostic[]): void {
  if (!schema || !hasMarkedList(schema)) return;
  workCounters.listPlacesVisited++;
  if (Array.isArray(value)) {
    const listType = schema['x-kubernetes-list-type'];
    // A list of one item (a match's one header, a route's one parent) has nothing to repeat: no identities to make.
    if ((listType === 'map' || listType === 'set') && value.length > 1) {
      const keys: readonly string[] = schema['x-kubernetes-list-map-keys'] ?? [];
      const seen = new Map<string, number>();
      value.forEach((item, i) => {
        workCounters.listItemsKeyed++;
        const identity = listType === 'set'
          ? JSON.stringify(item)
          : JSON.stringify(keys.map((k) => (isJsonObject(item) ? item[k] : undefined)));
        const first = seen.get(identity);
        if (first === undefined) {
          seen.set(identity, i);
          return;
        }
        const described = listType === 'set'
          ? `${show(item)} appears twice (items ${first} and ${i}); this list is a set and holds each value once`
          : `items ${first} and ${i} have the same ${keys.map((k) => `${k} ${show(isJsonObject(item) ? item[k] : undefined)}`).join(' and ')}; ` +
            `each ${keys.join(' + ')} may appear only once in this list`;
        out.push({
          code: listType === 'set' ? 'schema/duplicate-item' : 'schema/duplicate-key',
          severity: 'error',
          message: described,
          fix: `remove item ${i} (it repeats item ${first}), or change it`,
          ...(object ? { object } : {}),
          field: formatFieldPath([...at, i]),
        });
      });
    }
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      walk(value[i], schema.items, at, object, out);
      at.pop();
    }
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    at.push(key);
    walk(value[key], propertySchema(schema, key), at, object, out);
    at.pop();
  }
}
