/**
 * Which Gateway API v1.6.1 SupportedFeatures (pkg/features names) a set of
 * objects uses, as far as the manifests show it, and where: the object and
 * the field. Features whose use depends on traffic or on the cluster, not on
 * any field (e.g. `GatewayHTTPSListenerDetectMisdirectedRequests`), are
 * listed in {@link FEATURES_NOT_VISIBLE}.
 */
import { FEATURES } from '../../generated/compat';

/** One place a feature is used. */
export interface FeatureUse {
  /** The SupportedFeature name, e.g. `HTTPRouteQueryParamMatching`. */
  readonly feature: string;
  /** Index of the object in the input. */
  readonly index: number;
  readonly kind: string;
  /** `metadata.namespace`, `default` where a namespaced object gives none. */
  readonly namespace: string;
  readonly name: string;
  /** The field that uses it, e.g. `spec.rules[0].matches[1].queryParams`; `kind` for a feature that is the kind itself. */
  readonly field: string;
}

/** A feature used by the objects, with every place it is used. */
export interface UsedFeature {
  readonly name: string;
  readonly channel: 'standard' | 'experimental';
  readonly usedBy: readonly Omit<FeatureUse, 'feature' | 'index'>[];
}

/**
 * Features of v1.6.1 no field of a manifest shows: what they name is how the
 * implementation behaves, or depends on what it is given at run time.
 */
export const FEATURES_NOT_VISIBLE: Readonly<Record<string, string>> = {
  GatewayHTTPListenerIsolation: 'how requests are kept to the most specific listener: every Gateway with HTTP listeners relies on it when hostnames overlap',
  GatewayHTTPSListenerDetectMisdirectedRequests: 'answering 421 to a request whose Host does not match the TLS SNI: behaviour, no field',
  HTTPRouteDestinationPortMatching: 'no v1.6.1 field: it is how listeners on several ports of one address are told apart',
  HTTPRouteRetryBackendTimeout: 'retrying after a backend timeout: behaviour of a retry, not a field of its own',
  HTTPRouteRetryConnectionError: 'retrying after a connection error: behaviour of a retry, not a field of its own',
  MeshClusterIPMatching: 'routing by the Service cluster IP as well as its name: behaviour of the mesh',
};

const CHANNEL = new Map(FEATURES.map(f => [f.name, f.channel]));
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Json : undefined;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(v => obj(v) ?? {}) : [];
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

/** Whether a parentRef names a Service (a mesh route): kind Service in the core group. */
function isServiceParent(ref: Json): boolean {
  return ref.kind === 'Service' && (ref.group === '' || ref.group === 'core');
}

