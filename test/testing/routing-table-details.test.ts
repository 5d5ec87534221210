import { DataPlane } from '../../src/testing';

// Details of the routing table that the scenario tests leave open: every filter and policy line, the
// target of a backend that is not a Service, UDP next to TCP, a ListenerSet's listener, two Gateways in
// name order, unattached routes of every kind in order, and the reasons a parent gives.
const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const svc = (namespace: string, name: string, port = 80) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { ports: [{ port }] } });

const objects = [
  { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } },
  {
    apiVersion: G,
    kind: 'Gateway',
    metadata: { namespace: 'infra', name: 'b-gw' },
    spec: {
      gatewayClassName: 'cls',
      allowedListeners: { namespaces: { from: 'All' } },
      listeners: [
        { name: 'web', port: 80, protocol: 'HTTP', hostname: 'www.example.com', allowedRoutes: all },
        { name: 'dns', port: 53, protocol: 'UDP', allowedRoutes: all },
        { name: 'pg', port: 5432, protocol: 'TCP', allowedRoutes: all },
      ],
    },
  },
  { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'a-gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'plain', port: 8080, protocol: 'HTTP', allowedRoutes: all }] } },
  { apiVersion: G, kind: 'ListenerSet', metadata: { namespace: 'apps', name: 'extra' }, spec: { parentRef: { name: 'b-gw', namespace: 'infra' }, listeners: [{ name: 'extra', port: 9090, protocol: 'HTTP', allowedRoutes: all }] } },
  { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'theirs' }, spec: { controllerName: 'other.example.com/ctl' } },
  { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'foreign' }, spec: { gatewayClassName: 'theirs', listeners: [{ name: 'h', port: 80, protocol: 'HTTP' }] } },
  { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'classless' }, spec: { gatewayClassName: 'nowhere', listeners: [{ name: 'h', port: 80, protocol: 'HTTP' }] } },
  svc('apps', 'web'), svc('apps', 'dns', 53), svc('apps', 'pg', 5432), svc('other', 'web'),
  {
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace: 'apps', name: 'web' },
    spec: {
      parentRefs: [{ name: 'b-gw', namespace: 'infra', sectionName: 'web' }],
      rules: [
        {
          matches: [{ path: { type: 'Exact', value: '/all' } }],
          filters: [
            { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-s', value: '1' }], add: [{ name: 'x-a', value: '2' }], remove: ['x-r'] } },
            { type: 'CORS', cors: { allowOrigins: ['https://a.example.com', 'https://b.example.com'] } },
          ],
          retry: { attempts: 3, codes: [502, 503], backoff: '1s' },
          sessionPersistence: { sessionName: 's' },
          timeouts: { backendRequest: '2s' },
          backendRefs: [{ name: 'web', port: 80 }],
        },
        { matches: [{ path: { type: 'Exact', value: '/empty' } }], filters: [{ type: 'CORS', cors: {} }], retry: {}, backendRefs: [{ name: 'web', port: 80 }] },
        { matches: [{ path: { type: 'Exact', value: '/ext' } }], filters: [{ type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Auth', name: 'a' } }], backendRefs: [{ name: 'web', port: 80 }] },
        { matches: [{ path: { type: 'Exact', value: '/custom' } }], backendRefs: [{ group: 'example.com', kind: 'Bucket', name: 'files' }, { name: 'web', namespace: 'other', port: 80, weight: 0 }] },
      ],
    },
  },
  { apiVersion: G, kind: 'ReferenceGrant', metadata: { namespace: 'other', name: 'g' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] } },
  { apiVersion: G, kind: 'UDPRoute', metadata: { namespace: 'apps', name: 'dns' }, spec: { parentRefs: [{ name: 'b-gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'dns', port: 53 }] }] } },
  { apiVersion: G, kind: 'TCPRoute', metadata: { namespace: 'apps', name: 'pg' }, spec: { parentRefs: [{ name: 'b-gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'pg', port: 5432 }] }] } },
  { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'on-set' }, spec: { parentRefs: [{ kind: 'ListenerSet', name: 'extra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
  { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'z-lost' }, spec: { parentRefs: [{ name: 'foreign', namespace: 'infra' }, { kind: 'ListenerSet', name: 'nope' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
  { apiVersion: G, kind: 'TCPRoute', metadata: { namespace: 'apps', name: 'a-lost' }, spec: { parentRefs: [{ name: 'nowhere', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'pg', port: 5432 }] }] } },
  { apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'apps', name: 'g-lost' }, spec: { parentRefs: [{ name: 'foreign', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
];

const EXPECTED = `Gateway infra/a-gw (class cls)
  listener plain: HTTP port 8080, hostname *
    (no routes)
Gateway infra/b-gw (class cls)
  listener dns: UDP port 53, hostname *
    host * (UDPRoute)
      1. every connection -> UDPRoute apps/dns rule 0
         backend apps/dns:53 weight 1 (100%)
  listener web: HTTP port 80, hostname www.example.com
    host www.example.com
      1. Exact /all -> HTTPRoute apps/web rule 0
         filter response headers: set x-s: 1, add x-a: 2, remove x-r
         filter CORS: allow origins https://a.example.com https://b.example.com
         timeouts: backend request 2s
         retry: 3 attempts, on 502 503, backoff 1s
         session persistence
         backend apps/web:80 weight 1 (100%)
      2. Exact /empty -> HTTPRoute apps/web rule 1
         filter CORS: allow origins (none)
         retry: default
         backend apps/web:80 weight 1 (100%)
      3. Exact /ext -> HTTPRoute apps/web rule 2
         filter extensionRef example.com/Auth a (not modelled by the plane: 500)
         backend apps/web:80 weight 1 (100%)
      4. Exact /custom -> HTTPRoute apps/web rule 3
         backend example.com/Bucket apps/files weight 1 (100%) INVALID: InvalidKind: backend example.com/Bucket apps/files is not a supported kind (only core Service)
         backend other/web:80 weight 0 (0%)
         answers no valid backend: 500
  listener pg: TCP port 5432, hostname *
    host * (TCPRoute)
      1. every connection -> TCPRoute apps/pg rule 0
         backend apps/pg:5432 weight 1 (100%)
  listener extra: HTTP port 9090, hostname * from ListenerSet apps/extra
    host *
      1. PathPrefix / -> HTTPRoute apps/on-set rule 0
         backend apps/web:80 weight 1 (100%)
Gateway infra/classless (class nowhere)
  listener h: HTTP port 80, hostname *
    (no routes)
Gateway infra/foreign (class theirs)
  listener h: HTTP port 80, hostname *
    (no routes)
Not attached
  GRPCRoute apps/g-lost
    Gateway infra/foreign: NotAllowedByListeners: no selected listener allows GRPCRoute from namespace apps
  HTTPRoute apps/z-lost
    Gateway infra/foreign: NotAllowedByListeners: no selected listener allows HTTPRoute from namespace apps
    ListenerSet apps/nope: is not among the loaded objects (load every chart with DataPlane.fromApp, or add the manifest)
  TCPRoute apps/a-lost
    Gateway infra/nowhere: is not among the loaded objects (load every chart with DataPlane.fromApp, or add the manifest)
Notes
  assumed (referenced but not defined): GatewayClass nowhere
`;

describe('routing table details', () => {
  test('filters, policies, a backend that is not a Service, UDP and TCP, a ListenerSet listener, Gateways and unattached routes in order', () => {
    const plane = DataPlane.fromManifests(objects, { assumeMissing: true });
    expect(plane.routingTable()).toBe(EXPECTED);
    // the same facts as data
    const t = plane.routingTable({ format: 'json' });
    const b = t.gateways[1];
    expect(b.listeners.map((l) => [l.name, l.listenerSet])).toEqual([['dns', undefined], ['web', undefined], ['pg', undefined], ['extra', 'apps/extra']]);
    expect(b.listeners[0].hosts[0].kind).toBe('UDPRoute');
    const entries = b.listeners[1].hosts[0].entries;
    expect(entries[0].policies).toEqual(['timeouts: backend request 2s', 'retry: 3 attempts, on 502 503, backoff 1s', 'session persistence']);
    expect(entries[3].backends.map((x) => [x.target, x.fraction, x.invalid === undefined])).toEqual([['example.com/Bucket apps/files', 1, false], ['other/web:80', 0, true]]);
    expect(t.unattached.map((u) => `${u.kind} ${u.name}`)).toEqual(['GRPCRoute g-lost', 'HTTPRoute z-lost', 'TCPRoute a-lost']);
  });

  test('with a controller name: Gateways of other classes are not reconciled, and the notes and reasons say why', () => {
    const plane = DataPlane.fromManifests(objects, { controllerNames: ['example.com/ctl'] });
    const text = plane.routingTable();
    expect(text.startsWith(EXPECTED.slice(0, EXPECTED.indexOf('Gateway infra/classless')))).toBe(true);
    expect(text).not.toContain('Gateway infra/foreign (class theirs)');
    expect(text.slice(text.indexOf('Not attached'))).toBe(`Not attached
  GRPCRoute apps/g-lost
    Gateway infra/foreign: is not reconciled by the plane (its GatewayClass is not handled)
  HTTPRoute apps/z-lost
    Gateway infra/foreign: is not reconciled by the plane (its GatewayClass is not handled)
    ListenerSet apps/nope: is not among the loaded objects (load every chart with DataPlane.fromApp, or add the manifest)
  TCPRoute apps/a-lost
    Gateway infra/nowhere: is not among the loaded objects (load every chart with DataPlane.fromApp, or add the manifest)
Notes
  Gateway infra/classless is not reconciled: GatewayClass 'nowhere' is not among the objects (load it, or use assumeMissing)
  Gateway infra/foreign is not reconciled: GatewayClass 'theirs' belongs to a controller the plane does not act as (see the controllerNames option)
`);
  });

  test('header changes with only add or only remove, a mirror of every request, a redirect with only a scheme', () => {
    const plane = DataPlane.fromManifests([
      objects[0], objects[2], svc('apps', 'web'),
      {
        apiVersion: G,
        kind: 'HTTPRoute',
        metadata: { namespace: 'apps', name: 'r' },
        spec: {
          parentRefs: [{ name: 'a-gw', namespace: 'infra' }],
          rules: [
            {
              matches: [{ path: { type: 'Exact', value: '/h' } }],
              filters: [
                { type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x-a', value: '1' }] } },
                { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['x-r'] } },
                { type: 'RequestMirror', requestMirror: { backendRef: { name: 'web', port: 80 } } },
              ],
              backendRefs: [{ name: 'web', port: 80 }],
            },
            { matches: [{ path: { type: 'Exact', value: '/s' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] },
          ],
        },
      },
    ]);
    const entries = plane.routingTable({ format: 'json' }).gateways[0].listeners[0].hosts[0].entries;
    expect(entries[0].filters).toEqual(['request headers: add x-a: 1', 'response headers: remove x-r', 'mirror to apps/web:80']);
    expect(entries[1].redirect).toEqual({ status: 302, to: 'scheme https' });
  });

  test('two TCP routes without timestamps on one listener: the second is marked (document order)', () => {
    const tcp = (name: string) => ({ apiVersion: G, kind: 'TCPRoute', metadata: { namespace: 'apps', name }, spec: { parentRefs: [{ name: 'b-gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'pg', port: 5432 }] }] } });
    const plane = DataPlane.fromManifests([objects[0], objects[1], svc('apps', 'pg', 5432), tcp('first'), tcp('second')]);
    const pg = plane.routingTable({ format: 'json' }).gateways[0].listeners.find((l) => l.name === 'pg')!;
    expect(pg.hosts[0].entries.map((e) => [e.rule.name, e.orderFromDocuments])).toEqual([['first', undefined], ['second', true]]);
  });
});

