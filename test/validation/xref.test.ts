import { DataPlane } from '../../src/testing';
import { validateManifests, type Diagnostic } from '../../src/validation';
import { formatFieldPath } from '../../src/validation/field-path';
import type { IndexedObject } from '../../src/validation/manifest-index';
import { resetWorkCounters, snapshotWorkCounters } from '../../src/validation/work-counters';
import { isLikelyMisspelling, referencesOf } from '../../src/validation/xref-references';

const G = 'gateway.networking.k8s.io/v1';

function gateway(listeners: any[], extra: any = {}): any {
  return { apiVersion: G, kind: 'Gateway', metadata: { name: 'main', namespace: 'infra' }, spec: { gatewayClassName: 'c', listeners, ...extra } };
}
const http = (name: string, more: any = {}): any => ({ name, port: 80, protocol: 'HTTP', ...more });
function route(spec: any, namespace = 'apps', kind = 'HTTPRoute'): any {
  return { apiVersion: G, kind, metadata: { name: 'web', namespace }, spec: { rules: [{ backendRefs: [{ name: 'api', port: 80 }] }], ...spec } };
}
const parent = (more: any = {}): any => ({ name: 'main', namespace: 'infra', ...more });
const xref = (objects: any[]): Diagnostic[] => validateManifests(objects).filter((d) => d.code.startsWith('xref/'));

