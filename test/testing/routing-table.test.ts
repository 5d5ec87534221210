import { tlsSecret } from './tls-fixture';
import { DataPlane } from '../../src/testing';

const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const svc = (name: string, port = 80) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name }, spec: { ports: [{ port }] } });
const route = (name: string, spec: any, created?: string) => ({
  apiVersion: G,
  kind: 'HTTPRoute',
  metadata: { namespace: 'apps', name, ...(created ? { creationTimestamp: created } : {}) },
  spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], ...spec },
});

const objects = [
  { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } },
  {
    apiVersion: G,
    kind: 'Gateway',
    metadata: { namespace: 'infra', name: 'gw' },
    spec: {
      gatewayClassName: 'cls',
      listeners: [
        { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', tls: { certificateRefs: [{ name: 'cert' }] }, allowedRoutes: all },
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all },
      ],
    },
  },
  tlsSecret('infra', 'cert'),
  svc('api-v1'), svc('api-v2'), svc('web'), svc('fallback'),
  route('api', {
    hostnames: ['api.example.com'],
    rules: [
      {
        name: 'v2',
        matches: [{ path: { type: 'PathPrefix', value: '/v2' }, headers: [{ name: 'x-env', value: 'prod' }] }],
        filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-version', value: '2' }] } }],
        backendRefs: [{ name: 'api-v2', port: 80, weight: 90 }, { name: 'api-v1', port: 80, weight: 10 }],
      },
      { matches: [{ path: { type: 'RegularExpression', value: '/v[0-9]+/.*' } }], backendRefs: [{ name: 'api-v1', port: 80 }] },
      { backendRefs: [{ name: 'fallback', port: 80, weight: 0 }] },
    ],
  }, '2024-01-01T00:00:00Z'),
  route('to-https', {
    parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'http' }],
    rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
  }, '2024-01-02T00:00:00Z'),
  route('copy', { hostnames: ['api.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }, '2024-01-03T00:00:00Z'),
  route('lost', { parentRefs: [{ name: 'other', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }, '2024-01-04T00:00:00Z'),
];

const EXPECTED = `Gateway infra/gw (class cls)
  listener http: HTTP port 80, hostname *
    host api.example.com
      1. PathPrefix /v2, header x-env=prod -> HTTPRoute apps/api rule 0 (v2)
         filter request headers: set x-version: 2
         backend apps/api-v2:80 weight 90 (90%)
         backend apps/api-v1:80 weight 10 (10%)
      2. PathPrefix / -> HTTPRoute apps/api rule 2
         backend apps/fallback:80 weight 0 (0%)
         answers every weight is 0: 500
      3. PathPrefix / -> HTTPRoute apps/copy rule 0
         SHADOWED by HTTPRoute apps/api rule 2 match 0 [PathPrefix /]: it matches every request this one matches and comes first: equally specific, and its route is older (creationTimestamp 2024-01-01T00:00:00.000Z before 2024-01-03T00:00:00.000Z)
         backend apps/web:80 weight 1 (100%)
      4. RegularExpression /v[0-9]+/.* -> HTTPRoute apps/api rule 1
         SHADOWED by HTTPRoute apps/api rule 2 match 0 [PathPrefix /]: it matches every request this one matches and comes first: a PathPrefix path match ranks above a RegularExpression one
         backend apps/api-v1:80 weight 1 (100%)
    host *
      1. PathPrefix / -> HTTPRoute apps/to-https rule 0
         redirect 301 to scheme https
  listener https: HTTPS port 443, hostname *.example.com, TLS Terminate
    host api.example.com
      1. PathPrefix /v2, header x-env=prod -> HTTPRoute apps/api rule 0 (v2)
         filter request headers: set x-version: 2
         backend apps/api-v2:80 weight 90 (90%)
         backend apps/api-v1:80 weight 10 (10%)
      2. PathPrefix / -> HTTPRoute apps/api rule 2
         backend apps/fallback:80 weight 0 (0%)
         answers every weight is 0: 500
      3. PathPrefix / -> HTTPRoute apps/copy rule 0
         SHADOWED by HTTPRoute apps/api rule 2 match 0 [PathPrefix /]: it matches every request this one matches and comes first: equally specific, and its route is older (creationTimestamp 2024-01-01T00:00:00.000Z before 2024-01-03T00:00:00.000Z)
         backend apps/web:80 weight 1 (100%)
      4. RegularExpression /v[0-9]+/.* -> HTTPRoute apps/api rule 1
         SHADOWED by HTTPRoute apps/api rule 2 match 0 [PathPrefix /]: it matches every request this one matches and comes first: a PathPrefix path match ranks above a RegularExpression one
         backend apps/api-v1:80 weight 1 (100%)
Not attached
  HTTPRoute apps/lost
    Gateway infra/other: is not among the loaded objects (load every chart with DataPlane.fromApp, or add the manifest)
`;

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('routingTable()', () => {
  test('text: Gateways, listeners, hostnames, rules in precedence order with filters, backends, redirects, shadowing and unattached routes', () => {
    expect(DataPlane.fromManifests(objects).routingTable()).toBe(EXPECTED);
  });

  test('identical whatever the order of documents and of listeners', () => {
    const reorderedListeners = objects.map((o: any) => (o.kind === 'Gateway' ? { ...o, spec: { ...o.spec, listeners: [...o.spec.listeners].reverse() } } : o));
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(DataPlane.fromManifests(shuffled(reorderedListeners, seed)).routingTable()).toBe(EXPECTED);
    }
  });

  test('json: the same content as data', () => {
    const t = DataPlane.fromManifests(objects).routingTable({ format: 'json' });
    expect(t.gateways).toHaveLength(1);
    const https = t.gateways[0].listeners.find((l) => l.name === 'https')!;
    expect(https).toMatchObject({ port: 443, protocol: 'HTTPS', hostname: '*.example.com', tlsMode: 'Terminate' });
    expect(https.hosts[0].entries[0]).toEqual({
      rank: 1,
      rule: { kind: 'HTTPRoute', namespace: 'apps', name: 'api', rule: 0, ruleName: 'v2', match: 0, matches: 'PathPrefix /v2, header x-env=prod' },
      filters: ['request headers: set x-version: 2'],
      backends: [
        { target: 'apps/api-v2:80', weight: 90, fraction: 0.9 },
        { target: 'apps/api-v1:80', weight: 10, fraction: 0.1 },
      ],
    });
    expect(https.hosts[0].entries[2].shadowed).toEqual({
      by: 'HTTPRoute apps/api rule 2 match 0 [PathPrefix /]',
      reason: 'it matches every request this one matches and comes first: equally specific, and its route is older (creationTimestamp 2024-01-01T00:00:00.000Z before 2024-01-03T00:00:00.000Z)',
    });
    expect(t.unattached).toEqual([{ kind: 'HTTPRoute', namespace: 'apps', name: 'lost', reasons: ['Gateway infra/other: is not among the loaded objects (load every chart with DataPlane.fromApp, or add the manifest)'] }]);
    expect(t.shadowed).toHaveLength(4);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  test('where document order decides, the table says so', () => {
    const noTimes = objects.map((o: any) => (o.kind === 'HTTPRoute' ? { ...o, metadata: { namespace: o.metadata.namespace, name: o.metadata.name } } : o));
    const text = DataPlane.fromManifests(noTimes).routingTable();
    expect(text).toContain('3. PathPrefix / -> HTTPRoute apps/copy rule 0 (document order)');
    expect(text).toContain('equally specific, and its route comes first in document order (neither route has a creationTimestamp)');
    expect(text).toMatch(/Notes\n {2}entries marked "\(document order\)" are ordered by their place in the input/);
  });

  test('gRPC, TLS and TCP listeners; listeners of a Gateway that is not programmed; Gateways not reconciled; assumed objects', () => {
    const p = DataPlane.fromManifests([
      {
        apiVersion: G,
        kind: 'Gateway',
        metadata: { namespace: 'infra', name: 'edge' },
        spec: {
          gatewayClassName: 'assumed-class',
          listeners: [
            { name: 'grpc', port: 80, protocol: 'HTTP', allowedRoutes: all },
            { name: 'tls', port: 443, protocol: 'TLS', hostname: 'db.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all },
            { name: 'tcp', port: 5432, protocol: 'TCP', allowedRoutes: all },
          ],
        },
      },
      { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'theirs' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'h', port: 80, protocol: 'HTTP' }] } },
      { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'other.example.com/ctl' } },
      { apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'apps', name: 'echo' }, spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], rules: [{ matches: [{ method: { service: 'echo.Echo', method: 'Say' } }], backendRefs: [{ name: 'echo', port: 9000 }] }] } },
      { apiVersion: G, kind: 'TLSRoute', metadata: { namespace: 'apps', name: 'db' }, spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] } },
      { apiVersion: G, kind: 'TCPRoute', metadata: { namespace: 'apps', name: 'pg-a', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] } },
      { apiVersion: G, kind: 'TCPRoute', metadata: { namespace: 'apps', name: 'pg-b', creationTimestamp: '2024-02-01T00:00:00Z' }, spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] } },
    ], { assumeMissing: true, controllerNames: ['cdk8s-gateway-api.io/assumed'] });
    expect(p.routingTable()).toBe(`Gateway infra/edge (class assumed-class)
  listener grpc: HTTP port 80, hostname *
    host * (GRPCRoute)
      1. Exact echo.Echo/Say -> GRPCRoute apps/echo rule 0
         backend apps/echo:9000 weight 1 (100%)
  listener tls: TLS port 443, hostname db.example.com, TLS Passthrough
    host db.example.com (TLSRoute)
      1. every connection -> TLSRoute apps/db rule 0
         backend apps/db:5432 weight 1 (100%)
  listener tcp: TCP port 5432, hostname *
    host * (TCPRoute)
      1. every connection -> TCPRoute apps/pg-a rule 0
         backend apps/db:5432 weight 1 (100%)
      2. every connection -> TCPRoute apps/pg-b rule 0
         SHADOWED by TCPRoute apps/pg-a rule 0 [every connection]: it takes every connection to listener tcp and comes first: equally specific, and its route is older (creationTimestamp 2024-01-01T00:00:00.000Z before 2024-02-01T00:00:00.000Z)
         backend apps/db:5432 weight 1 (100%)
Notes
  Gateway infra/theirs is not reconciled: GatewayClass 'cls' belongs to a controller the plane does not act as (see the controllerNames option)
  assumed (referenced but not defined): GatewayClass assumed-class, Service apps/db, Service apps/echo
`);
  });

  test('invalid backends, listeners that are not ready, Gateways not programmed and parents that refuse a route say why', () => {
    const p = DataPlane.fromManifests([
      objects[0],
      {
        apiVersion: G,
        kind: 'Gateway',
        metadata: { namespace: 'infra', name: 'gw' },
        spec: { gatewayClassName: 'cls', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'absent' }] } }, { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }] },
      },
      { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'broken' }, spec: { controllerName: 'example.com/ctl', parametersRef: { group: 'example.com', kind: 'Params', name: 'p' } } },
      { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'down' }, spec: { gatewayClassName: 'broken', listeners: [{ name: 'http', port: 8080, protocol: 'HTTP' }] } },
      route('r', { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'http' }, { name: 'gw', namespace: 'infra', sectionName: 'grpc' }], rules: [{ backendRefs: [{ name: 'missing', port: 80 }] }] }),
    ]);
    const text = p.routingTable();
    expect(text).toMatch(/listener https: HTTPS port 443, hostname \*, TLS Terminate NOT READY: ResolvedRefs False: InvalidCertificateRef: .*absent.*\n {4}\(no routes\)\n/);
    expect(text).toMatch(/backend apps\/missing:80 weight 1 \(100%\) INVALID: BackendNotFound: .*missing.*\n {9}answers no valid backend: 500\n/);
    expect(text).toMatch(/Gateway infra\/down \(class broken\) NOT PROGRAMMED: \w+: .+\n/);
    expect(text).toMatch(/Not attached\n {2}HTTPRoute apps\/r\n {4}Gateway infra\/gw section grpc: NoMatchingParent: .+\n/);
  });

  test('an unknown format is an error', () => {
    expect(() => DataPlane.fromManifests([]).routingTable({ format: 'yaml' as any })).toThrow(/routingTable format 'yaml' is not understood; use 'text' or 'json'/);
    expect(DataPlane.fromManifests([]).routingTable()).toBe('(no Gateways)\n');
  });
});
