import { isRouteKind } from '../model';
import { SourcedDocument, StoredObject } from './object-store';
import { selfSignedCertificate } from './self-signed';
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

/** The `controllerName` of GatewayClasses the plane assumes (see {@link assumedObjects}). */
export const ASSUMED_CONTROLLER = 'cdk8s-gateway-api.io/assumed';

/** The source name assumed objects carry in diagnostics and explanations. */
export const ASSUMED_SOURCE = 'assumed';


/**
 * A kind of object that `assumeMissing` can stand in for: `GatewayClass` (one
 * per class name no object defines, controllerName
 * `cdk8s-gateway-api.io/assumed`), `Service` (exposing the ports the routes'
 * references use), `Secret` (a self-signed `kubernetes.io/tls` certificate for
 * the hostnames of the listeners that use it, or a `ca.crt` bundle),
 * `ConfigMap` (a self-signed CA under `ca.crt`). `ParametersRef` stands for
 * whatever a GatewayClass `parametersRef` or a Gateway
 * `infrastructure.parametersRef` names (an implementation's EnvoyProxy, a
 * ConfigMap, ...): such an object is counted as present, not loaded.
 * ReferenceGrants and Namespaces are never assumed.
 */
export type AssumableKind = 'GatewayClass' | 'Service' | 'Secret' | 'ConfigMap' | 'ParametersRef';

/** Every kind `assumeMissing: true` stands in for. */
export const ASSUMABLE_KINDS: readonly AssumableKind[] = ['GatewayClass', 'Service', 'Secret', 'ConfigMap', 'ParametersRef'];

/**
 * Stand-ins for the objects a chart refers to but does not define, for
 * testing a chart on its own (`kinds` limits which kinds are assumed):
 *
 * - `GatewayClass`: one for every Gateway class name no GatewayClass object
 *   defines (controllerName {@link ASSUMED_CONTROLLER});
 * - `Service`: one for every core Service a route's backendRefs or
 *   RequestMirror filters name that no Service object defines, exposing the
 *   ports those references use;
 * - `Secret`: a `kubernetes.io/tls` Secret for every certificate Secret a
 *   Gateway or ListenerSet listener (`tls.certificateRefs`) or a Gateway's
 *   backend client certificate names, holding a self-signed certificate for
 *   the hostnames of the listeners that use it; and an Opaque Secret with a
 *   `ca.crt` for a CA bundle reference of kind Secret;
 * - `ConfigMap`: one with a self-signed CA certificate under `ca.crt` for every
 *   CA bundle (`caCertificateRefs`) of a Gateway's frontend validation or a
 *   BackendTLSPolicy.
 *
 * Certificates are generated deterministically (the same names give the same
 * certificate). Nothing else is assumed: ReferenceGrants and Namespaces must
 * still be given, so cross-namespace permissions are judged as a controller
 * would, and an object that exists but is invalid is judged as written.
 */