describe('attachment checks', () => {
  test('a route the listener accepts gives no diagnostics', () => {
    expect(validateManifests([gateway([http('web', { allowedRoutes: { namespaces: { from: 'All' } } })]), route({ parentRefs: [parent()] })])).toEqual([]);
  });

  test('fails if the listener does not allow the route namespace (xref/listener-not-allowed)', () => {
    expect(xref([gateway([http('web')]), route({ parentRefs: [parent({ sectionName: 'web' })] })])).toEqual([{
      code: 'xref/listener-not-allowed',
      severity: 'error',
      object: { kind: 'HTTPRoute', namespace: 'apps', name: 'web' },
      field: 'spec.parentRefs[0]',
      fix: 'set allowedRoutes.namespaces.from to All or Selector on the listener, or put the route in that namespace',
      message: "Gateway infra/main will not accept this HTTPRoute through parentRefs[0]: listener 'web' accepts routes only from its own namespace infra " +
        '(allowedRoutes.namespaces.from: Same, the default), not from apps; set allowedRoutes.namespaces.from to All or Selector on the listener, or put the route in that namespace',
    }]);
  });

  test('a namespace selector is checked against the Namespace labels, and only warns when the Namespace is not given', () => {
    const gw = gateway([http('web', { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'true' } } } } })]);
    const r = route({ parentRefs: [parent()] });
    const [unknown] = xref([gw, r]);
    expect(unknown).toEqual(expect.objectContaining({ code: 'xref/listener-not-allowed', severity: 'warning' }));
    expect(unknown.message).toMatch(/labelled gateway-access=true; no Namespace object for apps was given/);
    const ns = (labels: any): any => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps', labels } });
    expect(xref([gw, r, ns({ team: 'x' })])).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/namespace apps has \{team=x, kubernetes\.io\/metadata\.name=apps\}/) })]);
    expect(xref([gw, r, ns({ 'gateway-access': 'true' })])).toEqual([]);
  });

  test('fails if no listener serves the route kind (xref/route-kind-not-allowed)', () => {
    const gw = gateway([{ name: 'db', port: 5432, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } }]);
    expect(xref([gw, route({ parentRefs: [parent()] })])).toEqual([expect.objectContaining({
      code: 'xref/route-kind-not-allowed', message: expect.stringMatching(/listener 'db' \(protocol TCP\) accepts TCPRoute, not HTTPRoute$/),
    })]);
    const onlyGrpc = gateway([http('web', { allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } })]);
    expect(xref([onlyGrpc, route({ parentRefs: [parent()] })])[0].message).toMatch(/accepts GRPCRoute \(its allowedRoutes\.kinds\), not HTTPRoute/);
  });

  test('fails if no listener hostname intersects the route hostnames (xref/no-hostname-intersection)', () => {
    const gw = gateway([http('web', { hostname: '*.example.org', allowedRoutes: { namespaces: { from: 'All' } } })]);
    expect(xref([gw, route({ parentRefs: [parent()], hostnames: ['www.example.com'] })])).toEqual([expect.objectContaining({
      code: 'xref/no-hostname-intersection', message: expect.stringMatching(/listener 'web' has hostname \*\.example\.org, which none of the route's hostnames \(www\.example\.com\) matches/),
    })]);
    expect(xref([gw, route({ parentRefs: [parent()], hostnames: ['www.example.org'] })])).toEqual([]);
  });

  test('with several listeners, lists why each refuses, and is quiet when one accepts', () => {
    const gw = gateway([
      http('a', { hostname: 'a.example.com', allowedRoutes: { namespaces: { from: 'All' } } }),
      { name: 'b', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'c' }] } },
    ]);
    const [d] = xref([gw, route({ parentRefs: [parent()], hostnames: ['b.example.com'] })]);
    expect(d.code).toBe('xref/no-hostname-intersection');
    expect(d.message).toMatch(/^none of the 2 listeners of Gateway infra\/main accepts this HTTPRoute \(parentRefs\[0\]\): listener 'a' has hostname .*; listener 'b' accepts routes only from its own namespace infra/);
    expect(xref([gw, route({ parentRefs: [parent()], hostnames: ['a.example.com'] })])).toEqual([]);
  });

  test('fails if sectionName names no listener (xref/section-not-found)', () => {
    expect(xref([gateway([http('web')]), route({ parentRefs: [parent({ sectionName: 'https' })] }, 'infra')])).toEqual([expect.objectContaining({
      code: 'xref/section-not-found',
      field: 'spec.parentRefs[0].sectionName',
      message: "parentRefs[0] names sectionName 'https', but Gateway infra/main has no listener of that name; its listeners are: web",
    })]);
  });

  test('fails if port names no listener (xref/port-not-found)', () => {
    expect(xref([gateway([http('web')]), route({ parentRefs: [parent({ port: 8080 })] }, 'infra')])).toEqual([expect.objectContaining({
      code: 'xref/port-not-found',
      field: 'spec.parentRefs[0].port',
      message: 'parentRefs[0] names port 8080, but no listener of Gateway infra/main uses that port; its listeners: web (port 80)',
    })]);
  });

  test('warns if the parent is not among the objects while other Gateways are (xref/parent-not-found)', () => {
    expect(xref([gateway([http('web')]), route({ parentRefs: [{ name: 'edge', namespace: 'infra' }] })])).toEqual([expect.objectContaining({
      code: 'xref/parent-not-found', severity: 'warning', message: expect.stringMatching(/names Gateway infra\/edge, which is not among the given objects \(Gateway objects given: infra\/main\)/),
    })]);
    expect(xref([route({ parentRefs: [{ name: 'edge', namespace: 'infra' }] })])).toEqual([]);
  });

  test('a route can attach to a ListenerSet, whose namespace owns its listeners', () => {
    const ls = { apiVersion: G, kind: 'ListenerSet', metadata: { name: 'team', namespace: 'apps' }, spec: { parentRef: { name: 'main', namespace: 'infra' }, listeners: [http('team', { port: 8080 })] } };
    const gw = gateway([http('web')], { allowedListeners: { namespaces: { from: 'All' } } });
    expect(xref([gw, ls, route({ parentRefs: [{ kind: 'ListenerSet', name: 'team' }] })])).toEqual([]);
  });

  test('fails if the Gateway does not allow the ListenerSet (xref/listener-set-not-allowed)', () => {
    const ls = { apiVersion: G, kind: 'ListenerSet', metadata: { name: 'team', namespace: 'apps' }, spec: { parentRef: { name: 'main', namespace: 'infra' }, listeners: [http('team', { port: 8080 })] } };
    expect(xref([gateway([http('web')]), ls])).toEqual([expect.objectContaining({
      code: 'xref/listener-set-not-allowed', field: 'spec.parentRef', message: expect.stringMatching(/^Gateway infra\/main accepts no ListenerSets \(spec\.allowedListeners\.namespaces\.from is None, the default\)/),
    })]);
    expect(xref([gateway([http('web')], { allowedListeners: { namespaces: { from: 'Same' } } }), ls])[0].message).toMatch(/only from its own namespace infra, not from apps/);
  });

  test('warns if gatewayClassName names none of the given GatewayClasses (xref/gateway-class-not-found)', () => {
    const gc = { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'other' }, spec: { controllerName: 'example.com/x' } };
    expect(xref([gc, gateway([http('web')])])).toEqual([expect.objectContaining({ code: 'xref/gateway-class-not-found', severity: 'warning', field: 'spec.gatewayClassName' })]);
  });
});

