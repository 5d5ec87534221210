import { DataPlane } from '../../src/testing';

// Status and routing decisions that hinge on one condition or one precedence
// rule of the controller. Each test here was written against a deliberate
// mutation of the rule it names (see docs/TESTING.md, "Mutation testing").

const G = 'gateway.networking.k8s.io/v1';
const gatewayClass = (spec: object = {}) => ({ apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl', ...spec } });
const svc = (namespace: string, name: string, ports: object[] = [{ port: 8080 }]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { ports } });
const gw = (listeners: object[], name = 'gw', namespace = 'infra') => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace, name }, spec: { gatewayClassName: 'cls', listeners } });
const http = (name: string, port: number, extra: object = {}) => ({ name, port, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } }, ...extra });
const route = (name: string, spec: object, kind = 'HTTPRoute') => ({ apiVersion: G, kind, metadata: { namespace: 'apps', name }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], ...spec } });
const cond = (conds: readonly any[] | undefined, type: string) => (conds ?? []).find((c) => c.type === type);

describe('a GatewayClass that is not Accepted', () => {
  // parametersRef naming a ConfigMap that does not exist: the class is Accepted=False, InvalidParameters.
  const objects = [
    gatewayClass({ parametersRef: { group: '', kind: 'ConfigMap', namespace: 'infra', name: 'missing' } }),
    gw([http('http', 80)]),
    svc('apps', 'a'),
    route('r', { rules: [{ backendRefs: [{ name: 'a', port: 8080 }] }] }),
  ];

  test('blocks its Gateway: Accepted=False (InvalidParameters), not Programmed, no traffic', () => {
    const p = DataPlane.fromManifests(objects);
    expect(cond(p.status('GatewayClass', undefined, 'cls')!.conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'InvalidParameters' });
    const st = p.status('Gateway', 'infra', 'gw')!;
    expect(cond(st.conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'InvalidParameters', message: expect.stringMatching(/GatewayClass cls is not accepted/) });
    expect(cond(st.conditions, 'Programmed')).toMatchObject({ status: 'False' });
    expect(() => p.http({ gateway: 'infra/gw', path: '/' })).not.toThrow();
    expect(p.http({ gateway: 'infra/gw', path: '/' }).backend).toBeUndefined();
  });

  test('the same objects with the ConfigMap present are accepted and route (control)', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'infra', name: 'missing' }, data: {} };
    const p = DataPlane.fromManifests([...objects, cm]);
    expect(cond(p.status('Gateway', 'infra', 'gw')!.conditions, 'Accepted')).toMatchObject({ status: 'True' });
    expect(p.http({ gateway: 'infra/gw', path: '/' }).backend?.name).toBe('a');
  });
});

describe('attachment ignores listener status; traffic does not', () => {
  // HTTP and TCP on port 80 conflict (ProtocolConflict): both are Accepted=False. Port 8080 is fine,
  // so the Gateway itself stays Accepted. The spec (ListenerStatus.AttachedRoutes) says attachment depends only
  // on allowedRoutes and parentRefs, and the count MUST be set on a listener whose Accepted is False.
  const objects = [
    gatewayClass(),
    gw([http('web', 80), { name: 'raw', port: 80, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } }, http('alt', 8080)]),
    svc('apps', 'a'),
    { ...route('to-web', { rules: [{ backendRefs: [{ name: 'a', port: 8080 }] }] }), spec: { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'web' }], rules: [{ backendRefs: [{ name: 'a', port: 8080 }] }] } },
    route('to-all', { rules: [{ backendRefs: [{ name: 'a', port: 8080 }] }] }),
  ];

  test('a route whose only selected listener is conflicted is attached and counted there, but gets no traffic', () => {
    const p = DataPlane.fromManifests(objects);
    const gwst = p.status('Gateway', 'infra', 'gw')!;
    expect(cond(gwst.conditions, 'Accepted')).toMatchObject({ status: 'True', reason: 'ListenersNotValid' });
    const web = gwst.listeners.find((l) => l.name === 'web')!;
    expect(cond(web.conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'ProtocolConflict' });
    expect(web.attachedRoutes).toBe(2);
    expect(cond(p.status('HTTPRoute', 'apps', 'to-web')!.parents[0].conditions, 'Accepted')).toMatchObject({ status: 'True', message: 'attached to listener(s) web' });
    expect(p.http({ gateway: 'infra/gw', port: 80, path: '/' }).outcome).toBe('refused');
  });

  test('a route without sectionName is counted on every listener it attaches to and served only where Accepted', () => {
    const p = DataPlane.fromManifests(objects);
    const gwst = p.status('Gateway', 'infra', 'gw')!;
    expect(gwst.listeners.map((l) => [l.name, l.attachedRoutes])).toEqual([['web', 2], ['raw', 0], ['alt', 1]]);
    expect(cond(p.status('HTTPRoute', 'apps', 'to-all')!.parents[0].conditions, 'Accepted')).toMatchObject({ status: 'True', message: 'attached to listener(s) web, alt' });
    expect(p.http({ gateway: 'infra/gw', port: 8080, path: '/' }).backend?.name).toBe('a');
  });
});

