import { apiGroupOf } from '../model';
import { SourcedDocument, StoredObject } from './object-store';

/** A `parametersRef` of a GatewayClass or of a Gateway's `infrastructure`. */
export interface ParametersRef {
  /** API group (`''` for core). */
  readonly group: string;
  /** Kind, e.g. `ConfigMap` or an implementation's `EnvoyProxy`. */
  readonly kind: string;
  /** Namespace (`''` when the reference has none, as a cluster-scoped object). */
  readonly namespace: string;
  /** Name. */
  readonly name: string;
}

function key(r: ParametersRef): string {
  return `${r.group}|${r.kind}|${r.namespace}|${r.name}`;
}

/**
 * Every object among the input documents, of any kind (Lists and arrays
 * flattened), by group, kind, namespace and name: the data plane keeps only
 * the kinds it models, but an implementation-specific object that a
 * `parametersRef` names (an EnvoyProxy, a GKE policy, ...) counts as present
 * when it is among the inputs.
 */
export class PresentObjects {
  /** The objects of `docs`. */
  public static of(docs: readonly SourcedDocument[]): PresentObjects {
    const p = new PresentObjects();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (!value || typeof value !== 'object') return;
      const doc = value as { kind?: unknown; items?: unknown; apiVersion?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
      if (typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) return doc.items.forEach(visit);
      const name = doc.metadata?.name;
      if (typeof doc.kind !== 'string' || typeof name !== 'string') return;
      const ns = typeof doc.metadata?.namespace === 'string' ? doc.metadata.namespace : '';
      p.add({ group: apiGroupOf(doc.apiVersion), kind: doc.kind, namespace: ns, name });
    };
    for (const d of docs) visit(d.doc);
    return p;
  }

  private readonly keys = new Set<string>();

  /** Records an object as present (used for assumed ones too). */
  public add(r: ParametersRef): void {
    this.keys.add(key(r));
    // A namespaced object written without a namespace lives in `default`.
    if (r.namespace === '') this.keys.add(key({ ...r, namespace: 'default' }));
  }

  /** Whether the object a reference names is present. */
  public has(r: ParametersRef): boolean {
    return this.keys.has(key(r));
  }
}

/** The `parametersRef`s of the GatewayClasses and Gateways (`infrastructure.parametersRef`, in the Gateway's namespace), sorted. */
export function parametersRefs(objects: readonly StoredObject[]): ParametersRef[] {
  const out = new Map<string, ParametersRef>();
  const norm = (g: unknown) => (g === undefined || g === 'core' ? '' : String(g));
  for (const o of objects) {
    const doc = o.obj;
    const ref: { group?: string; kind: string; name: string; namespace?: string } | undefined = doc.kind === 'GatewayClass' ? doc.spec?.parametersRef : doc.kind === 'Gateway' ? doc.spec?.infrastructure?.parametersRef : undefined;
    if (!ref || typeof ref.name !== 'string' || typeof ref.kind !== 'string') continue;
    const r: ParametersRef = { group: norm(ref.group), kind: ref.kind, namespace: doc.kind === 'Gateway' ? o.namespace : (ref.namespace ?? ''), name: ref.name };
    out.set(key(r), r);
  }
  return [...out.values()].sort((a, b) => key(a).localeCompare(key(b)));
}