describe('listener conflicts', () => {
  test('fails on incompatible protocols on one port (xref/listener-conflict)', () => {
    expect(xref([gateway([http('web'), { name: 'raw', port: 80, protocol: 'TCP' }])])).toEqual([expect.objectContaining({
      code: 'xref/listener-conflict',
      field: 'spec.listeners[1]',
      message: "listener 'raw' of Gateway infra/main (port 80, TCP, no hostname) conflicts with listener 'web' of Gateway infra/main (port 80, HTTP, no hostname) " +
        '(ProtocolConflict): HTTP and TCP cannot share a port (HTTP, HTTPS/TLS and TCP each need their own); move one to another port',
    })]);
  });

  test('fails on an HTTPS and a TLS listener with the same hostname on one port', () => {
    const d = xref([gateway([
      { name: 'a', port: 443, protocol: 'HTTPS', hostname: 'x.example.com', tls: { certificateRefs: [{ name: 'c' }] } },
      { name: 'b', port: 443, protocol: 'TLS', hostname: 'x.example.com', tls: { mode: 'Passthrough' } },
    ])]);
    expect(d).toEqual([expect.objectContaining({ code: 'xref/listener-conflict', message: expect.stringMatching(/\(HostnameConflict\): both would take the same hostname x\.example\.com/) })]);
  });

  test('a ListenerSet listener conflicting with its Gateway is reported on the ListenerSet; exact duplicates in one Gateway are left to the CRD rule', () => {
    const ls = { apiVersion: G, kind: 'ListenerSet', metadata: { name: 'team', namespace: 'infra' }, spec: { parentRef: { name: 'main' }, listeners: [http('team')] } };
    const gw = gateway([http('web'), http('web2')], { allowedListeners: { namespaces: { from: 'Same' } } });
    const all = validateManifests([gw, ls]);
    expect(all.map((d) => `${d.object?.kind} ${d.code}`)).toEqual([
      'Gateway cel/Gateway/listener-duplicate',
      'ListenerSet xref/listener-conflict',
      'ListenerSet xref/listener-conflict',
    ]);
  });
});

