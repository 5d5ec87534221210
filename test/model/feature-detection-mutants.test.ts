import { detectFeatures, detectFeatureUses } from '../../src/model/feature-detection';

// Edges of feature detection the main test file leaves open: malformed input, defaults of namespace and name,
// routes with parents of both kinds, Services that do or do not count for a backend's appProtocol.

const GW = 'gateway.networking.k8s.io/v1';
const route = (rule: any, extra: any = {}) => ({ apiVersion: GW, kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'apps' }, spec: { parentRefs: [{ name: 'gw' }], rules: [rule], ...extra } });
const gateway = (spec: any) => ({ apiVersion: GW, kind: 'Gateway', metadata: { name: 'gw' }, spec: { gatewayClassName: 'c', ...spec } });
const service = (metadata: any, ports: any[], extra: any = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata, spec: { ports }, ...extra });
const h2c = 'kubernetes.io/h2c';

/** `feature@field` of every use. */
function uses(...objects: unknown[]): string[] {
  return detectFeatureUses(objects).map(u => `${u.feature}@${u.field}`);
}

describe('feature detection: malformed objects are skipped, not thrown on', () => {
  test('null, strings, arrays and objects without a string kind use nothing, and do not hide the objects next to them', () => {
    const r = route({});
    expect(uses(null, 'HTTPRoute', [r], { kind: 5, apiVersion: GW }, r)).toEqual(['HTTPRoute@kind']);
    expect(detectFeatureUses([null, r])[0].index).toBe(1);
  });

  test('an object without apiVersion is read by its kind; one with a non-string apiVersion too', () => {
    const { apiVersion: _, ...noApiVersion } = route({ matches: [{ method: 'GET' }] });
    expect(uses(noApiVersion)).toEqual(['HTTPRoute@kind', 'HTTPRouteMethodMatching@spec.rules[0].matches[0].method']);
    expect(uses({ ...route({}), apiVersion: 1 })).toEqual(['HTTPRoute@kind']);
  });

  test('labels or annotations that are not a map (a list, a string) propagate nothing', () => {
    for (const labels of [['a'], 'ab', null]) expect(uses(gateway({ infrastructure: { labels, annotations: labels } }))).toEqual(['Gateway@kind']);
    expect(uses(gateway({ infrastructure: { annotations: { a: 'b' } } }))).toEqual(['Gateway@kind', 'GatewayInfrastructurePropagation@spec.infrastructure.annotations']);
  });

  test('a null queryParams is no query match', () => {
    expect(uses(route({ matches: [{ queryParams: null }] }))).toEqual(['HTTPRoute@kind']);
  });
});

