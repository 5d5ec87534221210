import { DataPlane } from '../../src/testing';

// Marks the routing table must put only where they belong: "(document order)" only between neighbours
// of different routes that are equal in precedence and both without creationTimestamp; a failure only
// when no backend can take traffic; the note only when some entry is marked.
const G = 'gateway.networking.k8s.io/v1';
const base = [
  { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } },
  {
    apiVersion: G,
    kind: 'Gateway',
    metadata: { namespace: 'infra', name: 'gw' },
    spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
  },
  ...['a', 'b', 'c'].map((name) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name }, spec: { ports: [{ port: 80 }] } })),
];
const route = (name: string, rules: any[], created?: string) => ({
  apiVersion: G,
  kind: 'HTTPRoute',
  metadata: { namespace: 'apps', name, ...(created ? { creationTimestamp: created } : {}) },
  spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['www.example.com'], rules },
});
const prefix = (value: string, backend = 'a') => ({ matches: [{ path: { type: 'PathPrefix', value } }], backendRefs: [{ name: backend, port: 80 }] });
const NOTE = 'entries marked "(document order)"';

function entries(objects: any[]) {
  const t = DataPlane.fromManifests(objects).routingTable({ format: 'json' });
  return { t, list: t.gateways[0].listeners[0].hosts[0].entries };
}

describe('routing table: the "(document order)" mark', () => {
  test('equal neighbours of two routes without timestamps are marked; the first entry never is', () => {
    const { t, list } = entries([...base, route('one', [prefix('/x', 'a')]), route('two', [prefix('/x', 'b')])]);
    expect(list.map((e) => [e.rule.name, e.orderFromDocuments])).toEqual([['one', undefined], ['two', true]]);
    expect(t.notes.some((n) => n.startsWith(NOTE))).toBe(true);
    expect(DataPlane.fromManifests([...base, route('one', [prefix('/x', 'a')]), route('two', [prefix('/x', 'b')])]).routingTable())
      .toContain('2. PathPrefix /x -> HTTPRoute apps/two rule 0 (document order)');
  });

  test('neighbours that are not equal in precedence are not marked, and there is no note', () => {
    const objects = [...base, route('one', [prefix('/x/y', 'a')]), route('two', [prefix('/x', 'b')])];
    const { t, list } = entries(objects);
    expect(list.map((e) => [e.rule.name, e.orderFromDocuments])).toEqual([['one', undefined], ['two', undefined]]);
    expect(t.notes).toEqual([]);
    expect(DataPlane.fromManifests(objects).routingTable()).not.toContain('(document order)');
  });

  test('two rules of one route are not marked (their order is the rule order)', () => {
    const { t, list } = entries([...base, route('one', [prefix('/x', 'a'), prefix('/x', 'b')])]);
    expect(list.map((e) => e.orderFromDocuments)).toEqual([undefined, undefined]);
    expect(t.notes).toEqual([]);
  });

  test('routes with timestamps (even one of the two) are not marked', () => {
    for (const [c1, c2] of [['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'], ['2024-01-01T00:00:00Z', undefined], [undefined, '2024-01-01T00:00:00Z']]) {
      const { t, list } = entries([...base, route('one', [prefix('/x', 'a')], c1), route('two', [prefix('/x', 'b')], c2)]);
      expect(list.map((e) => e.orderFromDocuments)).toEqual([undefined, undefined]);
      expect(t.notes).toEqual([]);
    }
  });

  test('a mark between the second and third entry only', () => {
    const { list } = entries([...base, route('one', [prefix('/x/y', 'a')]), route('two', [prefix('/x', 'b')]), route('three', [prefix('/x', 'c')])]);
    expect(list.map((e) => [e.rule.name, e.orderFromDocuments ?? false])).toEqual([['one', false], ['two', false], ['three', true]]);
  });
});