describe('references', () => {
  const svc = (name: string, namespace: string, ports: any[]): any => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ports } });

  test('fails if the Service does not expose the backend port (xref/service-port-not-exposed)', () => {
    const r = route({ rules: [{ backendRefs: [{ name: 'api', port: 8080 }] }] });
    expect(xref([svc('api', 'apps', [{ name: 'http', port: 80, targetPort: 8080 }, { port: 443 }]), r])).toEqual([expect.objectContaining({
      code: 'xref/service-port-not-exposed',
      field: 'spec.rules[0].backendRefs[0]',
      message: 'the backend asks for port 8080 of Service apps/api, which exposes 80 (http), 443; use one of those ports (backendRefs name the Service port, not the container targetPort)',
    })]);
    expect(xref([svc('api', 'apps', [{ port: 8080 }]), r])).toEqual([]);
  });

  test('warns if a backend Service is missing while others are given (xref/backend-not-found)', () => {
    expect(xref([svc('other', 'apps', [{ port: 80 }]), route({})])).toEqual([expect.objectContaining({ code: 'xref/backend-not-found', severity: 'warning' })]);
    // no Service given at all: the set is not meant to hold them, nothing is said
    expect(xref([route({})])).toEqual([]);
  });

  test('xref/backend-not-found states what the spec says happens to the traffic, per route kind and reference role', () => {
    const consequence = (kind: string, rule: any = { backendRefs: [{ name: 'api', port: 80 }] }) => {
      const found = xref([svc('other', 'apps', [{ port: 80 }]), route({ rules: [rule] }, 'apps', kind)]);
      expect(found.map((d) => d.code)).toEqual(['xref/backend-not-found']);
      expect(found[0].message).toContain(`the ${kind} gets ResolvedRefs=False (BackendNotFound) and `);
      return found[0].message.slice(found[0].message.indexOf('(BackendNotFound) and ') + '(BackendNotFound) and '.length);
    };
    expect(consequence('HTTPRoute')).toBe('requests that would go to it get HTTP status 500');
    expect(consequence('GRPCRoute')).toBe('requests that would go to it get gRPC status UNAVAILABLE');
    expect(consequence('TLSRoute')).toBe('connections that would go to it are refused');
    expect(consequence('TCPRoute')).toBe('connections that would go to it are refused');
    expect(consequence('UDPRoute')).toBe('packets that would go to it are dropped');
    // A missing mirror backend costs the mirror only; the HTTP status is not the consequence there.
    const mirror = consequence('HTTPRoute', { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 } } }], backendRefs: [{ name: 'other', port: 80 }] });
    expect(mirror).toBe('the mirror is not configured, so no requests are mirrored (the requests themselves are unaffected)');
    expect(mirror).not.toContain('500');
  });

  test('the data plane answers a missing backend as xref/backend-not-found says: 500, UNAVAILABLE, refused', () => {
    const l = (name: string, port: number, protocol: string, more: any = {}) => ({ name, port, protocol, allowedRoutes: { namespaces: { from: 'All' } }, ...more });
    const toGone = (kind: string, section: string, more: any = {}) => ({
      apiVersion: G,
      kind,
      metadata: { name: kind.toLowerCase(), namespace: 'apps' },
      spec: { parentRefs: [parent({ sectionName: section })], ...more, rules: [{ backendRefs: [{ name: 'gone', port: 80 }] }] },
    });
    const objects = [
      { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'c' }, spec: { controllerName: 'example.com/gw' } },
      gateway([l('http', 80, 'HTTP'), l('grpc', 8080, 'HTTP'), l('tcp', 5432, 'TCP'), l('udp', 53, 'UDP'), l('tls', 443, 'TLS', { tls: { mode: 'Passthrough' } })]),
      svc('other', 'apps', [{ port: 80 }]),
      toGone('HTTPRoute', 'http'), toGone('GRPCRoute', 'grpc'), toGone('TCPRoute', 'tcp'), toGone('UDPRoute', 'udp'), toGone('TLSRoute', 'tls', { hostnames: ['db.example.com'] }),
    ];
    const said = new Map(xref(objects).map((d) => [d.object!.kind, d.message.slice(d.message.indexOf('(BackendNotFound) and ') + 22)]));
    const plane = DataPlane.fromManifests(objects);
    expect(said.get('HTTPRoute')).toBe('requests that would go to it get HTTP status 500');
    expect(plane.http({ gateway: 'infra/main', path: '/' })).toMatchObject({ outcome: 'direct-response', status: 500 });
    expect(said.get('GRPCRoute')).toBe('requests that would go to it get gRPC status UNAVAILABLE');
    expect(plane.grpc({ gateway: 'infra/main', port: 8080, service: 'pkg.S', method: 'M' })).toMatchObject({ code: 14 });
    expect(said.get('TCPRoute')).toBe('connections that would go to it are refused');
    expect(plane.tcp({ gateway: 'infra/main', port: 5432 }).outcome).toBe('refused');
    expect(said.get('TLSRoute')).toBe('connections that would go to it are refused');
    expect(plane.tls({ gateway: 'infra/main', sni: 'db.example.com' }).outcome).toBe('refused');
    expect(said.get('UDPRoute')).toBe('packets that would go to it are dropped');
    expect(plane.udp({ gateway: 'infra/main', port: 53 }).outcome).toBe('refused');
  });

  test('xref/backend-not-found carries its fix apart; a Service of that name in another namespace is named', () => {
    const [d] = xref([svc('other', 'apps', [{ port: 80 }]), route({})]);
    expect(d.fix).toBe('check the name and namespace of the reference');
    expect(d.message).toMatch(/\(Services given: apps\/other\)/);
    const [slip] = xref([svc('api', 'backend', [{ port: 80 }]), route({})]);
    expect(slip).toMatchObject({ code: 'xref/backend-not-found', severity: 'warning', fix: "set the reference's namespace to backend, or check the name" });
    expect(slip.message).toContain('(a Service of that name is given in namespace backend)');
  });

  test('isLikelyMisspelling: one character more or less, or two adjacent ones swapped; not another character in one place', () => {
    for (const [a, b] of [['api', 'apii'], ['apii', 'api'], ['api', 'xapi'], ['web', 'wbe'], ['ab', 'ba'], ['billing', 'biling'], ['api', 'aip']]) {
      expect([a, b, isLikelyMisspelling(a, b)]).toEqual([a, b, true]);
    }
    for (const [a, b] of [['api', 'api'], ['api-v1', 'api-v2'], ['api', 'apixx'], ['abc', 'cba'], ['web', 'bew'], ['api', 'apx'], ['abcd', 'badc']]) {
      expect([a, b, isLikelyMisspelling(a, b)]).toEqual([a, b, false]);
    }
  });

  test("unlistedServices: 'elsewhere' takes a Service the set does not hold to be deployed separately, except a likely namespace slip", () => {
    const elsewhere = (objects: any[]) => validateManifests(objects, { unlistedServices: 'elsewhere' }).filter((d) => d.code.startsWith('xref/'));
    expect(elsewhere([svc('other', 'apps', [{ port: 80 }]), route({})])).toEqual([]);
    expect(elsewhere([svc('api', 'backend', [{ port: 80 }]), route({})]).map((d) => d.code)).toEqual(['xref/backend-not-found']);
    // a likely misspelling of a Service of the same namespace: 'api' for 'apii'; not one of another namespace, nor 'api' for 'apx'
    const [typo] = elsewhere([svc('apii', 'apps', [{ port: 80 }]), route({})]);
    expect(typo).toMatchObject({ code: 'xref/backend-not-found', fix: "name 'apii' if that is the Service meant" });
    expect(typo.message).toContain('(did you mean Service apps/apii?)');
    expect(elsewhere([svc('apii', 'other', [{ port: 80 }]), route({})])).toEqual([]);
    expect(elsewhere([svc('apx', 'apps', [{ port: 80 }]), route({})])).toEqual([]);
    // a Service that is given is still checked: its port
    expect(elsewhere([svc('api', 'apps', [{ port: 81 }]), route({})]).map((d) => d.code)).toEqual(['xref/service-port-not-exposed']);
    // external Services (by name) are exempt alike, only those
    const external = [{ group: '', kind: 'Service', name: 'api', namespace: 'apps' }];
    expect(validateManifests([svc('other', 'apps', [{ port: 80 }]), route({})], { external }).filter((d) => d.code === 'xref/backend-not-found')).toEqual([]);
    expect(validateManifests([svc('other', 'apps', [{ port: 80 }]), route({})], { external: [{ ...external[0], namespace: 'elsewhere' }] }).map((d) => d.code)).toEqual(['xref/backend-not-found']);
  });

  test('fails on a cross-namespace backend without a ReferenceGrant, naming the grant needed (xref/missing-reference-grant)', () => {
    const r = route({ rules: [{ backendRefs: [{ name: 'api', namespace: 'backend', port: 80 }] }] });
    expect(xref([r])).toEqual([{
      code: 'xref/missing-reference-grant',
      severity: 'error',
      object: { kind: 'HTTPRoute', namespace: 'apps', name: 'web' },
      field: 'spec.rules[0].backendRefs[0]',
      message: 'the backend Service backend/api is in another namespace, and no ReferenceGrant among the objects permits it; needed: a ReferenceGrant in namespace backend ' +
        "with from {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps} and to {group: '', kind: Service, name: api}",
      fix: "add a ReferenceGrant in namespace backend with from {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps} and to {group: '', kind: Service, name: api}",
    }]);
    const grant = { apiVersion: G, kind: 'ReferenceGrant', metadata: { name: 'g', namespace: 'backend' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] } };
    expect(xref([r, grant])).toEqual([]);
    const wrongKind = { ...grant, spec: { ...grant.spec, from: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'apps' }] } };
    expect(xref([r, wrongKind]).map((d) => d.code)).toEqual(['xref/missing-reference-grant']);
  });

  test('cross-namespace certificate Secrets, CA ConfigMaps and mirror backends need grants too', () => {
    const gw = gateway([{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert', namespace: 'certs' }] } }], {
      tls: { frontend: { default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca', namespace: 'pki' }] } } } },
    });
    const r = route({ rules: [{ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', namespace: 'debug', port: 80 } } }], backendRefs: [{ name: 'api', port: 80 }] }] });
    expect(xref([gw, r]).map((d) => `${d.object?.kind} ${d.field} ${d.message.split(' is in another namespace')[0]}`)).toEqual([
      'Gateway spec.listeners[0].tls.certificateRefs[0] the certificate Secret certs/cert',
      'Gateway spec.tls.frontend.default.validation.caCertificateRefs[0] the client CA certificate ConfigMap pki/ca',
      'HTTPRoute spec.rules[0].filters[0].requestMirror.backendRef the mirror backend Service debug/shadow',
    ]);
  });
});

describe('validateManifests', () => {
  test('groups diagnostics by object in input order and carries sources', () => {
    const { validateSourcedManifests } = require('../../src/validation');
    const bad = route({ parentRefs: [parent({ sectionName: 'nope' })], hostnames: ['BAD'] });
    const d: Diagnostic[] = validateSourcedManifests([{ object: gateway([http('web')]), source: 'gw.yaml#0' }, { object: bad, source: 'routes.yaml#1' }]);
    expect(d.map((x) => `${x.source} ${x.code}`)).toEqual(['routes.yaml#1 schema/pattern', 'routes.yaml#1 xref/section-not-found']);
  });
});

describe('the references of a route, read in one list', () => {
  const indexed = (spec: unknown): IndexedObject => ({
    index: 0,
    obj: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'apps' }, spec },
    id: { kind: 'HTTPRoute', namespace: 'apps', name: 'r' },
    group: 'gateway.networking.k8s.io',
    namespace: 'apps',
    name: 'r',
  });
  const mirror = (name: string, namespace?: string) => ({ type: 'RequestMirror', requestMirror: { backendRef: { name, port: 80, ...(namespace ? { namespace } : {}) } } });

  test('backends, then their filters\' mirrors, then the rule filters\', in document order, each at its field', () => {
    const spec = {
      rules: [
        { backendRefs: [{ name: 'a', port: 80 }, { name: 'b', namespace: 'other', filters: [{ type: 'RequestHeaderModifier' }, mirror('m1')] }], filters: [mirror('m2', 'x')] },
        { backendRefs: [{ group: 'example.com', kind: 'Pool', name: 'p' }, { port: 80 }] },
      ],
    };
    resetWorkCounters();
    const refs = referencesOf(indexed(spec)).map((r) => [formatFieldPath(r.at), r.role, r.group, r.kind, r.namespace, r.name, r.port]);
    expect(refs).toEqual([
      ['spec.rules[0].backendRefs[0]', 'backend', '', 'Service', undefined, 'a', 80],
      ['spec.rules[0].backendRefs[1]', 'backend', '', 'Service', 'other', 'b', undefined],
      ['spec.rules[0].backendRefs[1].filters[1].requestMirror.backendRef', 'mirror backend', '', 'Service', undefined, 'm1', 80],
      ['spec.rules[0].filters[0].requestMirror.backendRef', 'mirror backend', '', 'Service', 'x', 'm2', 80],
      ['spec.rules[1].backendRefs[0]', 'backend', 'example.com', 'Pool', undefined, 'p', undefined],
    ]);
    // only the two filter lists that are there are read (before: one location per backend and rule, 6)
    expect(snapshotWorkCounters().filterListsRead).toBe(2);
  });

  const auth = (name: string, more: object = {}) => ({ type: 'ExternalAuth', externalAuth: { protocol: 'HTTP', backendRef: { name, ...more } } });
  const row = (r: ReturnType<typeof referencesOf>[number]) => [formatFieldPath(r.at), r.role, r.group, r.kind, r.namespace, r.name, r.port];

  test('external auth backends of rules and backends, with their group, kind, namespace and port as written', () => {
    const spec = {
      rules: [
        { backendRefs: [{ name: 'a', filters: [auth('x1', { namespace: 'sec', port: 9000 })] }], filters: [auth('x2', { group: 'example.com', kind: 'Authz' }), mirror('m')] },
      ],
    };
    expect(referencesOf(indexed(spec)).map(row)).toEqual([
      ['spec.rules[0].backendRefs[0]', 'backend', '', 'Service', undefined, 'a', undefined],
      ['spec.rules[0].backendRefs[0].filters[0].externalAuth.backendRef', 'external auth backend', '', 'Service', 'sec', 'x1', 9000],
      ['spec.rules[0].filters[0].externalAuth.backendRef', 'external auth backend', 'example.com', 'Authz', undefined, 'x2', undefined],
      ['spec.rules[0].filters[1].requestMirror.backendRef', 'mirror backend', '', 'Service', undefined, 'm', 80],
    ]);
  });

  test('a namespace or port of the wrong type is left out; a reference without a name is no reference', () => {
    const spec = { rules: [{ backendRefs: [{ name: 'a', namespace: 7, port: '80' }, { namespace: 'x', port: 80 }, { name: 3 }] }] };
    const refs = referencesOf(indexed(spec));
    expect(refs.map(row)).toEqual([['spec.rules[0].backendRefs[0]', 'backend', '', 'Service', undefined, 'a', undefined]]);
    expect('namespace' in refs[0]).toBe(false);
    expect('port' in refs[0]).toBe(false);
  });

  test('lists, rules, backends and filters of the wrong shape are skipped, never thrown on', () => {
    for (const spec of [
      { rules: 'x' },
      { rules: [null, { backendRefs: 'x', filters: 'y' }, { backendRefs: [null, { name: 'a', filters: [null, {}, { requestMirror: null }, { externalAuth: {} }] }] }] },
    ]) {
      expect(() => referencesOf(indexed(spec))).not.toThrow();
    }
    const refs = referencesOf(indexed({ rules: [null, { backendRefs: [null, { name: 'a', filters: [null, { requestMirror: {} }] }], filters: [{ externalAuth: null }] }] }));
    expect(refs.map(row)).toEqual([['spec.rules[1].backendRefs[1]', 'backend', '', 'Service', undefined, 'a', undefined]]);
  });

  const gatewayObject = (kind: string, spec: unknown): IndexedObject => ({
    index: 0,
    obj: { apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'g', namespace: 'infra' }, spec },
    id: { kind, namespace: 'infra', name: 'g' },
    group: 'gateway.networking.k8s.io',
    namespace: 'infra',
    name: 'g',
  });

  test('a Gateway\'s references: listener certificates, then the client CA certificates (default, then per port), then the backend client certificate', () => {
    const spec = {
      listeners: [
        { name: 'a', tls: { certificateRefs: [{ name: 'c1' }, { name: 'c2', namespace: 'certs', group: '', kind: 'Secret' }] } },
        { name: 'b' },
        null,
        { name: 'c', tls: { certificateRefs: [{ name: 'c3', kind: 'Other', group: 'example.com' }] } },
      ],
      tls: {
        frontend: {
          default: { validation: { caCertificateRefs: [{ name: 'ca1' }, { name: 'ca2', namespace: 'pki' }] } },
          perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [{ name: 'ca3', kind: 'Secret', group: '' }] } } }, { port: 8443 }, null],
        },
        backend: { clientCertificateRef: { name: 'client', namespace: 'certs' } },
      },
    };
    expect(referencesOf(gatewayObject('Gateway', spec)).map(row)).toEqual([
      ['spec.listeners[0].tls.certificateRefs[0]', 'certificate', '', 'Secret', undefined, 'c1', undefined],
      ['spec.listeners[0].tls.certificateRefs[1]', 'certificate', '', 'Secret', 'certs', 'c2', undefined],
      ['spec.listeners[3].tls.certificateRefs[0]', 'certificate', 'example.com', 'Other', undefined, 'c3', undefined],
      ['spec.tls.frontend.default.validation.caCertificateRefs[0]', 'client CA certificate', '', 'ConfigMap', undefined, 'ca1', undefined],
      ['spec.tls.frontend.default.validation.caCertificateRefs[1]', 'client CA certificate', '', 'ConfigMap', 'pki', 'ca2', undefined],
      ['spec.tls.frontend.perPort[0].tls.validation.caCertificateRefs[0]', 'client CA certificate', '', 'Secret', undefined, 'ca3', undefined],
      ['spec.tls.backend.clientCertificateRef', 'client certificate', '', 'Secret', 'certs', 'client', undefined],
    ]);
  });

  test('a ListenerSet\'s listener certificates are read as a Gateway\'s; a Gateway without TLS has none; other kinds have none', () => {
    expect(referencesOf(gatewayObject('ListenerSet', { listeners: [{ name: 'a', tls: { certificateRefs: [{ name: 'c' }] } }] })).map(row))
      .toEqual([['spec.listeners[0].tls.certificateRefs[0]', 'certificate', '', 'Secret', undefined, 'c', undefined]]);
    expect(referencesOf(gatewayObject('Gateway', { listeners: 'x', tls: { frontend: { default: {}, perPort: 'x' }, backend: {} } }))).toEqual([]);
    expect(referencesOf(gatewayObject('Gateway', { listeners: [{ name: 'a', tls: { certificateRefs: 'x' } }], tls: { frontend: { default: { validation: { caCertificateRefs: 'x' } } } } }))).toEqual([]);
    expect(referencesOf(gatewayObject('GatewayClass', { listeners: [{ tls: { certificateRefs: [{ name: 'c' }] } }] }))).toEqual([]);
    // Per-port client CAs without a default validation.
    expect(referencesOf(gatewayObject('Gateway', { tls: { frontend: { perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [{ name: 'p' }] } } }] } } })).map(row))
      .toEqual([['spec.tls.frontend.perPort[0].tls.validation.caCertificateRefs[0]', 'client CA certificate', '', 'ConfigMap', undefined, 'p', undefined]]);
  });
});

