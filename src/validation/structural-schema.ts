/**
 * Reading the Kubernetes structural schemas carried in the generated CRD data:
 * walking to the schema node of a field, and the "unknown fields are errors"
 * form of a schema used for strict validation.
 */

/** A node of an OpenAPI v3 structural schema (the fields this code reads; every other keyword as `unknown`). */
export interface SchemaNode {
  /** JSON type. @default - any type */
  readonly 'type'?: string;
  /** Declared properties of an object node. @default - none */
  readonly 'properties'?: { readonly [key: string]: SchemaNode };
  /** Schema of the items of an array node. @default - none */
  readonly 'items'?: SchemaNode;
  /** Schema of the values of a map node, or whether unknown properties are allowed. @default - unknown properties are pruned */
  readonly 'additionalProperties'?: SchemaNode | boolean;
  /** How a list is merged: `atomic`, `set` or `map`. @default 'atomic' */
  readonly 'x-kubernetes-list-type'?: string;
  /** The key fields of a `map` list. @default - none */
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  /** Keep unknown fields. @default false */
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** Every other schema keyword. */
  readonly [key: string]: unknown;
}

/**
 * Returns a copy of `schema` where every object node that lists `properties`
 * (outside `oneOf`/`anyOf`/`allOf`/`not` branches, which only add constraints)
 * rejects properties it does not list, unless it says
 * `x-kubernetes-preserve-unknown-fields` or has `additionalProperties`.
 * The API server would prune such fields silently (or reject them under strict
 * field validation, which `kubectl` uses by default); we report them.
 */
export function closeUnknownFields(schema: SchemaNode): SchemaNode {
  const visit = (node: SchemaNode): SchemaNode => {
    const out: Record<string, unknown> = { ...node };
    if (node.properties) {
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, visit(v as SchemaNode)]));
      if (node.additionalProperties === undefined && !node['x-kubernetes-preserve-unknown-fields']) {
        out.additionalProperties = false;
      }
    }
    if (node.items && typeof node.items === 'object') out.items = visit(node.items);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      out.additionalProperties = visit(node.additionalProperties);
    }
    return out;
  };
  return visit(schema);
}

/** True when `value` is a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The schema of the keys an object schema does not declare (a map's values); undefined when it has none. */
export function additionalSchema(schema: SchemaNode): SchemaNode | undefined {
  return isJsonObject(schema.additionalProperties) ? (schema.additionalProperties as SchemaNode) : undefined;
}

/** The schema of the value at `key` of an object `schema` describes: its declared property, else the additional one. */
export function propertySchema(schema: SchemaNode, key: string): SchemaNode | undefined {
  return schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, key) ? schema.properties[key] : additionalSchema(schema);
}