describe('routing table: backends and failures', () => {
  test('weights, fractions and the failure of each case', () => {
    const { list } = entries([...base, route('r', [
      { matches: [{ path: { type: 'Exact', value: '/split' } }], backendRefs: [{ name: 'a', port: 80, weight: 3 }, { name: 'b', port: 80, weight: 1 }, { name: 'c', port: 80, weight: 0 }] },
      { matches: [{ path: { type: 'Exact', value: '/zero' } }], backendRefs: [{ name: 'a', port: 80, weight: 0 }, { name: 'b', port: 80, weight: 0 }] },
      { matches: [{ path: { type: 'Exact', value: '/none' } }] },
      { matches: [{ path: { type: 'Exact', value: '/bad' } }], backendRefs: [{ name: 'missing', port: 80 }] },
      { matches: [{ path: { type: 'Exact', value: '/half' } }], backendRefs: [{ name: 'missing', port: 80 }, { name: 'a', port: 80 }] },
      { matches: [{ path: { type: 'Exact', value: '/default' } }], backendRefs: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] },
    ])]);
    const byPath = Object.fromEntries(list.map((e) => [e.rule.matches, e]));
    expect(byPath['Exact /split'].backends.map((b) => [b.target, b.weight, b.fraction])).toEqual([['apps/a:80', 3, 0.75], ['apps/b:80', 1, 0.25], ['apps/c:80', 0, 0]]);
    expect(byPath['Exact /split'].failure).toBeUndefined();
    expect(byPath['Exact /zero'].failure).toBe('every weight is 0: 500');
    expect(byPath['Exact /zero'].backends.map((b) => b.fraction)).toEqual([0, 0]);
    expect(byPath['Exact /none'].failure).toBe('no backendRefs: 500');
    expect(byPath['Exact /bad'].failure).toBe('no valid backend: 500');
    expect(byPath['Exact /bad'].backends[0].invalid).toMatch(/^BackendNotFound: /);
    expect(byPath['Exact /half'].failure).toBeUndefined();
    expect(byPath['Exact /half'].backends.map((b) => b.invalid === undefined)).toEqual([false, true]);
    expect(byPath['Exact /default'].backends.map((b) => [b.weight, b.fraction])).toEqual([[1, 0.5], [1, 0.5]]);
    expect(byPath['Exact /default'].backends.every((b) => b.filters === undefined)).toBe(true);
  });

  test('a redirect without status or target is 302 to the same URL; filters and policies are listed, absent when none', () => {
    const { list } = entries([...base, route('r', [
      { matches: [{ path: { type: 'Exact', value: '/r' } }], filters: [{ type: 'RequestRedirect', requestRedirect: {} }] },
      { matches: [{ path: { type: 'Exact', value: '/p' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'x.example.com', port: 8080, path: { type: 'ReplaceFullPath', replaceFullPath: '/y' } } }] },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/t' } }],
        timeouts: { request: '10s', backendRequest: '2s' },
        filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'in.example.com', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/in' } } }],
        backendRefs: [{ name: 'a', port: 80, filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'b', port: 80 }, percent: 25 } }] }],
      },
      prefix('/plain'),
    ])]);
    const byPath = Object.fromEntries(list.map((e) => [e.rule.matches, e]));
    expect(byPath['Exact /r'].redirect).toEqual({ status: 302, to: 'the same URL' });
    expect(byPath['Exact /r'].backends).toEqual([]);
    expect(byPath['Exact /r'].failure).toBeUndefined();
    expect(byPath['Exact /r'].filters).toEqual([]);
    expect(byPath['Exact /p'].redirect).toEqual({ status: 302, to: 'host x.example.com, port 8080, path /y' });
    expect(byPath['PathPrefix /t'].policies).toEqual(['timeouts: request 10s, backend request 2s']);
    expect(byPath['PathPrefix /t'].filters).toEqual(['rewrite host in.example.com, path prefix -> /in']);
    expect(byPath['PathPrefix /t'].backends[0].filters).toEqual(['mirror to apps/b:80 (25%)']);
    expect(byPath['PathPrefix /plain'].policies).toBeUndefined();
    expect(byPath['PathPrefix /plain'].redirect).toBeUndefined();
    expect(byPath['PathPrefix /plain'].shadowed).toBeUndefined();
  });
});

describe('routing table: empty cases', () => {
  test('no Gateways; a Gateway with a listener but no routes', () => {
    expect(DataPlane.fromManifests([]).routingTable()).toBe('(no Gateways)\n');
    expect(DataPlane.fromManifests(base).routingTable()).toBe('Gateway infra/gw (class cls)\n  listener http: HTTP port 80, hostname *\n    (no routes)\n');
  });
});
