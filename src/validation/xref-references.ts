/**
 * Cross-object checks of references: a Service backend whose port the
 * Service (when it is among the objects) does not expose, a backend Service
 * that is missing while other Services are given, and references into another
 * namespace (backends, certificate Secrets, CA ConfigMaps) that no
 * ReferenceGrant in the set permits.
 */
import { GATEWAY_API_GROUP, isReferencePermitted, isRouteKind, normalizeGroup, undeliveredTraffic } from '../model';
import { formatFieldPath, type PathSegment } from './field-path';
import { uncheckedSpec, type IndexedObject, type ManifestIndex, type PlacedDiagnostic } from './manifest-index';
import type { ExternalObject } from './validate-manifests';
import { workCounters } from './work-counters';
import type { GatewaySpec, HTTPRouteSpec } from '../../generated/experimental';

/** One object reference found inside an object. */
interface FoundRef {
  /** API group (`''` for core). */
  readonly group: string;
  /** Kind. */
  readonly kind: string;
  /** Name. */
  readonly name: string;
  /** Namespace. @default - the referring object's namespace */
  readonly namespace?: string;
  /** Port. @default - none */
  readonly port?: number;
  /** Path of the reference inside the object. */
  readonly at: PathSegment[];
  /** What the reference is for, in words. */
  readonly role: string;
}

/** A reference as written: name, namespace and port are checked before use; group and kind are taken as written. */
interface WrittenRef {
  readonly group?: string;
  readonly kind?: string;
  readonly name?: unknown;
  readonly namespace?: unknown;
  readonly port?: unknown;
}

/** Adds the reference `value` to `out` when it names something. */
function addRef(out: FoundRef[], value: WrittenRef | undefined, at: PathSegment[], role: string, defaultGroup: string, defaultKind: string): void {
  if (!value || typeof value.name !== 'string') return;
  const ref: { -readonly [K in keyof FoundRef]: FoundRef[K] } = {
    group: normalizeGroup(value.group ?? defaultGroup),
    kind: value.kind ?? defaultKind,
    name: value.name,
    at,
    role,
  };
  if (typeof value.namespace === 'string') ref.namespace = value.namespace;
  if (typeof value.port === 'number') ref.port = value.port;
  out.push(ref);
}

/** Adds the mirror and external auth backends of the filter list at `at`. */
function addFilterRefs(out: FoundRef[], filters: readonly { readonly requestMirror?: { readonly backendRef?: WrittenRef }; readonly externalAuth?: { readonly backendRef?: WrittenRef } }[], at: PathSegment[]): void {
  filters.forEach((f, k) => {
    const mirror = f?.requestMirror?.backendRef;
    if (mirror) addRef(out, mirror, [...at, k, 'requestMirror', 'backendRef'], 'mirror backend', '', 'Service');
    const auth = f?.externalAuth?.backendRef;
    if (auth) addRef(out, auth, [...at, k, 'externalAuth', 'backendRef'], 'external auth backend', '', 'Service');
  });
}

/**
 * Every reference of a route, Gateway or ListenerSet that may point into another namespace, in document order.
 * Built in one list, with a location made only for a reference or filter list that is there: every route of a
 * large app is read, and most of its backends have no filters.
 */
