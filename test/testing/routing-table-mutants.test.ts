import { DataPlane, DataPlaneOptions, RoutingTable, RoutingTableListener } from '../../src/testing';

// Routing-table facts the other routing-table tests leave open (found by mutation testing, issue 15): filter
// lines with one part, filters the plane does not model, backend names by group and kind, the failure words of
// gRPC, TLS and TCP, listener order on one port, why a listener takes no traffic, the shadow mark of one match,
// and why a route is not attached.
const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const svc = (name: string, port: number) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name }, spec: { ports: [{ port }] } });
const gateway = (listeners: object[], name = 'gw', more: object = {}) => ({
  apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name }, spec: { gatewayClassName: 'cls', listeners, ...more },
});
const HTTP = { name: 'web', port: 80, protocol: 'HTTP', allowedRoutes: all };
const route = (kind: string, name: string, spec: object, metadata: object = {}) => ({ apiVersion: G, kind, metadata: { namespace: 'apps', name, ...metadata }, spec });
const toGw = { parentRefs: [{ name: 'gw', namespace: 'infra' }] };

function table(objects: object[], options: DataPlaneOptions = { assumeMissing: true }): RoutingTable {
  return DataPlane.fromManifests(objects, options).routingTable({ format: 'json' });
}
function onlyHost(t: RoutingTable) {
  const hosts = t.gateways[0].listeners[0].hosts;
  expect(hosts).toHaveLength(1);
  return hosts[0];
}

describe('routing table: filter, backend and policy lines', () => {
  const rules = [
    { matches: [{ path: { type: 'Exact', value: '/host' } }], filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'h.example.com' } }], backendRefs: [{ name: 'web', port: 80 }] },
    { matches: [{ path: { type: 'PathPrefix', value: '/path' } }], filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }], backendRefs: [{ name: 'web', port: 80 }] },
    { matches: [{ path: { type: 'Exact', value: '/auth' } }], filters: [{ type: 'ExternalAuth', externalAuth: { protocol: 'HTTP', http: {}, backendRef: { name: 'web', port: 80 } } }], backendRefs: [{ name: 'web', port: 80 }] },
    { matches: [{ path: { type: 'Exact', value: '/kinds' } }], backendRefs: [{ name: 'web', port: 80 }, { group: '', kind: 'ConfigMap', name: 'cm' }, { group: 'example.com', kind: 'Service', name: 'x', port: 80 }] },
    { matches: [{ path: { type: 'Exact', value: '/request-timeout' } }], timeouts: { request: '10s' }, backendRefs: [{ name: 'web', port: 80 }] },
    { matches: [{ path: { type: 'Exact', value: '/backend-timeout' } }], timeouts: { backendRequest: '2s' }, backendRefs: [{ name: 'web', port: 80 }] },
    { matches: [{ path: { type: 'Exact', value: '/nothing' } }] },
  ];
  const t = table([gateway([HTTP]), svc('web', 80), route('HTTPRoute', 'r', { ...toGw, rules })]);
  const entry = (path: string) => onlyHost(t).entries.find((e) => e.rule.matches.endsWith(` ${path}`))!;

  test('a URLRewrite of the hostname only, or of the path only, is one clause without an empty part', () => {
    expect(entry('/host').filters).toEqual(['rewrite host h.example.com']);
    expect(entry('/path').filters).toEqual(['rewrite path prefix -> /v2']);
  });

  test('a filter the plane does not model is named by its type with the 500 it gives', () => {
    expect(entry('/auth').filters).toEqual(['ExternalAuth (not modelled by the plane: 500)']);
  });

  test('a backend is named with its kind unless it is a core Service, and with its group unless core', () => {
    expect(entry('/kinds').backends.map((b) => b.target)).toEqual(['apps/web:80', 'ConfigMap apps/cm', 'example.com/Service apps/x:80']);
    expect(entry('/kinds').backends.map((b) => b.invalid?.split(':')[0])).toEqual([undefined, 'InvalidKind', 'InvalidKind']);
  });

  test('a rule with one of the two timeouts lists only that one', () => {
    expect(entry('/request-timeout').policies).toEqual(['timeouts: request 10s']);
    expect(entry('/backend-timeout').policies).toEqual(['timeouts: backend request 2s']);
    expect(entry('/kinds').policies).toBeUndefined();
  });

  test('a backend\'s own filters are listed under it in the text', () => {
    const backendRefs = [{ name: 'web', port: 80, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-b', value: '1' }] } }] }];
    const text = DataPlane.fromManifests([gateway([HTTP]), svc('web', 80), route('HTTPRoute', 'r', { ...toGw, rules: [{ backendRefs }] })], { assumeMissing: true }).routingTable();
    expect(text).toContain('         backend apps/web:80 weight 1 (100%)\n           filter request headers: set x-b: 1\n');
  });

  test('an HTTP rule without backendRefs or redirect answers 500', () => {
    expect(entry('/nothing')).toMatchObject({ backends: [], failure: 'no backendRefs: 500' });
    expect(entry('/nothing').redirect).toBeUndefined();
  });
});

