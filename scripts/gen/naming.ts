import { Kind } from './crd';
import { SchemaPath } from './schema-walk';

/**
 * Readable type names for schema nodes, following the Go type names of the
 * Gateway API (apis/v1). A node not named here gets a name derived from its
 * parent's name and its field (`GatewayTLSConfigFrontend`), so nothing is
 * left anonymous. Structurally identical nodes share one name (see types.ts);
 * when several entries name the same structure, the entry listed first wins.
 */
const SHARED: Record<string, string> = {
  'status.conditions[]': 'Condition',
  'status.parents[].conditions[]': 'Condition',
  'status.listeners[].conditions[]': 'Condition',
  'status.ancestors[].conditions[]': 'Condition',
  'spec.parentRefs[]': 'ParentReference',
  'status.parents[].parentRef': 'ParentReference',
  'status.ancestors[].ancestorRef': 'ParentReference',
  'status.parents[]': 'RouteParentStatus',
  'status.ancestors[]': 'PolicyAncestorStatus',
  'status.listeners[]': 'ListenerStatus',
  'status.listeners[].supportedKinds[]': 'RouteGroupKind',
  'spec.listeners[].allowedRoutes': 'AllowedRoutes',
  'spec.listeners[].allowedRoutes.kinds[]': 'RouteGroupKind',
  'spec.listeners[].allowedRoutes.namespaces': 'RouteNamespaces',
  'spec.listeners[].allowedRoutes.namespaces.selector': 'LabelSelector',
  'spec.listeners[].allowedRoutes.namespaces.selector.matchExpressions[]': 'LabelSelectorRequirement',
  'spec.listeners[].tls': 'ListenerTLSConfig',
  'spec.listeners[].tls.certificateRefs[]': 'SecretObjectReference',
  'spec.rules[].filters[].requestHeaderModifier': 'HTTPHeaderFilter',
  'spec.rules[].filters[].responseHeaderModifier': 'HTTPHeaderFilter',
  'spec.rules[].filters[].requestHeaderModifier.set[]': 'HTTPHeader',
  'spec.rules[].filters[].requestHeaderModifier.add[]': 'HTTPHeader',
  'spec.rules[].filters[].requestMirror': 'HTTPRequestMirrorFilter',
  'spec.rules[].filters[].requestMirror.backendRef': 'BackendObjectReference',
  'spec.rules[].filters[].requestMirror.fraction': 'Fraction',
  'spec.rules[].filters[].extensionRef': 'LocalObjectReference',
  'spec.rules[].sessionPersistence': 'SessionPersistence',
  'spec.rules[].sessionPersistence.cookieConfig': 'CookieConfig',
};

const ROUTE_PREFIX: Partial<Record<Kind, string>> = {
  HTTPRoute: 'HTTP',
  GRPCRoute: 'GRPC',
  TLSRoute: 'TLS',
  TCPRoute: 'TCP',
  UDPRoute: 'UDP',
};

function routeNames(kind: Kind): Record<string, string> {
  const p = ROUTE_PREFIX[kind];
  if (!p) return {};
  const names: Record<string, string> = {
    'spec': `${kind}Spec`,
    'status': 'RouteStatus',
    'spec.rules[]': `${kind}Rule`,
    'spec.rules[].backendRefs[]': p === 'HTTP' || p === 'GRPC' ? `${p}BackendRef` : 'BackendRef',
    'spec.rules[].matches[]': `${kind}Match`,
  };
  if (p === 'HTTP') {
    Object.assign(names, {
      'spec.rules[].matches[].path': 'HTTPPathMatch',
      'spec.rules[].matches[].headers[]': 'HTTPHeaderMatch',
      'spec.rules[].matches[].queryParams[]': 'HTTPQueryParamMatch',
      'spec.rules[].filters[]': 'HTTPRouteFilter',
      'spec.rules[].backendRefs[].filters[]': 'HTTPRouteFilter',
      'spec.rules[].filters[].requestRedirect': 'HTTPRequestRedirectFilter',
      'spec.rules[].filters[].requestRedirect.path': 'HTTPPathModifier',
      'spec.rules[].filters[].urlRewrite': 'HTTPURLRewriteFilter',
      'spec.rules[].filters[].urlRewrite.path': 'HTTPPathModifier',
      'spec.rules[].filters[].cors': 'HTTPCORSFilter',
      'spec.rules[].filters[].externalAuth': 'HTTPExternalAuthFilter',
      'spec.rules[].filters[].externalAuth.backendRef': 'BackendObjectReference',
      'spec.rules[].filters[].externalAuth.forwardBody': 'ForwardBodyConfig',
      'spec.rules[].filters[].externalAuth.grpc': 'GRPCAuthConfig',
      'spec.rules[].filters[].externalAuth.http': 'HTTPAuthConfig',
      'spec.rules[].timeouts': 'HTTPRouteTimeouts',
      'spec.rules[].retry': 'HTTPRouteRetry',
    });
  }
  if (p === 'GRPC') {
    Object.assign(names, {
      'spec.rules[].matches[].method': 'GRPCMethodMatch',
      'spec.rules[].matches[].headers[]': 'GRPCHeaderMatch',
      'spec.rules[].filters[]': 'GRPCRouteFilter',
      'spec.rules[].backendRefs[].filters[]': 'GRPCRouteFilter',
    });
  }
  return names;
}