export function referencesOf(o: IndexedObject): FoundRef[] {
  const spec = uncheckedSpec<HTTPRouteSpec & GatewaySpec>(o) ?? {};
  const out: FoundRef[] = [];
  if (isRouteKind(o.id.kind)) {
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    rules.forEach((rule, i) => {
      const backendRefs = Array.isArray(rule?.backendRefs) ? rule.backendRefs : [];
      backendRefs.forEach((b, j) => {
        addRef(out, b, ['spec', 'rules', i, 'backendRefs', j], 'backend', '', 'Service');
        if (Array.isArray(b?.filters)) {
          workCounters.filterListsRead++;
          addFilterRefs(out, b.filters, ['spec', 'rules', i, 'backendRefs', j, 'filters']);
        }
      });
      if (Array.isArray(rule?.filters)) {
        workCounters.filterListsRead++;
        addFilterRefs(out, rule.filters, ['spec', 'rules', i, 'filters']);
      }
    });
    return out;
  }
  if (o.id.kind === 'Gateway' || o.id.kind === 'ListenerSet') {
    const listeners = Array.isArray(spec.listeners) ? spec.listeners : [];
    listeners.forEach((l, i) => {
      (Array.isArray(l?.tls?.certificateRefs) ? l.tls.certificateRefs : [])
        .forEach((c, j) => addRef(out, c, ['spec', 'listeners', i, 'tls', 'certificateRefs', j], 'certificate', '', 'Secret'));
    });
    const frontend = spec.tls?.frontend;
    const caRefs = (v: { readonly caCertificateRefs?: readonly WrittenRef[] } | undefined, at: PathSegment[]): void => {
      (Array.isArray(v?.caCertificateRefs) ? v.caCertificateRefs : [])
        .forEach((c, j) => addRef(out, c, [...at, 'caCertificateRefs', j], 'client CA certificate', '', 'ConfigMap'));
    };
    caRefs(frontend?.default?.validation, ['spec', 'tls', 'frontend', 'default', 'validation']);
    (Array.isArray(frontend?.perPort) ? frontend.perPort : []).forEach((p, k) => {
      caRefs(p?.tls?.validation, ['spec', 'tls', 'frontend', 'perPort', k, 'tls', 'validation']);
    });
    addRef(out, spec.tls?.backend?.clientCertificateRef, ['spec', 'tls', 'backend', 'clientCertificateRef'], 'client certificate', '', 'Secret');
  }
  return out;
}

function groupText(group: string): string {
  return group === '' ? "''" : group;
}

/**
 * What happens to the traffic of a reference whose Service does not exist ({@link undeliveredTraffic} for
 * the route's own backends; a mirror or an authorization server is only left out); the route's
 * ResolvedRefs condition is False (BackendNotFound) in every case.
 */
export function missingBackendConsequence(routeKind: string, role: string): string {
  if (role === 'mirror backend') return 'the mirror is not configured, so no requests are mirrored (the requests themselves are unaffected)';
  if (role === 'external auth backend') return 'the filter has no authorization server to ask';
  if (!isRouteKind(routeKind)) return 'traffic that would go to it is not delivered';
  const traffic = undeliveredTraffic(routeKind);
  return `${traffic.units} that would go to it ${traffic.fate}`;
}

/**
 * True when `a` and `b` look like one name mistyped: one character more or less, or two adjacent characters
 * swapped. A different character at one place is not counted (`api-v1` and `api-v2` are two names).
 */
export function isLikelyMisspelling(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) === 1) {
    const [long, short] = a.length > b.length ? [a, b] : [b, a];
    let i = 0;
    while (i < short.length && long[i] === short[i]) i++;
    return long.slice(i + 1) === short.slice(i);
  }
  if (a.length !== b.length) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** How the Service references of the set are judged. */
export interface ReferenceCheckOptions {
  /**
   * Services known to exist outside the set (by name, e.g. `Backend.fromServiceName`): a reference to one is
   * not reported missing, unless it looks like a slip: a Service of that name is given in another namespace,
   * or one whose name is a likely misspelling of it in the same namespace.
   * @default - none
   */
  readonly external?: readonly ExternalObject[];
  /**
   * How to judge a Service reference that names no given Service: `warn` reports it (when some Services are
   * given, so the set is meant to hold them), `elsewhere` takes it to live outside the set and reports it
   * only when it looks like a slip (as for `external`).
   * @default 'warn'
   */
  readonly unlistedServices?: 'warn' | 'elsewhere';
}

/** A diagnostic about the reference `ref` of `o`. */
function placed(o: IndexedObject, ref: FoundRef, code: string, message: string, severity: 'error' | 'warning', fix: string | undefined): PlacedDiagnostic {
  return { index: o.index, diagnostic: { code, severity, message, ...(fix ? { fix } : {}), object: o.id, field: formatFieldPath(ref.at) } };
}