describe('routing table: what gRPC, TLS and TCP rules without a backend answer', () => {
  test('a GRPCRoute rule without backendRefs answers UNAVAILABLE', () => {
    const t = table([gateway([HTTP]), route('GRPCRoute', 'g', { ...toGw, rules: [{ matches: [{ method: { service: 'echo.Echo' } }] }] })]);
    expect(onlyHost(t)).toMatchObject({ kind: 'GRPCRoute', entries: [{ backends: [], failure: 'no backendRefs: UNAVAILABLE' }] });
  });

  test('a TLSRoute whose only backend has weight 0 closes the connection', () => {
    const listener = { name: 'tls', port: 443, protocol: 'TLS', hostname: 'db.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all };
    const tls = route('TLSRoute', 't', { ...toGw, hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432, weight: 0 }] }] });
    const t = table([gateway([listener]), svc('db', 5432), tls]);
    expect(onlyHost(t)).toMatchObject({ kind: 'TLSRoute', entries: [{ failure: 'every weight is 0: connection closed' }] });
  });

  test('a TCPRoute whose backend is not valid closes the connection', () => {
    const tcp = route('TCPRoute', 't', { ...toGw, rules: [{ backendRefs: [{ group: 'example.com', kind: 'Db', name: 'db', port: 5432 }] }] });
    const t = table([gateway([{ name: 'pg', port: 5432, protocol: 'TCP', allowedRoutes: all }]), tcp]);
    expect(onlyHost(t)).toMatchObject({ hostname: '*', kind: 'TCPRoute', entries: [{ failure: 'no valid backend: connection closed' }] });
  });

  test('TCP and UDP listeners without routes have no host, and the text says (no routes)', () => {
    const objects = [gateway([{ name: 'pg', port: 5432, protocol: 'TCP', allowedRoutes: all }, { name: 'dns', port: 53, protocol: 'UDP', allowedRoutes: all }])];
    expect(table(objects).gateways[0].listeners.map((l) => [l.name, l.hosts])).toEqual([['dns', []], ['pg', []]]);
    expect(DataPlane.fromManifests(objects, { assumeMissing: true }).routingTable()).toContain('  listener pg: TCP port 5432, hostname *\n    (no routes)\n');
  });
});