describe('feature detection: where a use is reported', () => {
  test('an object without a name is reported with name ""; an empty namespace is `default`', () => {
    const [u] = detectFeatureUses([{ apiVersion: GW, kind: 'TCPRoute', metadata: { namespace: '' } }]);
    expect(u).toEqual({ feature: 'TCPRoute', index: 0, kind: 'TCPRoute', namespace: 'default', name: '', field: 'kind' });
    expect(detectFeatureUses([{ apiVersion: GW, kind: 'TCPRoute' }])[0]).toMatchObject({ namespace: 'default', name: '' });
  });

  test('a ListenerSet reports its listeners under spec.listeners', () => {
    const ls = { apiVersion: GW, kind: 'ListenerSet', metadata: { name: 'ls' }, spec: { listeners: [{ name: 'a', port: 8080, protocol: 'HTTP' }] } };
    expect(uses(ls)).toEqual(['ListenerSet@kind', 'GatewayPort8080@spec.listeners[0].port']);
  });

  test('an experimental feature is reported with channel experimental, a standard one with standard', () => {
    const out = detectFeatures([route({ retry: { attempts: 2 } })]);
    expect(out.map(f => [f.name, f.channel])).toEqual([['HTTPRoute', 'standard'], ['HTTPRouteRetry', 'experimental']]);
  });

  test('an address with an empty value is GatewayAddressEmpty, not a static address', () => {
    expect(uses(gateway({ addresses: [{ type: 'IPAddress', value: '' }] }))).toEqual(['Gateway@kind', 'GatewayAddressEmpty@spec.addresses[0]']);
  });

  test('client certificate validation per port is reported on that port; ports without validation are not', () => {
    const g = gateway({
      tls: {
        frontend: {
          perPort: [
            { port: 443 },
            { port: 8443, tls: {} },
            { port: 9443, tls: { validation: { caCertificateRefs: [{ name: 'ca' }], mode: 'AllowInsecureFallback' } } },
          ],
        },
      },
    });
    expect(uses(g)).toEqual([
      'Gateway@kind',
      'GatewayFrontendClientCertificateValidation@spec.tls.frontend.perPort[2].tls.validation',
      'GatewayFrontendClientCertificateValidationInsecureFallback@spec.tls.frontend.perPort[2].tls.validation.mode',
    ]);
  });

  test('mixed TLS modes are reported on the TLS listeners of the port, not on an HTTP listener sharing it', () => {
    const listeners = [
      { name: 'p', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
      { name: 't', port: 443, protocol: 'TLS', tls: { mode: 'Terminate' } },
      { name: 'h', port: 443, protocol: 'HTTP' },
    ];
    expect(uses(gateway({ listeners })).filter(u => u.startsWith('TLSRouteModeMixed'))).toEqual(['TLSRouteModeMixed@spec.listeners[0]', 'TLSRouteModeMixed@spec.listeners[1]']);
  });
});

describe('feature detection: filters', () => {
  test('a URLRewrite of the path only is no host rewrite; of the host only is no path rewrite', () => {
    expect(uses(route({ filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } } }] })))
      .toEqual(['HTTPRoute@kind', 'HTTPRoutePathRewrite@spec.rules[0].filters[0].urlRewrite.path']);
    expect(uses(route({ filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'x.example' } }] })))
      .toEqual(['HTTPRoute@kind', 'HTTPRouteHostRewrite@spec.rules[0].filters[0].urlRewrite.hostname']);
  });

  test('a mirror without percent or fraction is no percentage mirror', () => {
    expect(uses(route({ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 } } }] })))
      .toEqual(['HTTPRoute@kind', 'HTTPRouteRequestMirror@spec.rules[0].filters[0]']);
  });

  test('another filter before a single mirror does not make multiple mirrors', () => {
    const cors = { type: 'CORS', cors: { allowOrigins: ['https://a.example'] } };
    const mirror = { type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 } } };
    expect(uses(route({ filters: [cors, mirror] }))).toEqual(['HTTPRoute@kind', 'HTTPRouteCORS@spec.rules[0].filters[0]', 'HTTPRouteRequestMirror@spec.rules[0].filters[1]']);
  });

  test('two mirrors on one backendRef are multiple mirrors, reported under that backendRef', () => {
    const mirror = (name: string) => ({ type: 'RequestMirror', requestMirror: { backendRef: { name, port: 80 } } });
    expect(uses(route({ backendRefs: [{ name: 's', port: 80, filters: [mirror('a'), mirror('b')] }] })).filter(u => u.startsWith('HTTPRouteRequestMultipleMirrors')))
      .toEqual(['HTTPRouteRequestMultipleMirrors@spec.rules[0].backendRefs[0].filters[1]']);
  });

  test('a filter of an unknown type uses nothing', () => {
    expect(uses(route({ filters: [{ type: 'ExtensionRef', extensionRef: { group: 'x', kind: 'Y', name: 'z' } }] }))).toEqual(['HTTPRoute@kind']);
  });
});