/** Service ports and ReferenceGrant checks of every object in the set. */
export function checkReferences(index: ManifestIndex, options: ReferenceCheckOptions = {}): PlacedDiagnostic[] {
  const out: PlacedDiagnostic[] = [];
  const external = options.external ?? [];
  const elsewhere = (namespace: string, name: string): boolean => options.unlistedServices === 'elsewhere'
    || external.some((e) => e.group === '' && e.kind === 'Service' && e.name === name && (e.namespace === undefined || e.namespace === namespace));
  const grants = index.ofKind(GATEWAY_API_GROUP, 'ReferenceGrant').map((g) => g.obj);
  const services = index.ofKind('', 'Service');
  for (const o of index.all) {
    if (o.group !== GATEWAY_API_GROUP) continue;
    for (const ref of referencesOf(o)) {
      const namespace = ref.namespace ?? o.namespace;
      if (namespace !== o.namespace) {
        const from = { group: GATEWAY_API_GROUP, kind: o.id.kind, namespace: o.namespace };
        const to = { group: ref.group, kind: ref.kind, namespace, name: ref.name };
        if (!isReferencePermitted(from, to, grants)) {
          const grant = `a ReferenceGrant in namespace ${namespace} with from {group: ${GATEWAY_API_GROUP}, kind: ${o.id.kind}, namespace: ${o.namespace}} ` +
            `and to {group: ${groupText(ref.group)}, kind: ${ref.kind}, name: ${ref.name}}`;
          out.push(placed(o, ref, 'xref/missing-reference-grant', `the ${ref.role} ${ref.kind} ${namespace}/${ref.name} is in another namespace, and no ReferenceGrant among the objects permits it; ` +
            `needed: ${grant}`, 'error', `add ${grant}`));
        }
      }
      if (ref.group === '' && ref.kind === 'Service' && services.length > 0) {
        const svc = index.find('', 'Service', namespace, ref.name);
        if (!svc) {
          const sameName = services.filter((s) => s.name === ref.name);
          const nearName = services.filter((s) => s.namespace === namespace && isLikelyMisspelling(s.name, ref.name));
          if (elsewhere(namespace, ref.name) && sameName.length === 0 && nearName.length === 0) continue;
          const given = sameName.length > 0
            ? `a Service of that name is given in namespace ${sameName.map((s) => s.namespace).join(', ')}`
            : nearName.length > 0
              ? `did you mean ${nearName.map((s) => `Service ${s.namespace}/${s.name}`).join(' or ')}?`
              : `Services given: ${services.map((s) => `${s.namespace}/${s.name}`).join(', ')}`;
          const fix = sameName.length > 0
            ? `set the reference's namespace to ${sameName.map((s) => s.namespace).join(' or ')}, or check the name`
            : nearName.length > 0
              ? `name ${nearName.map((s) => `'${s.name}'`).join(' or ')} if that is the Service meant`
              : 'check the name and namespace of the reference';
          out.push(placed(o, ref, 'xref/backend-not-found', `the ${ref.role} Service ${namespace}/${ref.name} is not among the given objects (${given}); ` +
            `if it does not exist, the ${o.id.kind} gets ResolvedRefs=False (BackendNotFound) and ${missingBackendConsequence(o.id.kind, ref.role)}`, 'warning', fix));
        } else if (ref.port !== undefined) {
          const svcPorts = uncheckedSpec<{ ports: readonly { readonly port?: unknown; readonly name?: unknown }[] }>(svc)?.ports;
          const ports = Array.isArray(svcPorts) ? svcPorts : [];
          if (!ports.some((p) => p?.port === ref.port)) {
            const listed = ports.map((p) => (p?.name ? `${p.port} (${p.name})` : String(p?.port))).join(', ') || 'none';
            out.push(placed(o, ref, 'xref/service-port-not-exposed', `the ${ref.role} asks for port ${ref.port} of Service ${namespace}/${ref.name}, which exposes ${listed}; ` +
              'use one of those ports (backendRefs name the Service port, not the container targetPort)', 'error',
            `set port to one of ${listed} (the Service port, not the container targetPort)`));
          }
        }
      }
    }
  }
  return out;
}
