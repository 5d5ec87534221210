import type { RouteKindName } from './allowed-routes';

/**
 * What an implementation does with the traffic a route rule cannot deliver, because the backend it would
 * go to does not exist or because every backend of the rule has weight 0 (apis/v1, the BackendRefs of
 * each route kind): HTTP requests get status 500, gRPC requests status UNAVAILABLE, TLS and TCP
 * connections are refused, UDP packets are dropped. The data plane of `testing` answers the same way.
 */
export interface UndeliveredTraffic {
  /** What is sent, plural: `requests`, `connections`, `packets`. */
  readonly units: string;
  /** What happens to them, as a plural predicate: `get HTTP status 500`, `are refused`. */
  readonly fate: string;
}

const UNDELIVERED: Readonly<Record<RouteKindName, UndeliveredTraffic>> = {
  HTTPRoute: { units: 'requests', fate: 'get HTTP status 500' },
  GRPCRoute: { units: 'requests', fate: 'get gRPC status UNAVAILABLE' },
  TLSRoute: { units: 'connections', fate: 'are refused' },
  TCPRoute: { units: 'connections', fate: 'are refused' },
  UDPRoute: { units: 'packets', fate: 'are dropped' },
};

/** {@link UndeliveredTraffic} for a route kind. */
export function undeliveredTraffic(routeKind: RouteKindName): UndeliveredTraffic {
  return UNDELIVERED[routeKind];
}
