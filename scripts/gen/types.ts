import { compile } from 'json-schema-to-typescript';
import { Kind, LoadedCrd, SchemaNode } from './crd';
import { fieldTypeName, referenceLink, tableName } from './naming';
import { canonicalJson, SchemaPath } from './schema-walk';

/** Schema keys that shape the TypeScript type; everything else (limits, patterns, CEL, defaults, prose) is dropped for the types. */
const TYPE_KEYS = new Set(['type', 'properties', 'required', 'items', 'enum', 'additionalProperties', 'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'nullable']);

interface Occurrence {
  readonly kind: Kind;
  readonly path: SchemaPath;
  readonly node: SchemaNode;
  readonly hash: string;
  readonly table?: string;
  /** Path of the nearest ancestor object that gets a name, and the field leading here. */
  readonly parentPath?: SchemaPath;
  readonly field?: string;
  readonly arrayItem: boolean;
}

/** One named TypeScript type and the module it lands in. */
export interface NamedType {
  readonly name: string;
  readonly hash: string;
  readonly node: SchemaNode;
  readonly kinds: ReadonlySet<Kind>;
  /** `common` or the kind that owns it. */
  readonly module: 'common' | Kind;
  readonly tableNamed: boolean;
}

export interface TypePlan {
  readonly types: NamedType[];
  /** The type name of every object node, by `${kind} ${path}`. */
  readonly nameAt: Map<string, string>;
  /** The type name of every object node, by node identity. */
  readonly nameOfNode: Map<SchemaNode, string>;
}

function isNamedObject(node: SchemaNode): boolean {
  return node.type === 'object' && node.properties && Object.keys(node.properties).length > 0;
}

function typeShape(node: any): any {
  if (Array.isArray(node)) return node.map(typeShape);
  if (node === null || typeof node !== 'object') return node;
  const out: any = {};
  for (const [key, value] of Object.entries(node)) {
    if (!TYPE_KEYS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([p, s]) => [p, typeShape(s)]));
    } else {
      out[key] = typeShape(value);
    }
  }
  return out;
}

