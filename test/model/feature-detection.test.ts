import { FEATURES } from '../../generated/compat';
import { detectFeatures, detectFeatureUses, FEATURES_NOT_VISIBLE } from '../../src/model/feature-detection';

const route = (rule: any, extra: any = {}) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'apps' }, spec: { parentRefs: [{ name: 'gw' }], rules: [rule], ...extra } });
const gateway = (spec: any) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw' }, spec: { gatewayClassName: 'c', ...spec } });
const listener = (port: number, extra: any = {}) => ({ name: `l${port}`, port, protocol: 'HTTP', ...extra });

/** `feature@field` of every use, for short assertions. */
function uses(...objects: unknown[]): string[] {
  return detectFeatureUses(objects).map(u => `${u.feature}@${u.field}`);
}

describe('feature detection: each feature with where it is used, and not where it is absent', () => {
  const plain = route({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 's', port: 80 }] });

  test('a plain route uses only HTTPRoute', () => {
    expect(uses(plain)).toEqual(['HTTPRoute@kind']);
  });

  test.each([
    ['HTTPRouteQueryParamMatching', { matches: [{ queryParams: [{ name: 'q', value: 'v' }] }] }, 'spec.rules[0].matches[0].queryParams'],
    ['HTTPRouteMethodMatching', { matches: [{ method: 'GET' }] }, 'spec.rules[0].matches[0].method'],
    ['HTTPRouteResponseHeaderModification', { filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }] }, 'spec.rules[0].filters[0]'],
    ['HTTPRouteCORS', { filters: [{ type: 'CORS', cors: { allowOrigins: ['https://a.example'] } }] }, 'spec.rules[0].filters[0]'],
    ['HTTPRouteRequestMirror', { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 } } }] }, 'spec.rules[0].filters[0]'],
    ['HTTPRoutePathRedirect', { filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } } }] }, 'spec.rules[0].filters[0].requestRedirect.path'],
    ['HTTPRoutePortRedirect', { filters: [{ type: 'RequestRedirect', requestRedirect: { port: 8443 } }] }, 'spec.rules[0].filters[0].requestRedirect.port'],
    ['HTTPRouteSchemeRedirect', { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] }, 'spec.rules[0].filters[0].requestRedirect.scheme'],
    ['HTTPRoutePathRewrite', { filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }] }, 'spec.rules[0].filters[0].urlRewrite.path'],
    ['HTTPRouteHostRewrite', { filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'x.example' } }] }, 'spec.rules[0].filters[0].urlRewrite.hostname'],
    ['HTTPRouteRequestTimeout', { timeouts: { request: '5s' } }, 'spec.rules[0].timeouts.request'],
    ['HTTPRouteBackendTimeout', { timeouts: { backendRequest: '1s' } }, 'spec.rules[0].timeouts.backendRequest'],
    ['HTTPRouteNamedRouteRule', { name: 'first' }, 'spec.rules[0].name'],
    ['HTTPRouteRetry', { retry: { attempts: 2 } }, 'spec.rules[0].retry'],
    ['HTTPRouteRequestPercentageMirror', { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 }, percent: 10 } }] }, 'spec.rules[0].filters[0].requestMirror.percent'],
    ['HTTPRouteBackendRequestHeaderModification', { backendRefs: [{ name: 's', port: 80, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }] }] }, 'spec.rules[0].backendRefs[0].filters[0]'],
  ])('%s: found on the field that uses it, absent from the plain route', (feature, rule, field) => {
    expect(uses(route(rule))).toContain(`${feature}@${field}`);
    expect(uses(plain).some(u => u.startsWith(`${feature}@`))).toBe(false);
  });

  test('a RequestHeaderModifier on the rule is core; on a backendRef it is HTTPRouteBackendRequestHeaderModification', () => {
    expect(uses(route({ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }] }))).toEqual(['HTTPRoute@kind']);
  });

  test('an empty queryParams list is no query match', () => {
    expect(uses(route({ matches: [{ queryParams: [] }] }))).toEqual(['HTTPRoute@kind']);
  });

  test.each([
    [301, undefined], [302, undefined], [303, 'HTTPRoute303RedirectStatusCode'], [307, 'HTTPRoute307RedirectStatusCode'], [308, 'HTTPRoute308RedirectStatusCode'],
  ])('redirect statusCode %s uses %s', (statusCode, feature) => {
    const found = uses(route({ filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode } }] }));
    expect(found).toEqual(feature ? ['HTTPRoute@kind', `${feature}@spec.rules[0].filters[0].requestRedirect.statusCode`] : ['HTTPRoute@kind']);
  });

  test('one mirror is HTTPRouteRequestMirror only; a second one in the same list is HTTPRouteRequestMultipleMirrors', () => {
    const mirror = (name: string) => ({ type: 'RequestMirror', requestMirror: { backendRef: { name, port: 80 } } });
    expect(uses(route({ filters: [mirror('a')] }))).not.toContain('HTTPRouteRequestMultipleMirrors@spec.rules[0].filters[0]');
    expect(uses(route({ filters: [mirror('a')] })).filter(u => u.startsWith('HTTPRouteRequestMultipleMirrors'))).toEqual([]);
    expect(uses(route({ filters: [mirror('a'), mirror('b')] })).filter(u => u.startsWith('HTTPRouteRequestMultipleMirrors'))).toEqual(['HTTPRouteRequestMultipleMirrors@spec.rules[0].filters[1]']);
    // One mirror in each of two rules is not two mirrors in one rule.
    const twoRules = route({ filters: [mirror('a')] });
    twoRules.spec.rules.push({ filters: [mirror('b')] });
    expect(uses(twoRules).filter(u => u.startsWith('HTTPRouteRequestMultipleMirrors'))).toEqual([]);
  });

  test.each([[8079, false], [8080, true], [8081, false], [80, false]])('listener port %s uses GatewayPort8080: %s', (port, used) => {
    expect(uses(gateway({ listeners: [listener(port)] })).includes('GatewayPort8080@spec.listeners[0].port')).toBe(used);
  });

  test('parentRef port on a Gateway parent is HTTPRouteParentRefPort; without port it is not', () => {
    expect(uses(route({}, { parentRefs: [{ name: 'gw', port: 80 }] }))).toContain('HTTPRouteParentRefPort@spec.parentRefs[0].port');
    expect(uses(route({}, { parentRefs: [{ name: 'gw', sectionName: 'http' }] }))).toEqual(['HTTPRoute@kind']);
  });

  test('a Service parent is Mesh; its filters use the Mesh feature names', () => {
    const r = route({ matches: [{ queryParams: [{ name: 'q', value: 'v' }] }] }, { parentRefs: [{ group: '', kind: 'Service', name: 'svc', namespace: 'other' }] });
    expect(uses(r)).toEqual(['HTTPRoute@kind', 'Mesh@spec.parentRefs[0]', 'MeshConsumerRoute@spec.parentRefs[0].namespace', 'MeshHTTPRouteQueryParamMatching@spec.rules[0].matches[0].queryParams']);
    const sameNamespace = route({}, { parentRefs: [{ group: '', kind: 'Service', name: 'svc' }] });
    expect(uses(sameNamespace)).toEqual(['HTTPRoute@kind', 'Mesh@spec.parentRefs[0]']);
  });

  test.each([
    ['MeshHTTPRouteRewritePath', { filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } } }] }, 'spec.rules[0].filters[0].urlRewrite.path', 'HTTPRoutePathRewrite'],
    ['MeshHTTPRouteSchemeRedirect', { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] }, 'spec.rules[0].filters[0].requestRedirect.scheme', 'HTTPRouteSchemeRedirect'],
    ['MeshHTTPRouteRedirectPort', { filters: [{ type: 'RequestRedirect', requestRedirect: { port: 8443 } }] }, 'spec.rules[0].filters[0].requestRedirect.port', 'HTTPRoutePortRedirect'],
    ['MeshHTTPRouteRedirectPath', { filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/x' } } }] }, 'spec.rules[0].filters[0].requestRedirect.path', 'HTTPRoutePathRedirect'],
    ['MeshHTTPRouteNamedRouteRule', { name: 'n' }, 'spec.rules[0].name', 'HTTPRouteNamedRouteRule'],
    ['MeshHTTPRouteBackendRequestHeaderModification', { backendRefs: [{ name: 's', port: 80, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }] }] }, 'spec.rules[0].backendRefs[0].filters[0]', 'HTTPRouteBackendRequestHeaderModification'],
  ])('a mesh-only route uses %s; the same rule under a Gateway parent uses the Gateway name', (meshFeature, rule, field, gatewayFeature) => {
    const meshOnly = route(rule, { parentRefs: [{ group: '', kind: 'Service', name: 'svc' }] });
    expect(uses(meshOnly)).toContain(`${meshFeature}@${field}`);
    expect(uses(meshOnly)).not.toContain(`${gatewayFeature}@${field}`);
    expect(uses(route(rule))).toContain(`${gatewayFeature}@${field}`);
    expect(uses(route(rule))).not.toContain(`${meshFeature}@${field}`);
  });

  test('a percentage mirror given as a fraction', () => {
    expect(uses(route({ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 }, fraction: { numerator: 1, denominator: 2 } } }] })))
      .toContain('HTTPRouteRequestPercentageMirror@spec.rules[0].filters[0].requestMirror.fraction');
  });

  test('a backendRef to a Service port with appProtocol h2c or ws', () => {
    const svc = (appProtocol: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'apps' }, spec: { ports: [{ port: 80, appProtocol }] } });
    const r = route({ backendRefs: [{ name: 's', port: 80 }] });
    expect(uses(r, svc('kubernetes.io/h2c'))).toContain('HTTPRouteBackendProtocolH2C@spec.rules[0].backendRefs[0]');
    expect(uses(r, svc('kubernetes.io/ws'))).toContain('HTTPRouteBackendProtocolWebSocket@spec.rules[0].backendRefs[0]');
    expect(uses(r, svc('http'))).toEqual(['HTTPRoute@kind']);
    expect(uses(route({ backendRefs: [{ name: 's', port: 81 }] }), svc('kubernetes.io/h2c'))).toEqual(['HTTPRoute@kind']);
  });

  test('kinds: GRPCRoute, TLSRoute, TCPRoute, UDPRoute, ListenerSet, ReferenceGrant, BackendTLSPolicy', () => {
    const o = (kind: string, spec: any = {}) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'x' }, spec });
    expect(uses(o('GRPCRoute', { rules: [{ name: 'n' }] }))).toEqual(['GRPCRoute@kind', 'GRPCRouteNamedRouteRule@spec.rules[0].name']);
    expect(uses(o('GRPCRoute', { rules: [{}] }))).toEqual(['GRPCRoute@kind']);
    for (const kind of ['TLSRoute', 'TCPRoute', 'UDPRoute', 'ReferenceGrant', 'ListenerSet']) expect(uses(o(kind))).toEqual([`${kind}@kind`]);
    expect(uses(o('BackendTLSPolicy', { validation: { hostname: 'h' } }))).toEqual(['BackendTLSPolicy@kind']);
    expect(uses(o('BackendTLSPolicy', { validation: { hostname: 'h', subjectAltNames: [{ type: 'Hostname', hostname: 'h' }] } }))).toEqual(['BackendTLSPolicy@kind', 'BackendTLSPolicySANValidation@spec.validation.subjectAltNames']);
    // Objects of other API groups are not Gateway API objects.
    expect(uses({ apiVersion: 'example.com/v1', kind: 'HTTPRoute', metadata: { name: 'x' } })).toEqual([]);
  });

  test('Gateway: addresses, infrastructure, client certificates', () => {
    expect(uses(gateway({ listeners: [listener(80)] }))).toEqual(['Gateway@kind']);
    expect(uses(gateway({ addresses: [{ type: 'IPAddress', value: '10.0.0.1' }, { type: 'IPAddress' }] }))).toEqual(['Gateway@kind', 'GatewayStaticAddresses@spec.addresses[0]', 'GatewayAddressEmpty@spec.addresses[1]']);
    expect(uses(gateway({ infrastructure: { labels: { a: 'b' } } }))).toContain('GatewayInfrastructurePropagation@spec.infrastructure.labels');
    expect(uses(gateway({ infrastructure: { labels: {} } }))).toEqual(['Gateway@kind']);
    expect(uses(gateway({ tls: { backend: { clientCertificateRef: { name: 'c' } } } }))).toContain('GatewayBackendClientCertificate@spec.tls.backend.clientCertificateRef');
    expect(uses(gateway({ tls: { frontend: { default: { validation: { caCertificateRefs: [{ name: 'ca' }], mode: 'AllowInsecureFallback' } } } } }))).toEqual([
      'Gateway@kind', 'GatewayFrontendClientCertificateValidation@spec.tls.frontend.default.validation', 'GatewayFrontendClientCertificateValidationInsecureFallback@spec.tls.frontend.default.validation.mode',
    ]);
    expect(uses(gateway({ tls: { frontend: { default: { validation: { caCertificateRefs: [{ name: 'ca' }] } } } } }))).toEqual(['Gateway@kind', 'GatewayFrontendClientCertificateValidation@spec.tls.frontend.default.validation']);
  });

  test('TLS listeners: Terminate (the default mode), and Passthrough with Terminate on one port is mixed', () => {
    const tls = (mode: string | undefined, port = 443, name = `t${mode}`) => ({ name, port, protocol: 'TLS', tls: mode ? { mode } : {} });
    expect(uses(gateway({ listeners: [tls('Passthrough')] }))).toEqual(['Gateway@kind']);
    expect(uses(gateway({ listeners: [tls(undefined)] }))).toEqual(['Gateway@kind', 'TLSRouteModeTerminate@spec.listeners[0].tls']);
    expect(uses(gateway({ listeners: [tls('Passthrough'), tls('Terminate')] }))).toEqual(['Gateway@kind', 'TLSRouteModeTerminate@spec.listeners[1].tls.mode', 'TLSRouteModeMixed@spec.listeners[0]', 'TLSRouteModeMixed@spec.listeners[1]']);
    expect(uses(gateway({ listeners: [tls('Passthrough', 443), tls('Terminate', 8443)] })).filter(u => u.startsWith('TLSRouteModeMixed'))).toEqual([]);
  });

  test('detectFeatures groups by name (sorted) with channel and usedBy { kind, namespace, name, field }', () => {
    const r = route({ matches: [{ method: 'GET' }, { method: 'POST' }] });
    const out = detectFeatures([r, { ...gateway({ listeners: [listener(8080)] }) }]);
    expect(out.map(f => f.name)).toEqual(['Gateway', 'GatewayPort8080', 'HTTPRoute', 'HTTPRouteMethodMatching']);
    expect(out.find(f => f.name === 'HTTPRouteMethodMatching')).toEqual({
      name: 'HTTPRouteMethodMatching',
      channel: 'standard',
      usedBy: [
        { kind: 'HTTPRoute', namespace: 'apps', name: 'r', field: 'spec.rules[0].matches[0].method' },
        { kind: 'HTTPRoute', namespace: 'apps', name: 'r', field: 'spec.rules[0].matches[1].method' },
      ],
    });
    // A Gateway without a namespace is in `default`.
    expect(out.find(f => f.name === 'GatewayPort8080')!.usedBy).toEqual([{ kind: 'Gateway', namespace: 'default', name: 'gw', field: 'spec.listeners[0].port' }]);
  });

  test('every v1.6.1 feature is either detected by some fixture here or listed as not visible', () => {
    const detectable = new Set([
      'BackendTLSPolicy', 'BackendTLSPolicySANValidation', 'Gateway', 'GatewayAddressEmpty', 'GatewayBackendClientCertificate', 'GatewayFrontendClientCertificateValidation',
      'GatewayFrontendClientCertificateValidationInsecureFallback', 'GatewayInfrastructurePropagation', 'GatewayPort8080', 'GatewayStaticAddresses', 'GRPCRoute', 'GRPCRouteNamedRouteRule',
      'HTTPRoute', 'HTTPRoute303RedirectStatusCode', 'HTTPRoute307RedirectStatusCode', 'HTTPRoute308RedirectStatusCode', 'HTTPRouteBackendProtocolH2C', 'HTTPRouteBackendProtocolWebSocket',
      'HTTPRouteBackendRequestHeaderModification', 'HTTPRouteBackendTimeout', 'HTTPRouteCORS', 'HTTPRouteHostRewrite', 'HTTPRouteMethodMatching', 'HTTPRouteNamedRouteRule', 'HTTPRouteParentRefPort',
      'HTTPRoutePathRedirect', 'HTTPRoutePathRewrite', 'HTTPRoutePortRedirect', 'HTTPRouteQueryParamMatching', 'HTTPRouteRequestMirror', 'HTTPRouteRequestMultipleMirrors',
      'HTTPRouteRequestPercentageMirror', 'HTTPRouteRequestTimeout', 'HTTPRouteResponseHeaderModification', 'HTTPRouteRetry', 'HTTPRouteSchemeRedirect', 'ListenerSet', 'Mesh', 'MeshConsumerRoute',
      'MeshHTTPRouteBackendRequestHeaderModification', 'MeshHTTPRouteNamedRouteRule', 'MeshHTTPRouteQueryParamMatching', 'MeshHTTPRouteRedirectPath', 'MeshHTTPRouteRedirectPort',
      'MeshHTTPRouteRewritePath', 'MeshHTTPRouteSchemeRedirect', 'ReferenceGrant', 'TCPRoute', 'TLSRoute', 'TLSRouteModeMixed', 'TLSRouteModeTerminate', 'UDPRoute',
    ]);
    const all = FEATURES.map(f => f.name);
    expect(all.filter(f => !detectable.has(f) && !(f in FEATURES_NOT_VISIBLE))).toEqual([]);
    expect(Object.keys(FEATURES_NOT_VISIBLE).filter(f => detectable.has(f) || !all.includes(f))).toEqual([]);
  });
});