describe('feature detection: mesh parents', () => {
  test.each([
    [{ kind: 'Gateway', group: '', name: 'gw' }, false],
    [{ kind: 'Service', group: 'example.com', name: 'svc' }, false],
    [{ kind: 'Service', name: 'svc' }, false],
    [{ kind: 'Service', group: '', name: 'svc' }, true],
    [{ kind: 'Service', group: 'core', name: 'svc' }, true],
  ])('parentRef %j is a mesh parent: %s', (parent, mesh) => {
    expect(uses(route({}, { parentRefs: [parent] })).includes('Mesh@spec.parentRefs[0]')).toBe(mesh);
  });

  test('a route with a Service parent and a Gateway parent uses the Gateway feature names', () => {
    const r = route({ name: 'n', matches: [{ queryParams: [{ name: 'q', value: 'v' }] }] }, { parentRefs: [{ name: 'gw' }, { group: '', kind: 'Service', name: 'svc' }] });
    expect(uses(r)).toEqual(['HTTPRoute@kind', 'Mesh@spec.parentRefs[1]', 'HTTPRouteNamedRouteRule@spec.rules[0].name', 'HTTPRouteQueryParamMatching@spec.rules[0].matches[0].queryParams']);
  });

  test('a Service parent in the route\'s own namespace, named explicitly, is no consumer route', () => {
    expect(uses(route({}, { parentRefs: [{ group: '', kind: 'Service', name: 'svc', namespace: 'apps' }] }))).toEqual(['HTTPRoute@kind', 'Mesh@spec.parentRefs[0]']);
  });

  test('a GRPCRoute with a Service parent is Mesh on that parent only', () => {
    const g = { apiVersion: GW, kind: 'GRPCRoute', metadata: { name: 'g' }, spec: { parentRefs: [{ name: 'gw' }, { group: '', kind: 'Service', name: 'svc' }] } };
    expect(uses(g)).toEqual(['GRPCRoute@kind', 'Mesh@spec.parentRefs[1]']);
  });
});

describe('feature detection: backend appProtocol from Services', () => {
  const r = (backend: any, namespace = 'apps') => ({ ...route({ backendRefs: [{ name: 's', port: 80, ...backend }] }), metadata: { name: 'r', namespace } });
  const H2C = 'HTTPRouteBackendProtocolH2C@spec.rules[0].backendRefs[0]';

  test('a Service without namespace or with an empty one is in default; without apiVersion it still counts', () => {
    expect(uses(r({}, 'default'), service({ name: 's' }, [{ port: 80, appProtocol: h2c }]))).toContain(H2C);
    expect(uses(r({}, 'default'), service({ name: 's', namespace: '' }, [{ port: 80, appProtocol: h2c }]))).toContain(H2C);
    const { apiVersion: _, ...noApiVersion } = service({ name: 's', namespace: 'apps' }, [{ port: 80, appProtocol: h2c }]);
    expect(uses(r({}), noApiVersion)).toContain(H2C);
  });

  test('objects that are not core v1 Services give no appProtocol', () => {
    const ports = [{ port: 80, appProtocol: h2c }];
    expect(uses(r({}), { ...service({ name: 's', namespace: 'apps' }, ports), kind: 'Endpoints' })).toEqual(['HTTPRoute@kind']);
    const { apiVersion: _, ...other } = { ...service({ name: 's', namespace: 'apps' }, ports), kind: 'Other' };
    expect(uses(r({}), other)).toEqual(['HTTPRoute@kind']);
    expect(uses(r({}), { ...service({ name: 's', namespace: 'apps' }, ports), apiVersion: 'example.com/v1' })).toEqual(['HTTPRoute@kind']);
    expect(uses(null, r({}), { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'apps' } })).toEqual(['HTTPRoute@kind']);
  });

  test('a port number listed twice (TCP with appProtocol, UDP without) keeps the appProtocol', () => {
    const svc = service({ name: 's', namespace: 'apps' }, [{ port: 80, protocol: 'TCP', appProtocol: h2c }, { port: 80, protocol: 'UDP' }]);
    expect(uses(r({}), svc)).toContain(H2C);
  });

  test('a backendRef in another namespace looks up the Service there', () => {
    expect(uses(r({ namespace: 'other' }), service({ name: 's', namespace: 'other' }, [{ port: 80, appProtocol: h2c }]))).toContain(H2C);
    expect(uses(r({ namespace: 'other' }), service({ name: 's', namespace: 'apps' }, [{ port: 80, appProtocol: h2c }]))).toEqual(['HTTPRoute@kind']);
  });

  test('a backendRef of another kind or group is not a Service backend', () => {
    const svc = service({ name: 's', namespace: 'apps' }, [{ port: 80, appProtocol: h2c }]);
    expect(uses(r({ kind: 'Other' }), svc)).toEqual(['HTTPRoute@kind']);
    expect(uses(r({ group: 'example.com' }), svc)).toEqual(['HTTPRoute@kind']);
    expect(uses(r({ kind: 'Service', group: '' }), svc)).toContain(H2C);
  });
});
