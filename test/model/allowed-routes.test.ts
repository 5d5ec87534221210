import { HOSTNAME_ROUTES, ROUTE_KINDS, isConnectionRoute, isRouteKind, listenerAllowsRoute, listenerRouteKinds, routeKindsForProtocol } from '../../src/model';

describe('listenerRouteKinds', () => {
  test('defaults per protocol', () => {
    expect(routeKindsForProtocol('HTTPS')).toEqual(['HTTPRoute', 'GRPCRoute']);
    expect(routeKindsForProtocol('TLS')).toEqual(['TLSRoute']);
    expect(routeKindsForProtocol('TCP')).toEqual(['TCPRoute']);
    expect(routeKindsForProtocol('UDP')).toEqual(['UDPRoute']);
    expect(routeKindsForProtocol('example.com/quic')).toEqual([]);
    expect(listenerRouteKinds('HTTP', undefined).supported.map((k) => k.kind)).toEqual(['HTTPRoute', 'GRPCRoute']);
  });
  test('an explicit list is filtered to what the protocol serves; the rest is invalid', () => {
    const r = listenerRouteKinds('HTTP', { kinds: [{ kind: 'HTTPRoute' }, { kind: 'TCPRoute' }, { group: 'example.com', kind: 'HTTPRoute' }] });
    expect(r.supported).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }]);
    expect(r.invalid).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'TCPRoute' }, { group: 'example.com', kind: 'HTTPRoute' }]);
  });
});

describe('listenerAllowsRoute', () => {
  const http = { protocol: 'HTTP' };
  test('Same (default) admits only the owner namespace', () => {
    expect(listenerAllowsRoute(http, 'infra', { kind: 'HTTPRoute', namespace: 'infra' }, {})).toBeUndefined();
    expect(listenerAllowsRoute(http, 'infra', { kind: 'HTTPRoute', namespace: 'apps' }, {})).toBe('namespace');
  });
  test('All admits every namespace', () => {
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }, 'infra', { kind: 'HTTPRoute', namespace: 'apps' }, {})).toBeUndefined();
  });
  test('Selector checks the route namespace labels', () => {
    const l = { protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector' as const, selector: { matchLabels: { 'gateway-access': 'true' } } } } };
    expect(listenerAllowsRoute(l, 'infra', { kind: 'HTTPRoute', namespace: 'apps' }, { 'gateway-access': 'true' })).toBeUndefined();
    expect(listenerAllowsRoute(l, 'infra', { kind: 'HTTPRoute', namespace: 'apps' }, {})).toBe('namespace');
  });
  test('refuses a kind the listener does not serve', () => {
    expect(listenerAllowsRoute(http, 'infra', { kind: 'TCPRoute', namespace: 'infra' }, {})).toBe('kind');
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }] } }, 'infra', { kind: 'HTTPRoute', namespace: 'infra' }, {})).toBe('kind');
  });
});

describe('route kinds', () => {
  test('the five route kinds, in reconcile order; nothing else is a route kind', () => {
    expect(ROUTE_KINDS).toEqual(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);
    for (const k of ROUTE_KINDS) expect(isRouteKind(k)).toBe(true);
    expect(isRouteKind('Gateway')).toBe(false);
    expect(isRouteKind('httproute')).toBe(false);
  });
  test('the kinds with hostnames are HTTPRoute, GRPCRoute and TLSRoute', () => {
    expect([...HOSTNAME_ROUTES]).toEqual(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);
    expect(HOSTNAME_ROUTES.has('TCPRoute')).toBe(false);
    expect(HOSTNAME_ROUTES.has('UDPRoute')).toBe(false);
  });
  test('TLSRoute, TCPRoute and UDPRoute forward connections; HTTPRoute, GRPCRoute and non-routes do not', () => {
    expect(ROUTE_KINDS.filter(isConnectionRoute)).toEqual(['TLSRoute', 'TCPRoute', 'UDPRoute']);
    expect(isConnectionRoute('Gateway')).toBe(false);
    expect(isConnectionRoute('tcproute')).toBe(false);
  });
});