/** Every place each visible feature is used, in input order, fields in document order. */
export function detectFeatureUses(objects: readonly unknown[]): FeatureUse[] {
  const services = serviceAppProtocols(objects);
  const uses: FeatureUse[] = [];
  objects.forEach((value, index) => {
    const o = obj(value);
    if (!o || typeof o.kind !== 'string') return;
    if (o.apiVersion !== undefined && typeof o.apiVersion === 'string' && o.kind !== 'Service' && !o.apiVersion.startsWith(`${GATEWAY_API_GROUP}/`)) return;
    const meta = obj(o.metadata) ?? {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
    const kind = o.kind;
    const use = (feature: string, field: string): void => {
      uses.push({ feature, index, kind, namespace, name, field });
    };
    const spec = obj(o.spec) ?? {};
    switch (kind) {
      case 'Gateway': gatewayUses(spec, use); break;
      case 'ListenerSet': use('ListenerSet', 'kind'); listenerUses(list(spec.listeners), 'spec.listeners', use); break;
      case 'HTTPRoute': httpRouteUses(spec, namespace, services, use); break;
      case 'GRPCRoute': grpcRouteUses(spec, use); break;
      case 'TLSRoute': use('TLSRoute', 'kind'); break;
      case 'TCPRoute': use('TCPRoute', 'kind'); break;
      case 'UDPRoute': use('UDPRoute', 'kind'); break;
      case 'ReferenceGrant': use('ReferenceGrant', 'kind'); break;
      case 'BackendTLSPolicy': {
        use('BackendTLSPolicy', 'kind');
        const validation = obj(spec.validation) ?? {};
        if (present(validation.subjectAltNames)) use('BackendTLSPolicySANValidation', 'spec.validation.subjectAltNames');
        break;
      }
      default: break;
    }
  });
  return uses;
}

/** The features the objects use, by name, each with where. */
export function detectFeatures(objects: readonly unknown[]): UsedFeature[] {
  const byName = new Map<string, Omit<FeatureUse, 'feature' | 'index'>[]>();
  for (const u of detectFeatureUses(objects)) {
    if (!byName.has(u.feature)) byName.set(u.feature, []);
    byName.get(u.feature)!.push({ kind: u.kind, namespace: u.namespace, name: u.name, field: u.field });
  }
  return [...byName.keys()].sort(byText).map(name => ({ name, channel: CHANNEL.get(name) ?? 'standard', usedBy: byName.get(name)! }));
}

type Use = (feature: string, field: string) => void;

function gatewayUses(spec: Json, use: Use): void {
  use('Gateway', 'kind');
  list(spec.addresses).forEach((address, i) => {
    use(typeof address.value === 'string' && address.value !== '' ? 'GatewayStaticAddresses' : 'GatewayAddressEmpty', `spec.addresses[${i}]`);
  });
  const infrastructure = obj(spec.infrastructure) ?? {};
  for (const field of ['labels', 'annotations']) {
    if (Object.keys(obj(infrastructure[field]) ?? {}).length > 0) use('GatewayInfrastructurePropagation', `spec.infrastructure.${field}`);
  }
  const tls = obj(spec.tls) ?? {};
  const backend = obj(tls.backend) ?? {};
  if (present(backend.clientCertificateRef)) use('GatewayBackendClientCertificate', 'spec.tls.backend.clientCertificateRef');
  const frontend = obj(tls.frontend) ?? {};
  const validations: [Json, string][] = [];
  const defaultValidation = obj(obj(frontend.default)?.validation);
  if (defaultValidation) validations.push([defaultValidation, 'spec.tls.frontend.default.validation']);
  list(frontend.perPort).forEach((p, i) => {
    const v = obj(obj(p.tls)?.validation);
    if (v) validations.push([v, `spec.tls.frontend.perPort[${i}].tls.validation`]);
  });
  for (const [v, field] of validations) {
    use('GatewayFrontendClientCertificateValidation', field);
    if (v.mode === 'AllowInsecureFallback') use('GatewayFrontendClientCertificateValidationInsecureFallback', `${field}.mode`);
  }
  listenerUses(list(spec.listeners), 'spec.listeners', use);
}

function listenerUses(listeners: Json[], at: string, use: Use): void {
  /** The TLS modes of the TLS listeners on each port. */
  const modesByPort = new Map<unknown, Set<unknown>>();
  listeners.forEach((l, i) => {
    if (l.port === 8080) use('GatewayPort8080', `${at}[${i}].port`);
    if (l.protocol === 'TLS') {
      const tls = obj(l.tls) ?? {};
      // The mode defaults to Terminate (CRD default of tls.mode).
      const mode = tls.mode ?? 'Terminate';
      if (mode === 'Terminate') use('TLSRouteModeTerminate', `${at}[${i}].tls${tls.mode !== undefined ? '.mode' : ''}`);
      if (!modesByPort.has(l.port)) modesByPort.set(l.port, new Set());
      modesByPort.get(l.port)!.add(mode);
    }
  });
  // Passthrough and Terminate TLS listeners on one port: mixed mode, reported on each listener of that port.
  listeners.forEach((l, i) => {
    if (l.protocol === 'TLS' && (modesByPort.get(l.port)?.size ?? 0) > 1) use('TLSRouteModeMixed', `${at}[${i}]`);
  });
}

/** For each Service (namespace/name), the appProtocol of each of its ports by port number. */
function serviceAppProtocols(objects: readonly unknown[]): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  for (const value of objects) {
    const o = obj(value);
    if (!o || o.kind !== 'Service' || (o.apiVersion !== undefined && o.apiVersion !== 'v1')) continue;
    const meta = obj(o.metadata) ?? {};
    const key = `${typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default'}/${meta.name}`;
    const ports = new Map<number, string>();
    for (const p of list(obj(o.spec)?.ports)) if (typeof p.port === 'number' && typeof p.appProtocol === 'string') ports.set(p.port, p.appProtocol);
    out.set(key, ports);
  }
  return out;
}

/** Features an HTTPRoute filter uses; `mesh` picks the mesh names where pkg/features has one. */
function filterUses(filter: Json, field: string, onBackend: boolean, mesh: boolean, use: Use): void {
  switch (filter.type) {
    case 'RequestHeaderModifier':
      if (onBackend) use(mesh ? 'MeshHTTPRouteBackendRequestHeaderModification' : 'HTTPRouteBackendRequestHeaderModification', field);
      break;
    case 'ResponseHeaderModifier':
      use('HTTPRouteResponseHeaderModification', field);
      break;
    case 'RequestRedirect': {
      const r = obj(filter.requestRedirect) ?? {};
      if (r.scheme !== undefined) use(mesh ? 'MeshHTTPRouteSchemeRedirect' : 'HTTPRouteSchemeRedirect', `${field}.requestRedirect.scheme`);
      if (r.port !== undefined) use(mesh ? 'MeshHTTPRouteRedirectPort' : 'HTTPRoutePortRedirect', `${field}.requestRedirect.port`);
      if (r.path !== undefined) use(mesh ? 'MeshHTTPRouteRedirectPath' : 'HTTPRoutePathRedirect', `${field}.requestRedirect.path`);
      // 301 and 302 are core; 303, 307 and 308 each a feature of their own.
      if (r.statusCode === 303 || r.statusCode === 307 || r.statusCode === 308) use(`HTTPRoute${r.statusCode}RedirectStatusCode`, `${field}.requestRedirect.statusCode`);
      break;
    }
    case 'URLRewrite': {
      const r = obj(filter.urlRewrite) ?? {};
      if (r.hostname !== undefined) use('HTTPRouteHostRewrite', `${field}.urlRewrite.hostname`);
      if (r.path !== undefined) use(mesh ? 'MeshHTTPRouteRewritePath' : 'HTTPRoutePathRewrite', `${field}.urlRewrite.path`);
      break;
    }
    case 'RequestMirror': {
      use('HTTPRouteRequestMirror', field);
      const m = obj(filter.requestMirror) ?? {};
      if (m.percent !== undefined) use('HTTPRouteRequestPercentageMirror', `${field}.requestMirror.percent`);
      if (m.fraction !== undefined) use('HTTPRouteRequestPercentageMirror', `${field}.requestMirror.fraction`);
      break;
    }
    case 'CORS':
      use('HTTPRouteCORS', field);
      break;
    default:
      break;
  }
}