const KIND_NAMES: Partial<Record<Kind, Record<string, string>>> = {
  GatewayClass: {
    'spec': 'GatewayClassSpec',
    'status': 'GatewayClassStatus',
    'spec.parametersRef': 'ParametersReference',
    'status.supportedFeatures[]': 'SupportedFeature',
  },
  Gateway: {
    'spec': 'GatewaySpec',
    'status': 'GatewayStatus',
    'spec.listeners[]': 'Listener',
    'spec.addresses[]': 'GatewaySpecAddress',
    'status.addresses[]': 'GatewayStatusAddress',
    'spec.allowedListeners': 'AllowedListeners',
    'spec.allowedListeners.namespaces': 'ListenerNamespaces',
    'spec.allowedListeners.namespaces.selector': 'LabelSelector',
    'spec.allowedListeners.namespaces.selector.matchExpressions[]': 'LabelSelectorRequirement',
    'spec.infrastructure': 'GatewayInfrastructure',
    'spec.infrastructure.parametersRef': 'LocalParametersReference',
    'spec.tls': 'GatewayTLSConfig',
    'spec.tls.backend': 'GatewayBackendTLS',
    'spec.tls.backend.clientCertificateRef': 'SecretObjectReference',
    'spec.tls.frontend': 'FrontendTLSConfig',
    'spec.tls.frontend.default': 'TLSConfig',
    'spec.tls.frontend.default.validation': 'FrontendTLSValidation',
    'spec.tls.frontend.default.validation.caCertificateRefs[]': 'ObjectReference',
    'spec.tls.frontend.perPort[]': 'TLSPortConfig',
  },
  ListenerSet: {
    'spec': 'ListenerSetSpec',
    'status': 'ListenerSetStatus',
    'spec.listeners[]': 'ListenerEntry',
    'spec.parentRef': 'ParentGatewayReference',
  },
  ReferenceGrant: {
    'spec': 'ReferenceGrantSpec',
    'spec.from[]': 'ReferenceGrantFrom',
    'spec.to[]': 'ReferenceGrantTo',
  },
  BackendTLSPolicy: {
    'spec': 'BackendTLSPolicySpec',
    'status': 'PolicyStatus',
    'spec.targetRefs[]': 'LocalPolicyTargetReferenceWithSectionName',
    'spec.validation': 'BackendTLSPolicyValidation',
    'spec.validation.caCertificateRefs[]': 'LocalObjectReference',
    'spec.validation.subjectAltNames[]': 'SubjectAltName',
  },
};

/**
 * The table name for a node, or undefined. Paths under `backendRefs[].filters[]`
 * reuse the names of the rule-level filters.
 */
export function tableName(kind: Kind, path: SchemaPath): string | undefined {
  const own = { ...routeNames(kind), ...(KIND_NAMES[kind] ?? {}) };
  if (own[path]) return own[path];
  if (SHARED[path]) return SHARED[path];
  const folded = path.replace('spec.rules[].backendRefs[].filters[]', 'spec.rules[].filters[]');
  if (folded !== path) return own[folded] ?? SHARED[folded];
  return undefined;
}

/** The spec-reference anchor for a table-named type. */
export function referenceLink(name: string): string {
  return `https://gateway-api.sigs.k8s.io/reference/spec/#${name.toLowerCase()}`;
}

/** `caCertificateRefs` -> `CaCertificateRef`; `addresses` -> `Address`. */
export function fieldTypeName(field: string, isArrayItem: boolean): string {
  let f = field.charAt(0).toUpperCase() + field.slice(1);
  if (isArrayItem) {
    if (/ies$/.test(f)) f = f.replace(/ies$/, 'y');
    else if (/(ses|xes)$/.test(f)) f = f.replace(/es$/, '');
    else if (/s$/.test(f) && !/ss$/.test(f)) f = f.replace(/s$/, '');
    else f = `${f}Item`;
  }
  return f;
}