/** Finds every object node of spec and status in every CRD, and decides names and modules. */
export function planTypes(crds: readonly LoadedCrd[]): TypePlan {
  const occurrences: Occurrence[] = [];
  for (const crd of crds) {
    const visit = (node: SchemaNode, path: SchemaPath, parentPath: SchemaPath | undefined, field: string | undefined, arrayItem: boolean) => {
      let nextParent = parentPath;
      if (isNamedObject(node)) {
        occurrences.push({
          kind: crd.kind, path, node, hash: canonicalJson(typeShape(node)),
          table: tableName(crd.kind, path), parentPath, field, arrayItem,
        });
        nextParent = path;
      }
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        visit(child as SchemaNode, path === '' ? name : `${path}.${name}`, nextParent, isNamedObject(node) ? name : `${field}.${name}`, false);
      }
      if (node.items) visit(node.items, `${path}[]`, nextParent, field, true);
      if (node.additionalProperties && typeof node.additionalProperties === 'object') {
        visit(node.additionalProperties, `${path}{}`, nextParent, `${field}Value`, false);
      }
    };
    for (const root of ['spec', 'status']) {
      const node = crd.schema.properties?.[root];
      if (node) visit(node, root, undefined, root, false);
    }
  }

  // A node named in the table is its own type; structurally equal nodes with
  // different table names stay distinct (HTTPHeaderMatch vs HTTPQueryParamMatch).
  // A node without a table name reuses the type of an equal named node if one
  // exists, else it is named after its parent type and field.
  const tableByHash = new Map<string, string>();
  for (const o of occurrences) if (o.table && !tableByHash.has(o.hash)) tableByHash.set(o.hash, o.table);
  const keyOf = new Map<Occurrence, string>();
  const hashOfName = new Map<string, string>();
  const tableNamed = new Set<string>();
  for (const o of occurrences) {
    if (!o.table) continue;
    const previous = hashOfName.get(o.table);
    if (previous !== undefined && previous !== o.hash) {
      throw new Error(`naming table: '${o.table}' names two different structures (at ${o.kind} ${o.path}); give one a distinct name`);
    }
    hashOfName.set(o.table, o.hash);
    keyOf.set(o, o.table);
    tableNamed.add(o.table);
  }
  const nameAt = new Map<string, string>();
  const nameOfNode = new Map<SchemaNode, string>();
  const fallbackOfHash = new Map<string, string>();
  for (const o of occurrences) {
    let name = keyOf.get(o) ?? tableByHash.get(o.hash) ?? fallbackOfHash.get(o.hash);
    if (name === undefined) {
      const parentName = o.parentPath === undefined ? o.kind : nameAt.get(`${o.kind} ${o.parentPath}`)!;
      const field = (o.field ?? o.path).split('.').map((f, i, all) => fieldTypeName(f, o.arrayItem && i === all.length - 1)).join('');
      let candidate = o.parentPath === undefined ? `${o.kind}${field}` : `${parentName}${field}`;
      for (let n = 2; hashOfName.has(candidate); n++) candidate = `${candidate.replace(/\d+$/, '')}${n}`;
      name = candidate;
      hashOfName.set(name, o.hash);
      fallbackOfHash.set(o.hash, name);
    }
    keyOf.set(o, name);
    nameOfNode.set(o.node, name);
    nameAt.set(`${o.kind} ${o.path}`, name);
  }

  const types: NamedType[] = [];
  const byName = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const name = keyOf.get(o)!;
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name)!.push(o);
  }
  for (const [name, list] of byName) {
    const kinds = new Set(list.map(x => x.kind));
    types.push({
      name,
      hash: list[0].hash,
      node: list[0].node,
      kinds,
      module: kinds.size > 1 ? 'common' : list[0].kind,
      tableNamed: tableNamed.has(name),
    });
  }
  return { types, nameAt, nameOfNode };
}

/** The TS-relevant schema of a named type, with nested named objects replaced by references. */
function emitSchema(node: SchemaNode, nameOf: (node: SchemaNode) => string, top: boolean): any {
  if (!top && isNamedObject(node)) {
    return { tsType: nameOf(node) };
  }
  const out: any = {};
  for (const [key, value] of Object.entries(node)) {
    if (!TYPE_KEYS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([p, s]) => [p, emitSchema(s, nameOf, false)]));
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = emitSchema(value, nameOf, false);
    } else {
      out[key] = value;
    }
  }
  if (out['x-kubernetes-int-or-string']) {
    delete out['x-kubernetes-int-or-string'];
    delete out.type;
    out.tsType = 'number | string';
  }
  if (out['x-kubernetes-preserve-unknown-fields'] && !out.properties) {
    delete out['x-kubernetes-preserve-unknown-fields'];
    out.tsType = '{ [key: string]: unknown }';
  } else {
    delete out['x-kubernetes-preserve-unknown-fields'];
  }
  if (out.type === 'object' && !out.properties && !out.additionalProperties && !out.tsType) {
    out.tsType = '{ [key: string]: unknown }';
  }
  return out;
}

/** Emits one TypeScript declaration per named type with json-schema-to-typescript. */
export async function emitTypes(plan: TypePlan): Promise<Map<string, string>> {
  const types = plan.types;
  const nameOf = (node: SchemaNode) => plan.nameOfNode.get(node)!;
  const out = new Map<string, string>();
  for (const t of types) {
    const schema = emitSchema(t.node, nameOf, true);
    const code = await compile(schema, t.name, {
      bannerComment: '',
      additionalProperties: false,
      declareExternallyReferenced: false,
      format: true,
      unknownAny: true,
      strictIndexSignatures: false,
      style: { singleQuote: true, printWidth: 120 },
    });
    const doc = t.tableNamed ? `/** @see ${referenceLink(t.name)} */\n` : '';
    out.set(t.name, doc + code.trim());
  }
  return out;
}
