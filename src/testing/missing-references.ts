/**
 * What a set of objects names but does not define, for `assumeMissing`:
 * GatewayClasses (by class name), core Services (with the ports the routes'
 * references use), certificate Secrets (with the hostnames of the listeners
 * that use them) and CA bundles (ConfigMaps or Secrets). References are read
 * as written (fields checked before use); one pass indexes what is defined,
 * so each lookup is constant time.
 */
import { isRouteKind } from '../model';
import type { StoredObject } from './object-store';
import { RouteDocument, routeSpec } from './stored-kinds';
import { workCounters } from '../validation/work-counters';

/** A reference to a core object as written (fields checked before use). */
interface CoreRef {
  readonly group?: string;
  readonly kind?: string;
  readonly name: string;
  readonly namespace?: string;
  readonly port?: number;
}

/** A named object in a namespace. */
export interface NamespacedName {
  readonly namespace: string;
  readonly name: string;
}

/** What the objects name and no object defines, each keyed by `namespace/name` (CA bundles by `kind/namespace/name`). */
export interface MissingObjects {
  /** GatewayClass names Gateways use. */
  readonly classes: Set<string>;
  /** Core Services, with the ports referenced. */
  readonly services: Map<string, NamespacedName & { readonly ports: Set<number> }>;
  /** Certificate Secrets, with the (lowercase) hostnames of the listeners that use them. */
  readonly tlsSecrets: Map<string, NamespacedName & { readonly hostnames: Set<string> }>;
  /** CA bundles (Gateway frontend validation, BackendTLSPolicy). */
  readonly caBundles: Map<string, NamespacedName & { readonly kind: 'Secret' | 'ConfigMap' }>;
}

/** The objects `objects` refer to but do not define. */
export function missingReferences(objects: readonly StoredObject[]): MissingObjects {
  const finder = new MissingFinder(objects);
  for (const o of objects) finder.visit(o);
  return finder.missing;
}

const list = <T>(x: readonly T[] | undefined): readonly T[] => (Array.isArray(x) ? x : []);

class MissingFinder {
  public readonly missing: MissingObjects = { classes: new Set(), services: new Map(), tlsSecrets: new Map(), caBundles: new Map() };
  private readonly defined = new Set<string>();

  public constructor(objects: readonly StoredObject[]) {
    // One pass to index what is defined, so each lookup is constant time (a scan per reference was
    // quadratic: 100,000 routes took minutes).
    for (const o of objects) this.defined.add(`${o.kind}|${o.namespace}|${o.name}`);
  }

  /** Records what object `o` refers to that is not defined. */
  public visit(o: StoredObject): void {
    const doc = o.obj;
    if (doc.kind === 'Gateway') {
      const cls = doc.spec?.gatewayClassName;
      if (typeof cls === 'string' && !this.has('GatewayClass', '', cls)) this.missing.classes.add(cls);
      this.certificate(doc.spec?.tls?.backend?.clientCertificateRef, o, undefined);
      const fe = doc.spec?.tls?.frontend;
      for (const cfg of [fe?.default, ...list(fe?.perPort).map((p) => p?.tls)]) {
        for (const ref of list(cfg?.validation?.caCertificateRefs)) this.caBundle(ref, o, true);
      }
    }
    if (doc.kind === 'Gateway' || doc.kind === 'ListenerSet') {
      for (const l of list<{ hostname?: string; tls?: { certificateRefs?: CoreRef[] } }>(doc.spec?.listeners)) {
        for (const ref of list(l?.tls?.certificateRefs)) this.certificate(ref, o, l?.hostname);
      }
    }
    if (doc.kind === 'BackendTLSPolicy') {
      for (const ref of list(doc.spec?.validation?.caCertificateRefs)) this.caBundle(ref, o, false);
    }
    if (isRouteKind(o.kind)) this.visitRoute(o as StoredObject<RouteDocument>);
  }

  /** The Services a route's backendRefs and RequestMirror filters name. */
  private visitRoute(o: StoredObject<RouteDocument>): void {
    const spec = routeSpec(o.obj);
    const filters = (fs: readonly { requestMirror?: { backendRef?: CoreRef } }[] | undefined) => {
      for (const f of Array.isArray(fs) ? fs : []) this.service(f?.requestMirror?.backendRef, o);
    };
    for (const rule of Array.isArray(spec?.rules) ? spec.rules : []) {
      filters(rule?.filters);
      for (const b of Array.isArray(rule?.backendRefs) ? rule.backendRefs : []) {
        this.service(b, o);
        filters(b?.filters);
      }
    }
  }

  private has(kind: string, namespace: string, name: string): boolean {
    workCounters.assumedLookups++;
    return this.defined.has(`${kind}|${namespace}|${name}`);
  }

  private service(ref: CoreRef | undefined, route: StoredObject): void {
    if (!ref || typeof ref.name !== 'string') return;
    if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') return;
    const namespace = ref.namespace ?? route.namespace;
    if (this.has('Service', namespace, ref.name)) return;
    const key = `${namespace}/${ref.name}`;
    if (!this.missing.services.has(key)) this.missing.services.set(key, { namespace, name: ref.name, ports: new Set() });
    if (typeof ref.port === 'number') this.missing.services.get(key)!.ports.add(ref.port);
  }

  private certificate(ref: CoreRef | undefined, holder: StoredObject, hostname: string | undefined): void {
    if (!isCoreRef(ref) || (ref.kind ?? 'Secret') !== 'Secret') return;
    const namespace = ref.namespace ?? holder.namespace;
    if (this.has('Secret', namespace, ref.name)) return;
    const key = `${namespace}/${ref.name}`;
    if (!this.missing.tlsSecrets.has(key)) this.missing.tlsSecrets.set(key, { namespace, name: ref.name, hostnames: new Set() });
    if (typeof hostname === 'string' && hostname !== '') this.missing.tlsSecrets.get(key)!.hostnames.add(hostname.toLowerCase());
  }

  /** A CA bundle ref; `namespaced` when the ref may name another namespace (a Gateway's), else it is the holder's. */
  private caBundle(ref: CoreRef | undefined, holder: StoredObject, namespaced: boolean): void {
    if (!isCoreRef(ref)) return;
    const kind = ref.kind ?? 'ConfigMap';
    if (kind !== 'ConfigMap' && kind !== 'Secret') return;
    const namespace = (namespaced ? ref.namespace : undefined) ?? holder.namespace;
    if (this.has(kind, namespace, ref.name)) return;
    this.missing.caBundles.set(`${kind}/${namespace}/${ref.name}`, { kind, namespace, name: ref.name });
  }
}

function isCoreRef(ref: CoreRef | undefined): ref is CoreRef {
  return !!ref && typeof ref.name === 'string' && (ref.group ?? '') === '';
}