describe('the attachment check reads each parent\'s listeners once', () => {
  test('five routes on one Gateway read its listeners once; the route naming a missing listener is still reported', () => {
    const routes = [0, 1, 2, 3, 4].map((i) => ({ ...route({ parentRefs: [parent({ sectionName: i === 4 ? 'nope' : 'web' })] }), metadata: { name: `r${i}`, namespace: 'infra' } }));
    resetWorkCounters();
    const found = xref([gateway([http('web')]), ...routes]);
    // (before: once per parentRef, 5)
    expect(snapshotWorkCounters().listenerViewsMade).toBe(1);
    expect(found.map((d) => [d.object?.name, d.code, d.field])).toEqual([['r4', 'xref/section-not-found', 'spec.parentRefs[0].sectionName']]);
  });
});

describe('parentRef diagnostics name what is there', () => {
  const open = { allowedRoutes: { namespaces: { from: 'All' } } };
  const diag = (objects: any[]) => xref(objects).map((d) => ({ code: d.code, severity: d.severity, field: d.field, message: d.message, fix: d.fix }));

  test('a Gateway that is not given, while others are: a warning listing the Gateways given', () => {
    const other = { ...gateway([http('web', open)]), metadata: { name: 'edge', namespace: 'infra' } };
    const second = { ...gateway([http('web', open)]), metadata: { name: 'int', namespace: 'ops' } };
    expect(diag([other, second, route({ parentRefs: [parent()] })])).toEqual([{
      code: 'xref/parent-not-found',
      severity: 'warning',
      field: 'spec.parentRefs[0]',
      message: 'parentRefs[0] names Gateway infra/main, which is not among the given objects (Gateway objects given: infra/edge, ops/int); check the name and namespace',
      fix: 'check the name and namespace of parentRefs[0] against the Gateway objects given',
    }]);
  });

  test('a sectionName no listener has: an error at the sectionName, listing the listeners, with the names to use', () => {
    const gw = gateway([http('web', open), http('api', { ...open, port: 8080 })]);
    expect(diag([gw, route({ parentRefs: [parent({ sectionName: 'nope' })] })])).toEqual([{
      code: 'xref/section-not-found',
      severity: 'error',
      field: 'spec.parentRefs[0].sectionName',
      message: "parentRefs[0] names sectionName 'nope', but Gateway infra/main has no listener of that name; its listeners are: web, api",
      fix: "set sectionName to one of 'web', 'api'",
    }]);
  });

  test('a Gateway without listeners: the sectionName and port errors say none, and offer no fix', () => {
    const gw = gateway([]);
    expect(diag([gw, route({ parentRefs: [parent({ sectionName: 'web' })] })])).toEqual([{
      code: 'xref/section-not-found',
      severity: 'error',
      field: 'spec.parentRefs[0].sectionName',
      message: "parentRefs[0] names sectionName 'web', but Gateway infra/main has no listener of that name; its listeners are: none",
      fix: undefined,
    }]);
    expect(diag([gw, route({ parentRefs: [parent({ port: 80 })] })])).toEqual([{
      code: 'xref/port-not-found',
      severity: 'error',
      field: 'spec.parentRefs[0].port',
      message: 'parentRefs[0] names port 80, but no listener of Gateway infra/main uses that port; its listeners: none',
      fix: undefined,
    }]);
  });

  test('a port no listener uses: an error at the port, listing each listener with its port', () => {
    const gw = gateway([http('web', open), http('api', { ...open, port: 8080 })]);
    expect(diag([gw, route({ parentRefs: [parent({ port: 9090 })] })])).toEqual([{
      code: 'xref/port-not-found',
      severity: 'error',
      field: 'spec.parentRefs[0].port',
      message: 'parentRefs[0] names port 9090, but no listener of Gateway infra/main uses that port; its listeners: web (port 80), api (port 8080)',
      fix: 'set port to that of one of the listeners, or remove it',
    }]);
    expect(diag([gw, route({ parentRefs: [parent({ sectionName: 'api', port: 80 })] })])).toEqual([{
      code: 'xref/port-not-found',
      severity: 'error',
      field: 'spec.parentRefs[0].port',
      message: "parentRefs[0] names port 80, but no listener of Gateway infra/main named 'api' uses that port; its listeners: web (port 80), api (port 8080)",
      fix: 'set port to that of one of the listeners, or drop sectionName, or remove it',
    }]);
  });
});