describe('routing table: listeners', () => {
  const names = (ls: RoutingTableListener[]) => ls.map((l) => `${l.name}${l.listenerSet ? `@${l.listenerSet}` : ''}`);

  test('listeners of one port and protocol are ordered by hostname, the catch-all first, whatever their names', () => {
    const a = { ...HTTP, name: 'a', hostname: 'b.example.com' };
    const b = { ...HTTP, name: 'b', hostname: 'a.example.com' };
    const c = { ...HTTP, name: 'c' };
    for (const order of [[a, b, c], [c, b, a], [b, c, a]]) {
      expect(names(table([gateway(order)]).gateways[0].listeners)).toEqual(['c', 'b', 'a']);
    }
  });

  test('a ListenerSet listener equal to a Gateway listener comes by its owner, and says why it takes no traffic', () => {
    const objects = [
      gateway([{ ...HTTP, name: 'same' }], 'gw', { allowedListeners: { namespaces: { from: 'All' } } }),
      { apiVersion: G, kind: 'ListenerSet', metadata: { namespace: 'apps', name: 'extra' }, spec: { parentRef: { name: 'gw', namespace: 'infra' }, listeners: [{ ...HTTP, name: 'same' }, { ...HTTP, name: 'own', port: 90 }] } },
      { apiVersion: G, kind: 'ListenerSet', metadata: { namespace: 'zzz', name: 'late' }, spec: { parentRef: { name: 'gw', namespace: 'infra' }, listeners: [{ ...HTTP, name: 'same' }, { ...HTTP, name: 'own', port: 91 }] } },
    ];
    const listeners = table(objects).gateways[0].listeners;
    // owners apps/extra, infra/gw, zzz/late: the Gateway's own listener wins the conflict but sorts by its owner's name
    expect(names(listeners)).toEqual(['same@apps/extra', 'same', 'same@zzz/late', 'own@apps/extra', 'own@zzz/late']);
    expect(listeners.map((l) => l.notReady?.split(':')[0])).toEqual(['Accepted False', undefined, 'Accepted False', undefined, undefined]);
    expect(listeners[0].notReady).toMatch(/^Accepted False: HostnameConflict: .*listener same of Gateway infra\/gw/);
  });

  test('a listener of a Gateway that is not accepted says so, not one of its own conditions that hold', () => {
    const objects = [
      { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl', parametersRef: { group: 'example.com', kind: 'Params', name: 'p' } } },
      gateway([HTTP]),
    ];
    const gw = table(objects, {}).gateways[0];
    expect(gw.notProgrammed).toMatch(/^Invalid: /);
    expect(gw.listeners[0].notReady).toBe('Programmed False: Invalid: the Gateway is not accepted');
  });
});

describe('routing table: the shadow mark of one match', () => {
  test('a shadowed match of a rule marks that match only, not the rule\'s later matches', () => {
    const exact = (value: string) => ({ path: { type: 'Exact', value } });
    const objects = [
      gateway([HTTP]), svc('web', 80),
      route('HTTPRoute', 'old', { ...toGw, rules: [{ matches: [exact('/x')], backendRefs: [{ name: 'web', port: 80 }] }] }, { creationTimestamp: '2024-01-01T00:00:00Z' }),
      route('HTTPRoute', 'new', { ...toGw, rules: [{ matches: [exact('/y'), exact('/x'), exact('/z')], backendRefs: [{ name: 'web', port: 80 }] }] }, { creationTimestamp: '2024-02-01T00:00:00Z' }),
    ];
    const t = table(objects);
    const marked = onlyHost(t).entries.filter((e) => e.shadowed).map((e) => `${e.rule.name} ${e.rule.match} ${e.rule.matches}`);
    expect(marked).toEqual(['new 1 Exact /x']);
    expect(t.shadowed).toHaveLength(1);
  });
});

describe('routing table: why a route is not attached', () => {
  const reasonsOf = (t: RoutingTable, name: string) => t.unattached.find((u) => u.name === name)?.reasons;
  const notLoaded = (parent: string) => `${parent}: is not among the loaded objects (load every chart with DataPlane.fromApp, or add the manifest)`;
  const listenerSet = { apiVersion: G, kind: 'ListenerSet', metadata: { namespace: 'apps', name: 'extra' }, spec: { parentRef: { name: 'gw', namespace: 'infra' }, listeners: [{ ...HTTP, name: 'extra', port: 90 }] } };
  const base = [gateway([HTTP], 'gw', { allowedListeners: { namespaces: { from: 'All' } } }), listenerSet, svc('web', 80)];
  const rules = [{ backendRefs: [{ name: 'web', port: 80 }] }];

  test('each parentRef without a parent status is looked up by its own kind, namespace and name', () => {
    const parentRefs = [
      { name: 'gw', namespace: 'infra' }, // accepted
      { kind: 'ListenerSet', name: 'extra' }, // accepted
      { name: 'ghost', namespace: 'infra' }, // another name
      { name: 'gw', namespace: 'other' }, // another namespace
      { name: 'gw' }, // the route's namespace apps
      { kind: 'ListenerSet', name: 'gw', namespace: 'infra' }, // another kind
      { name: 'extra' }, // a Gateway apps/extra: the ListenerSet of that name is not it
    ];
    const t = table([...base, route('HTTPRoute', 'r', { parentRefs, rules })]);
    expect(reasonsOf(t, 'r')).toEqual([
      notLoaded('Gateway infra/ghost'), notLoaded('Gateway other/gw'), notLoaded('Gateway apps/gw'), notLoaded('ListenerSet infra/gw'), notLoaded('Gateway apps/extra'),
    ]);
  });

  test('a route every parent accepts is not listed', () => {
    const t = table([...base, route('HTTPRoute', 'fine', { parentRefs: [{ name: 'gw', namespace: 'infra' }, { kind: 'ListenerSet', name: 'extra' }], rules })]);
    expect(t.unattached).toEqual([]);
  });

  test('a parent that refuses the route is named with its kind, section and port', () => {
    const parentRefs = [{ name: 'gw', namespace: 'infra', port: 9999 }, { kind: 'ListenerSet', name: 'extra', sectionName: 'nope' }];
    const t = table([...base, route('HTTPRoute', 'r', { parentRefs, rules })]);
    expect(reasonsOf(t, 'r')).toEqual([
      'Gateway infra/gw port 9999: NoMatchingParent: no listener of Gateway infra/gw matches port 9999',
      'ListenerSet apps/extra section nope: NoMatchingParent: no listener of ListenerSet apps/extra matches sectionName nope',
    ]);
  });

  test('a parentRef that is not a Gateway or ListenerSet of the Gateway API group is named as such, even when a Gateway has its name', () => {
    const parentRefs = [
      { name: 'gw', namespace: 'infra' }, { group: '', kind: 'Service', name: 'web' }, { group: 'example.com', kind: 'Gateway', name: 'gw', namespace: 'infra' }, { kind: 'Mesh', name: 'm' },
    ];
    const t = table([...base, route('HTTPRoute', 'mesh', { parentRefs, rules })]);
    const why = 'not a Gateway or ListenerSet of gateway.networking.k8s.io (the plane attaches routes to those only)';
    expect(reasonsOf(t, 'mesh')).toEqual([`Service apps/web: ${why}`, `example.com/Gateway infra/gw: ${why}`, `Mesh apps/m: ${why}`]);
  });

  test('a route without parentRefs has no parent to be refused by and is not listed', () => {
    const t = table([...base, route('HTTPRoute', 'alone', { rules })]);
    expect(t.unattached).toEqual([]);
  });

  test('routes of kinds the implementation does not claim are not reconciled, and all are listed by kind, namespace and name', () => {
    const lost = { parentRefs: [{ name: 'ghost', namespace: 'infra' }], rules };
    const objects = [
      ...base,
      route('HTTPRoute', 'lost', lost),
      route('TCPRoute', 'b', { ...toGw, rules }),
      route('TCPRoute', 'a', { ...toGw, rules }),
      { ...route('TCPRoute', 'z', { ...toGw, rules }), metadata: { namespace: 'aaa', name: 'z' } },
      route('GRPCRoute', 'g', { ...toGw, rules }),
    ];
    const t = table(objects, { assumeMissing: true, implementation: { supportedFeatures: ['Gateway', 'HTTPRoute'] } });
    expect(t.unattached.map((u) => `${u.kind} ${u.namespace}/${u.name}`)).toEqual(['GRPCRoute apps/g', 'HTTPRoute apps/lost', 'TCPRoute aaa/z', 'TCPRoute apps/a', 'TCPRoute apps/b']);
    expect(reasonsOf(t, 'a')).toEqual(['not reconciled: TCPRoute is not in the given supportedFeatures']);
    expect(reasonsOf(t, 'g')).toEqual(['not reconciled: GRPCRoute is not in the given supportedFeatures']);
    expect(reasonsOf(t, 'lost')).toEqual([notLoaded('Gateway infra/ghost')]);
  });
});