/** A second (third, ...) RequestMirror in one filter list uses HTTPRouteRequestMultipleMirrors. */
function multipleMirrors(filters: Json[], at: string, use: Use): void {
  let seen = 0;
  filters.forEach((f, k) => {
    if (f.type !== 'RequestMirror') return;
    seen++;
    if (seen > 1) use('HTTPRouteRequestMultipleMirrors', `${at}[${k}]`);
  });
}

function httpRouteUses(spec: Json, routeNamespace: string, services: Map<string, Map<number, string>>, use: Use): void {
  const parents = list(spec.parentRefs);
  const meshParents = parents.filter(isServiceParent);
  const mesh = meshParents.length > 0;
  // A route with no parentRefs, or with a parent that is not a Service, is a Gateway route.
  const gateway = parents.length === 0 || meshParents.length < parents.length;
  const meshOnly = mesh && !gateway;
  use('HTTPRoute', 'kind');
  parents.forEach((p, i) => {
    if (isServiceParent(p)) {
      use('Mesh', `spec.parentRefs[${i}]`);
      if (typeof p.namespace === 'string' && p.namespace !== routeNamespace) use('MeshConsumerRoute', `spec.parentRefs[${i}].namespace`);
    } else if (p.port !== undefined) {
      use('HTTPRouteParentRefPort', `spec.parentRefs[${i}].port`);
    }
  });
  list(spec.rules).forEach((rule, r) => {
    const at = `spec.rules[${r}]`;
    if (rule.name !== undefined) use(meshOnly ? 'MeshHTTPRouteNamedRouteRule' : 'HTTPRouteNamedRouteRule', `${at}.name`);
    list(rule.matches).forEach((m, j) => {
      if (present(m.queryParams)) use(meshOnly ? 'MeshHTTPRouteQueryParamMatching' : 'HTTPRouteQueryParamMatching', `${at}.matches[${j}].queryParams`);
      if (m.method !== undefined) use('HTTPRouteMethodMatching', `${at}.matches[${j}].method`);
    });
    const filters = list(rule.filters);
    filters.forEach((f, k) => filterUses(f, `${at}.filters[${k}]`, false, meshOnly, use));
    multipleMirrors(filters, `${at}.filters`, use);
    const timeouts = obj(rule.timeouts) ?? {};
    if (timeouts.request !== undefined) use('HTTPRouteRequestTimeout', `${at}.timeouts.request`);
    if (timeouts.backendRequest !== undefined) use('HTTPRouteBackendTimeout', `${at}.timeouts.backendRequest`);
    if (rule.retry !== undefined) use('HTTPRouteRetry', `${at}.retry`);
    list(rule.backendRefs).forEach((b, j) => {
      const bat = `${at}.backendRefs[${j}]`;
      const backendFilters = list(b.filters);
      backendFilters.forEach((f, k) => filterUses(f, `${bat}.filters[${k}]`, true, meshOnly, use));
      multipleMirrors(backendFilters, `${bat}.filters`, use);
      if ((b.kind ?? 'Service') === 'Service' && (b.group ?? '') === '' && typeof b.port === 'number') {
        const ns = typeof b.namespace === 'string' ? b.namespace : routeNamespace;
        const appProtocol = services.get(`${ns}/${b.name}`)?.get(b.port);
        if (appProtocol === 'kubernetes.io/h2c') use('HTTPRouteBackendProtocolH2C', bat);
        if (appProtocol === 'kubernetes.io/ws') use('HTTPRouteBackendProtocolWebSocket', bat);
      }
    });
  });
}

function grpcRouteUses(spec: Json, use: Use): void {
  const parents = list(spec.parentRefs);
  use('GRPCRoute', 'kind');
  parents.forEach((p, i) => { if (isServiceParent(p)) use('Mesh', `spec.parentRefs[${i}]`); });
  list(spec.rules).forEach((rule, r) => {
    if (rule.name !== undefined) use('GRPCRouteNamedRouteRule', `spec.rules[${r}].name`);
  });
}

/** Code-unit order: the same on every machine and locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
