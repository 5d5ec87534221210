/**
 * The objects of a manifest set, defaulted and indexed for the cross-object
 * checks: Gateway API objects by kind and namespace/name, plus the core
 * objects they refer to (Services, Namespaces).
 */
import { crdFor, GATEWAY_API_GROUP, parseApiVersion } from './crd-data';
import { applyDefaults } from './defaults';
import type { Diagnostic, DiagnosticObject, SourcedObject, ValidateOptions } from './diagnostic';
import { isJsonObject } from './structural-schema';
import { objectIdentity } from './validate-object';

/** The namespace Kubernetes uses for a namespaced object that does not say one. */
const DEFAULT_NAMESPACE = 'default';

/** One object of the set. */
export interface IndexedObject {
  /** Position in the input. */
  readonly index: number;
  /** Where it came from, when known. @default - absent when the origin is not known */
  readonly source?: string;
  /** The object with the CRD defaults applied (Gateway API kinds) or as given (others). */
  readonly obj: Readonly<Record<string, unknown>>;
  /** kind/namespace/name for diagnostics. */
  readonly id: DiagnosticObject;
  /** API group (`''` for core). */
  readonly group: string;
  /** Its namespace (`default` when a namespaced object gives none). */
  readonly namespace: string;
  /** Its name. */
  readonly name: string;
}

/** The indexed set. */
export interface ManifestIndex {
  /** Every object with a kind and a name, in input order. */
  readonly all: readonly IndexedObject[];
  /** Finds an object by group, kind, namespace and name. */
  find(group: string, kind: string, namespace: string, name: string): IndexedObject | undefined;
  /** Every object of a group and kind, in input order. */
  ofKind(group: string, kind: string): readonly IndexedObject[];
}

/**
 * Builds the index. Objects without a kind or a name are left out (their own checks report them).
 * `defaulted[i]`, when given, is item i with its CRD defaults already applied.
 */
export function indexManifests(items: readonly SourcedObject[], options: ValidateOptions, defaulted: ReadonlyArray<unknown> = []): ManifestIndex {
  const all: IndexedObject[] = [];
  items.forEach((item, index) => {
    const raw = item.object;
    if (!isJsonObject(raw) || typeof raw.apiVersion !== 'string' || typeof raw.kind !== 'string') return;
    const id = objectIdentity(raw);
    if (!id?.name) return;
    const { group } = parseApiVersion(raw.apiVersion);
    const crd = group === GATEWAY_API_GROUP ? crdFor(raw.kind, options) : undefined;
    const obj = (crd ? defaulted[index] ?? applyDefaults(raw, options) : raw) as Record<string, unknown>;
    const clusterScoped = crd?.scope === 'Cluster' || (group === '' && raw.kind === 'Namespace');
    all.push({
      index,
      ...(item.source !== undefined ? { source: item.source } : {}),
      obj,
      id,
      group,
      namespace: clusterScoped ? '' : id.namespace ?? DEFAULT_NAMESPACE,
      name: id.name,
    });
  });
  // Found by group, kind, namespace and name in nested maps: a lookup makes no key string (every reference of every
  // route is looked up).
  const byKey = new Map<string, Map<string, Map<string, Map<string, IndexedObject>>>>();
  const byKind = new Map<string, IndexedObject[]>();
  for (const o of all) {
    const names = level(level(level(byKey, o.group), o.id.kind), o.namespace);
    if (!names.has(o.name)) names.set(o.name, o);
    const k = `${o.group}/${o.id.kind}`;
    const list = byKind.get(k);
    if (list) list.push(o); else byKind.set(k, [o]);
  }
  return {
    all,
    find: (group, kind, namespace, name) => byKey.get(group === 'core' ? '' : group)?.get(kind)?.get(namespace)?.get(name),
    ofKind: (group, kind) => byKind.get(`${group}/${kind}`) ?? [],
  };
}

/** The map under `key` in `parent`, made on first use. */
function level<V>(parent: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let child = parent.get(key);
  if (!child) parent.set(key, child = new Map());
  return child;
}

/** A diagnostic produced by a cross-object check, with the input position of the object it is about. */
export interface PlacedDiagnostic {
  /** Input position of the object. */
  readonly index: number;
  /** The diagnostic (without source; the caller adds it). */
  readonly diagnostic: Diagnostic;
}

/**
 * The spec of an indexed object, typed as the L1 spec of its kind with every
 * field optional. The input has not necessarily passed its schema, so the
 * types are what the fields should be, not what they are: readers check each
 * value they use (typeof, Array.isArray) as before.
 */
export function uncheckedSpec<S>(o: IndexedObject): Partial<S> | undefined {
  const spec = o.obj.spec;
  return isJsonObject(spec) ? (spec as Partial<S>) : undefined;
}
