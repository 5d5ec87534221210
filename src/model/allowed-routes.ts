import { GATEWAY_API_GROUP } from './api-group';
import { Labels, matchesLabelSelector } from './label-selector';
import type { AllowedRoutes, RouteGroupKind } from '../../generated';

/** The route kinds this library models, in the order they are reconciled and reported. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const;

/** One of {@link ROUTE_KINDS}. */
export type RouteKindName = (typeof ROUTE_KINDS)[number];

/** Whether `kind` is one of the route kinds this library models. */
export function isRouteKind(kind: string): kind is RouteKindName {
  return (ROUTE_KINDS as readonly string[]).includes(kind);
}

/**
 * The route kinds with `spec.hostnames`, the ones a listener hostname filters
 * (TCPRoute and UDPRoute have no hostnames).
 */
export const HOSTNAME_ROUTES: ReadonlySet<string> = new Set<RouteKindName>(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

/**
 * Whether `kind` forwards whole connections (TLSRoute, TCPRoute) or datagrams
 * (UDPRoute): its rules have no matches and no filters, so every rule's
 * backendRefs share the traffic of the route.
 */
export function isConnectionRoute(kind: string): boolean {
  return kind === 'TLSRoute' || kind === 'TCPRoute' || kind === 'UDPRoute';
}

/**
 * The route kinds a listener of `protocol` can serve, in the order they are
 * reported in `supportedKinds`: HTTP and HTTPS serve HTTPRoute and GRPCRoute,
 * TLS serves TLSRoute, TCP serves TCPRoute, UDP serves UDPRoute. Any other
 * protocol (an implementation-specific one) serves none.
 */
export function routeKindsForProtocol(protocol: string): string[] {
  switch (protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      return ['TLSRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return [];
  }
}

/** The outcome of resolving a listener's `allowedRoutes.kinds`. */
interface ListenerRouteKinds {
  /** The kinds the listener accepts (its `status.supportedKinds`). */
  readonly supported: RouteGroupKind[];
  /** Listed kinds the listener cannot serve; non-empty means `ResolvedRefs=False`, reason `InvalidRouteKinds`. */
  readonly invalid: RouteGroupKind[];
}

/**
 * Resolves the route kinds of a listener: the protocol's defaults when
 * `allowedRoutes.kinds` is absent or empty, else the listed kinds that the
 * protocol can serve (group defaults to `gateway.networking.k8s.io`), with the
 * others reported as invalid.
 */
export function listenerRouteKinds(protocol: string, allowedRoutes: AllowedRoutes | undefined): ListenerRouteKinds {
  const serves = routeKindsForProtocol(protocol);
  const listed = allowedRoutes?.kinds;
  if (!listed || listed.length === 0) {
    return { supported: serves.map((kind) => ({ group: GATEWAY_API_GROUP, kind })), invalid: [] };
  }
  const supported: RouteGroupKind[] = [];
  const invalid: RouteGroupKind[] = [];
  for (const k of listed) {
    const group = k.group ?? GATEWAY_API_GROUP;
    const entry = { group, kind: k.kind };
    if (group === GATEWAY_API_GROUP && serves.includes(k.kind)) {
      if (!supported.some((s) => s.kind === k.kind)) supported.push(entry);
    } else {
      invalid.push(entry);
    }
  }
  return { supported, invalid };
}

/** What {@link listenerAllowsRoute} needs to know about the route. */
interface RouteIdentity {
  /** Route kind, e.g. `HTTPRoute`. */
  readonly kind: string;
  /** Route API group. @default gateway.networking.k8s.io */
  readonly group?: string;
  /** The route's namespace. */
  readonly namespace: string;
}

/** Why a listener refused a route, or `undefined` when it admits it. */
type AllowedRoutesRefusal = 'namespace' | 'kind';

/**
 * Whether a listener admits a route, per its `allowedRoutes`: the kind must be
 * among the listener's supported kinds ({@link listenerRouteKinds}), and the
 * route's namespace must be allowed by `namespaces.from`: `Same` (the
 * default: the namespace of the Gateway or ListenerSet that owns the
 * listener), `All`, or `Selector` (the route namespace's labels satisfy the
 * selector; see {@link namespaceLabels}). Returns `undefined` when admitted,
 * else which check refused it (a route refused by every listener is
 * `Accepted=False`, reason `NotAllowedByListeners`).
 */
export function listenerAllowsRoute(
  listener: { readonly protocol: string; readonly allowedRoutes?: AllowedRoutes },
  ownerNamespace: string,
  route: RouteIdentity,
  routeNamespaceLabels: Labels,
): AllowedRoutesRefusal | undefined {
  const kinds = listenerRouteKinds(listener.protocol, listener.allowedRoutes).supported;
  const group = route.group ?? GATEWAY_API_GROUP;
  if (!kinds.some((k) => k.kind === route.kind && (k.group ?? GATEWAY_API_GROUP) === group)) return 'kind';
  const ns = listener.allowedRoutes?.namespaces;
  const from = ns?.from ?? 'Same';
  switch (from) {
    case 'All':
      return undefined;
    case 'Same':
      return route.namespace === ownerNamespace ? undefined : 'namespace';
    case 'Selector': {
      if (!ns?.selector) return 'namespace';
      try {
        return matchesLabelSelector(ns.selector, routeNamespaceLabels) ? undefined : 'namespace';
      } catch {
        return 'namespace';
      }
    }
    default:
      return 'namespace';
  }
}
