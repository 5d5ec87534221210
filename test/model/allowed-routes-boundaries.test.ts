import { GATEWAY_API_GROUP, listenerAllowsRoute, listenerRouteKinds, routeKindsForProtocol } from '../../src/model';

// Which routes a listener admits, on both sides of each rule: the kinds its protocol serves, a listed kind
// of another group, duplicates, and each `from` with the namespace equal or not.
describe('allowedRoutes boundaries', () => {
  test('kinds per protocol; an unknown protocol serves none', () => {
    expect(routeKindsForProtocol('HTTP')).toEqual(['HTTPRoute', 'GRPCRoute']);
    expect(routeKindsForProtocol('HTTPS')).toEqual(['HTTPRoute', 'GRPCRoute']);
    expect(routeKindsForProtocol('TLS')).toEqual(['TLSRoute']);
    expect(routeKindsForProtocol('TCP')).toEqual(['TCPRoute']);
    expect(routeKindsForProtocol('UDP')).toEqual(['UDPRoute']);
    expect(routeKindsForProtocol('example.com/x')).toEqual([]);
    expect(listenerRouteKinds('example.com/x', undefined)).toEqual({ supported: [], invalid: [] });
  });

  test('listed kinds: an empty list is the default; other groups, unserved kinds are invalid; duplicates once', () => {
    expect(listenerRouteKinds('HTTP', { kinds: [] }).supported.map((k) => k.kind)).toEqual(['HTTPRoute', 'GRPCRoute']);
    const r = listenerRouteKinds('HTTP', { kinds: [{ kind: 'HTTPRoute' }, { kind: 'HTTPRoute', group: GATEWAY_API_GROUP }, { kind: 'TCPRoute' }, { kind: 'HTTPRoute', group: 'example.com' }] });
    expect(r.supported).toEqual([{ group: GATEWAY_API_GROUP, kind: 'HTTPRoute' }]);
    expect(r.invalid).toEqual([{ group: GATEWAY_API_GROUP, kind: 'TCPRoute' }, { group: 'example.com', kind: 'HTTPRoute' }]);
  });

  const route = (kind: string, namespace: string, group?: string) => ({ kind, namespace, ...(group !== undefined ? { group } : {}) });

  test('a kind the listener does not take, or of another group, is refused as kind', () => {
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }, 'infra', route('TCPRoute', 'infra'), {})).toBe('kind');
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }, 'infra', route('HTTPRoute', 'infra', 'example.com'), {})).toBe('kind');
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }], namespaces: { from: 'All' } } }, 'infra', route('HTTPRoute', 'infra'), {})).toBe('kind');
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { kinds: [{ kind: 'GRPCRoute' }], namespaces: { from: 'All' } } }, 'infra', route('GRPCRoute', 'apps'), {})).toBeUndefined();
  });

  test('from: Same (the default) takes only the owner namespace; All takes any; Selector by labels', () => {
    expect(listenerAllowsRoute({ protocol: 'HTTP' }, 'infra', route('HTTPRoute', 'infra'), {})).toBeUndefined();
    expect(listenerAllowsRoute({ protocol: 'HTTP' }, 'infra', route('HTTPRoute', 'apps'), {})).toBe('namespace');
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }, 'infra', route('HTTPRoute', 'apps'), {})).toBe('namespace');
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }, 'infra', route('HTTPRoute', 'apps'), {})).toBeUndefined();
    const selector: any = { protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'x' } } } } };
    expect(listenerAllowsRoute(selector, 'infra', route('HTTPRoute', 'apps'), { team: 'x' })).toBeUndefined();
    expect(listenerAllowsRoute(selector, 'infra', route('HTTPRoute', 'apps'), { team: 'y' })).toBe('namespace');
    // the owner's namespace is not admitted by Selector unless its labels match
    expect(listenerAllowsRoute(selector, 'infra', route('HTTPRoute', 'infra'), {})).toBe('namespace');
  });

  test('Selector without a selector, an invalid selector, or an unknown from refuse every namespace', () => {
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector' } } }, 'infra', route('HTTPRoute', 'infra'), {})).toBe('namespace');
    const bad: any = { protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'team', operator: 'In', values: [] }] } } } };
    expect(listenerAllowsRoute(bad, 'infra', route('HTTPRoute', 'apps'), { team: 'x' })).toBe('namespace');
    expect(listenerAllowsRoute({ protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Elsewhere' } } } as any, 'infra', route('HTTPRoute', 'infra'), {})).toBe('namespace');
  });
});