describe('gRPC filters', () => {
  test('RequestHeaderModifier changes what the backend receives, not the response', () => {
    const p = DataPlane.fromManifests([
      gatewayClass(), gw([http('http', 80)]), svc('apps', 'a'),
      route('g', {
        rules: [{
          filters: [
            { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Req', value: 'to-backend' }], remove: ['X-Drop'] } },
            { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'X-Resp', value: 'to-client' }] } },
          ],
          backendRefs: [{ name: 'a', port: 8080 }],
        }],
      }, 'GRPCRoute'),
    ]);
    const r = p.grpc({ gateway: 'infra/gw', service: 'pkg.Echo', method: 'Ping', headers: { 'X-Drop': 'x', 'X-Keep': 'k' } });
    expect(r.outcome).toBe('forwarded');
    expect(r.request!.headers).toMatchObject({ 'x-req': 'to-backend', 'x-keep': 'k' });
    expect(r.request!.headers['x-drop']).toBeUndefined();
    expect(r.request!.headers['x-resp']).toBeUndefined();
    expect(r.responseHeaders).toEqual({ 'x-resp': 'to-client' });
  });
});

describe('BackendTLSPolicy precedence', () => {
  const policy = (name: string, hostname: string, sectionName?: string) => ({
    apiVersion: G,
    kind: 'BackendTLSPolicy',
    metadata: { namespace: 'apps', name, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      targetRefs: [{ group: '', kind: 'Service', name: 'a', ...(sectionName ? { sectionName } : {}) }],
      validation: { wellKnownCACertificates: 'System', hostname },
    },
  });
  const objects = (policies: object[]) => [
    gatewayClass(), gw([http('http', 80)]),
    svc('apps', 'a', [{ name: 'https', port: 8443 }, { name: 'other', port: 9443 }]),
    route('r', { rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/s' } }], backendRefs: [{ name: 'a', port: 8443 }] }, { backendRefs: [{ name: 'a', port: 9443 }] }] }),
    ...policies,
  ];

  test.each([
    // equal creation times: the name decides which policy the plane sees first
    ['whole-Service policy first', [policy('a-whole', 'whole.example.com'), policy('b-port', 'port.example.com', 'https')]],
    ['sectionName policy first', [policy('a-port', 'port.example.com', 'https'), policy('b-whole', 'whole.example.com')]],
  ])('a policy naming the port (sectionName) beats one for the whole Service (%s)', (_, policies) => {
    const p = DataPlane.fromManifests(objects(policies));
    expect(p.diagnostics).toEqual([]);
    expect(p.http({ gateway: 'infra/gw', path: '/s' }).request?.sni).toBe('port.example.com');
    // the other port is covered only by the whole-Service policy
    expect(p.http({ gateway: 'infra/gw', path: '/x' }).request?.sni).toBe('whole.example.com');
  });
});

describe('listener selection by hostname', () => {
  const objects = (listeners: object[]) => [
    gatewayClass(), gw(listeners), svc('apps', 'a'), svc('apps', 'b'),
    { ...route('ra', {}), spec: { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'wild' }], rules: [{ backendRefs: [{ name: 'a', port: 8080 }] }] } },
    { ...route('rb', {}), spec: { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'exact' }], rules: [{ backendRefs: [{ name: 'b', port: 8080 }] }] } },
  ];
  const wild = http('wild', 80, { hostname: '*.example.com' });
  const exact = http('exact', 80, { hostname: 'a.example.com' });

  // 'a.example.com' and '*.example.com' have the same length: only the exact-over-wildcard rule decides.
  test.each([['wildcard listed first', [wild, exact]], ['exact listed first', [exact, wild]]])('an exact listener hostname wins over an equally long wildcard (%s)', (_, listeners) => {
    const p = DataPlane.fromManifests(objects(listeners));
    expect(p.http({ gateway: 'infra/gw', host: 'a.example.com', path: '/' }).backend?.name).toBe('b');
    expect(p.http({ gateway: 'infra/gw', host: 'c.example.com', path: '/' }).backend?.name).toBe('a');
  });

  test('an exact hostname wins over a longer wildcard that also matches', () => {
    const p = DataPlane.fromManifests(objects([http('wild', 80, { hostname: '*.deep.sub.example.com' }), http('exact', 80, { hostname: 'x.deep.sub.example.com' })]));
    expect(p.http({ gateway: 'infra/gw', host: 'x.deep.sub.example.com', path: '/' }).backend?.name).toBe('b');
  });

  test('a longer wildcard wins over a shorter one', () => {
    const p = DataPlane.fromManifests(objects([http('exact', 80, { hostname: '*.example.com' }), http('wild', 80, { hostname: '*.sub.example.com' })]));
    expect(p.http({ gateway: 'infra/gw', host: 'a.sub.example.com', path: '/' }).backend?.name).toBe('a');
  });
});