export function assumedObjects(objects: readonly StoredObject[], kinds: readonly AssumableKind[] = ASSUMABLE_KINDS): SourcedDocument[] {
  for (const k of kinds) {
    if (!ASSUMABLE_KINDS.includes(k)) throw new Error(`assumeMissing: '${k}' is not a kind the plane can assume; use some of: ${ASSUMABLE_KINDS.join(', ')}`);
  }
  // One pass to index what is defined, so each lookup is constant time (a scan per reference was
  // quadratic: 100,000 routes took minutes).
  const defined = new Set<string>();
  for (const o of objects) defined.add(`${o.kind}|${o.namespace}|${o.name}`);
  const has = (kind: string, namespace: string, name: string) => {
    workCounters.assumedLookups++;
    return defined.has(`${kind}|${namespace}|${name}`);
  };
  const classes = new Set<string>();
  const services = new Map<string, { namespace: string; name: string; ports: Set<number> }>();
  const tlsSecrets = new Map<string, { namespace: string; name: string; hostnames: Set<string> }>();
  const caBundles = new Map<string, { kind: 'Secret' | 'ConfigMap'; namespace: string; name: string }>();
  const core = (ref: CoreRef | undefined): ref is CoreRef => !!ref && typeof ref.name === 'string' && (ref.group ?? '') === '';
  const certificate = (ref: CoreRef | undefined, holder: StoredObject, hostname: string | undefined) => {
    if (!core(ref) || (ref.kind ?? 'Secret') !== 'Secret') return;
    const namespace = ref.namespace ?? holder.namespace;
    if (has('Secret', namespace, ref.name)) return;
    const key = `${namespace}/${ref.name}`;
    if (!tlsSecrets.has(key)) tlsSecrets.set(key, { namespace, name: ref.name, hostnames: new Set() });
    if (typeof hostname === 'string' && hostname !== '') tlsSecrets.get(key)!.hostnames.add(hostname.toLowerCase());
  };
  const caBundle = (ref: CoreRef | undefined, holder: StoredObject, namespaced: boolean) => {
    if (!core(ref)) return;
    const kind = ref.kind ?? 'ConfigMap';
    if (kind !== 'ConfigMap' && kind !== 'Secret') return;
    const namespace = (namespaced ? ref.namespace : undefined) ?? holder.namespace;
    if (has(kind, namespace, ref.name)) return;
    caBundles.set(`${kind}/${namespace}/${ref.name}`, { kind, namespace, name: ref.name });
  };
  const list = <T>(x: readonly T[] | undefined): readonly T[] => (Array.isArray(x) ? x : []);

  for (const o of objects) {
    const doc = o.obj;
    if (doc.kind === 'Gateway') {
      const cls = doc.spec?.gatewayClassName;
      if (typeof cls === 'string' && !has('GatewayClass', '', cls)) classes.add(cls);
      certificate(doc.spec?.tls?.backend?.clientCertificateRef, o, undefined);
      const fe = doc.spec?.tls?.frontend;
      for (const cfg of [fe?.default, ...list(fe?.perPort).map((p) => p?.tls)]) {
        for (const ref of list(cfg?.validation?.caCertificateRefs)) caBundle(ref, o, true);
      }
    }
    if (doc.kind === 'Gateway' || doc.kind === 'ListenerSet') {
      for (const l of list<{ hostname?: string; tls?: { certificateRefs?: CoreRef[] } }>(doc.spec?.listeners)) {
        for (const ref of list(l?.tls?.certificateRefs)) certificate(ref, o, l?.hostname);
      }
    }
    if (doc.kind === 'BackendTLSPolicy') {
      for (const ref of list(doc.spec?.validation?.caCertificateRefs)) caBundle(ref, o, false);
    }
    if (!isRouteKind(o.kind)) continue;
    const spec = routeSpec(doc as RouteDocument);
    const refer = (ref: CoreRef | undefined) => {
      if (!ref || typeof ref.name !== 'string') return;
      if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') return;
      const namespace = ref.namespace ?? o.namespace;
      if (has('Service', namespace, ref.name)) return;
      const key = `${namespace}/${ref.name}`;
      if (!services.has(key)) services.set(key, { namespace, name: ref.name, ports: new Set() });
      if (typeof ref.port === 'number') services.get(key)!.ports.add(ref.port);
    };
    const filters = (fs: readonly { requestMirror?: { backendRef?: CoreRef } }[] | undefined) => {
      for (const f of Array.isArray(fs) ? fs : []) refer(f?.requestMirror?.backendRef);
    };
    for (const rule of Array.isArray(spec?.rules) ? spec.rules : []) {
      filters(rule?.filters);
      for (const b of Array.isArray(rule?.backendRefs) ? rule.backendRefs : []) {
        refer(b);
        filters(b?.filters);
      }
    }
  }

  const docs: SourcedDocument[] = [];
  const byName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);
  const assume = (kind: AssumableKind) => kinds.includes(kind);
  if (!assume('GatewayClass')) classes.clear();
  if (!assume('Service')) services.clear();
  if (!assume('Secret')) {
    tlsSecrets.clear();
    for (const [k, v] of caBundles) if (v.kind === 'Secret') caBundles.delete(k);
  }
  if (!assume('ConfigMap')) {
    for (const [k, v] of caBundles) if (v.kind === 'ConfigMap') caBundles.delete(k);
  }
  for (const name of [...classes].sort()) {
    docs.push({
      doc: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name }, spec: { controllerName: ASSUMED_CONTROLLER } },
      source: ASSUMED_SOURCE,
      index: docs.length,
    });
  }
  for (const s of [...services.values()].sort(byName)) {
    const ports = [...s.ports].sort((a, b) => a - b).map((port) => ({ name: `port-${port}`, port }));
    docs.push({
      doc: { apiVersion: 'v1', kind: 'Service', metadata: { name: s.name, namespace: s.namespace }, spec: { ports } },
      source: ASSUMED_SOURCE,
      index: docs.length,
    });
  }
  for (const t of [...tlsSecrets.values()].sort(byName)) {
    const hostnames = [...t.hostnames].sort();
    const cert = selfSignedCertificate(`assumed ${t.namespace}/${t.name}`, hostnames);
    docs.push({
      doc: {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        metadata: { name: t.name, namespace: t.namespace },
        data: { 'tls.crt': Buffer.from(cert.certPem).toString('base64'), 'tls.key': Buffer.from(cert.keyPem).toString('base64') },
      },
      source: ASSUMED_SOURCE,
      index: docs.length,
    });
  }
  for (const c of [...caBundles.values()].sort((a, b) => a.kind.localeCompare(b.kind) || byName(a, b))) {
    const ca = selfSignedCertificate(`assumed CA ${c.namespace}/${c.name}`, [], true).certPem;
    const doc = c.kind === 'ConfigMap'
      ? { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.name, namespace: c.namespace }, data: { 'ca.crt': ca } }
      : { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: c.name, namespace: c.namespace }, data: { 'ca.crt': Buffer.from(ca).toString('base64') } };
    docs.push({ doc, source: ASSUMED_SOURCE, index: docs.length });
  }
  return docs;
}
