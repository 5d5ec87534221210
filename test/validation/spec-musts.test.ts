import { validateObject } from '../../src/validation';

// MUSTs of the v1.6.1 API that the CRD schema and CEL rules enforce, each with
// a manifest just inside the rule (no error) and one just outside (an error).
// docs/spec-musts.md names these tests.

const G = 'gateway.networking.k8s.io/v1';
const errors = (o: object, channel: 'standard' | 'experimental' = 'standard') => validateObject(o as any, { channel }).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.field ?? ''}`);
const http = (name: string, port = 80, extra: object = {}) => ({ name, port, protocol: 'HTTP', ...extra });
const gateway = (listeners: object[], name = 'gw') => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace: 'a', name }, spec: { gatewayClassName: 'c', listeners } });
const listenerSet = (listeners: object[]) => ({ apiVersion: G, kind: 'ListenerSet', metadata: { namespace: 'a', name: 'ls' }, spec: { parentRef: { name: 'gw' }, listeners } });
const httpRoute = (rules: object[]) => ({ apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'a', name: 'r' }, spec: { rules } });
const grpcRoute = (rules: object[]) => ({ apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'a', name: 'r' }, spec: { rules } });
const gatewayClass = (controllerName: string, name = 'c') => ({ apiVersion: G, kind: 'GatewayClass', metadata: { name }, spec: { controllerName } });
const policy = (validation: object) => ({
  apiVersion: G, kind: 'BackendTLSPolicy', metadata: { namespace: 'a', name: 'p' }, spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System', ...validation } },
});
const cors = (allowOrigins: string[]) => httpRoute([{ filters: [{ type: 'CORS', cors: { allowOrigins } }] }]);

describe('schema MUSTs, each just inside and just outside', () => {
  test('Gateway and GatewayClass names start and end with an alphanumeric character', () => {
    expect(errors(gateway([http('h')], 'gw-1'))).toEqual([]);
    expect(errors(gateway([http('h')], 'gw-')).length).toBeGreaterThan(0);
    expect(errors(gatewayClass('example.com/ctl', 'c1'))).toEqual([]);
    expect(errors(gatewayClass('example.com/ctl', '-c')).length).toBeGreaterThan(0);
  });

  test('a Gateway has at least one listener', () => {
    expect(errors(gateway([http('h')]))).toEqual([]);
    expect(errors(gateway([]))).not.toEqual([]);
  });

  test('listener names are unique within a Gateway and within a ListenerSet', () => {
    expect(errors(gateway([http('a'), http('b', 81)]))).toEqual([]);
    expect(errors(gateway([http('a'), http('a', 81)]))).not.toEqual([]);
    expect(errors(listenerSet([http('a'), http('b', 81)]))).toEqual([]);
    expect(errors(listenerSet([http('a'), http('a', 81)]))).not.toEqual([]);
  });

  test('listeners of a Gateway differ in port, protocol or hostname', () => {
    expect(errors(gateway([http('a', 80, { hostname: 'a.example.com' }), http('b', 80, { hostname: 'b.example.com' })]))).toEqual([]);
    expect(errors(gateway([http('a', 80, { hostname: 'a.example.com' }), http('b', 80, { hostname: 'a.example.com' })]))).not.toEqual([]);
  });

  test('controllerName is a domain-prefixed path', () => {
    expect(errors(gatewayClass('example.com/ctl'))).toEqual([]);
    expect(errors(gatewayClass('ctl'))).not.toEqual([]);
  });

  test('rule names are unique within a route (the experimental CRD checks it; the standard one has no such rule)', () => {
    expect(errors(httpRoute([{ name: 'a' }, { name: 'b' }]), 'experimental')).toEqual([]);
    expect(errors(httpRoute([{ name: 'a' }, { name: 'a' }]), 'experimental')).not.toEqual([]);
    expect(errors(grpcRoute([{ name: 'a' }, { name: 'a' }]), 'experimental')).not.toEqual([]);
    expect(errors(httpRoute([{ name: 'a' }, { name: 'a' }]), 'standard')).toEqual([]);
    for (const kind of ['TCPRoute', 'TLSRoute', 'UDPRoute']) {
      const l4 = (names: string[]) => ({ apiVersion: G, kind, metadata: { namespace: 'a', name: 'r' }, spec: { ...(kind === 'TLSRoute' ? { hostnames: ['a.example.com'] } : {}), rules: names.map((name) => ({ name, backendRefs: [{ name: 'b', port: 80 }] })) } });
      expect(errors(l4(['a']), 'experimental')).toEqual([]);
      expect(errors(l4(['a', 'a']), 'experimental')).not.toEqual([]);
    }
  });

  test('a gRPC method match names a service or a method (or both)', () => {
    expect(errors(grpcRoute([{ matches: [{ method: { service: 'pkg.Svc' } }] }]))).toEqual([]);
    expect(errors(grpcRoute([{ matches: [{ method: { method: 'Get' } }] }]))).toEqual([]);
    expect(errors(grpcRoute([{ matches: [{ method: {} }] }]))).not.toEqual([]);
  });

  test('an Exact gRPC method match is syntactically valid', () => {
    expect(errors(grpcRoute([{ matches: [{ method: { type: 'Exact', service: 'pkg.Svc', method: 'Get' } }] }]))).toEqual([]);
    expect(errors(grpcRoute([{ matches: [{ method: { type: 'Exact', service: 'pkg/Svc', method: 'Get' } }] }]))).not.toEqual([]);
  });

  test('a RequestRedirect and a URLRewrite are not on the same rule', () => {
    const redirect = { type: 'RequestRedirect', requestRedirect: { scheme: 'https' } };
    const rewrite = { type: 'URLRewrite', urlRewrite: { hostname: 'x.example.com' } };
    expect(errors(httpRoute([{ filters: [redirect] }, { filters: [rewrite] }]))).toEqual([]);
    expect(errors(httpRoute([{ filters: [redirect, rewrite] }]))).not.toEqual([]);
  });

  test('an ExtensionRef filter carries no core filter configuration', () => {
    const ext = { group: 'example.com', kind: 'Thing', name: 't' };
    expect(errors(httpRoute([{ filters: [{ type: 'ExtensionRef', extensionRef: ext }] }]))).toEqual([]);
    expect(errors(httpRoute([{ filters: [{ type: 'ExtensionRef', extensionRef: ext, requestHeaderModifier: { set: [{ name: 'x', value: 'y' }] } }] }]))).not.toEqual([]);
    expect(errors(grpcRoute([{ filters: [{ type: 'ExtensionRef', extensionRef: ext, requestHeaderModifier: { set: [{ name: 'x', value: 'y' }] } }] }]))).not.toEqual([]);
  });

  test('a subjectAltName URI is absolute, with a scheme', () => {
    expect(errors(policy({ subjectAltNames: [{ type: 'URI', uri: 'spiffe://cluster.local/ns/a/sa/web' }] }))).toEqual([]);
    expect(errors(policy({ subjectAltNames: [{ type: 'URI', uri: '//cluster.local/ns/a/sa/web' }] }))).not.toEqual([]);
  });

  test('a CORS origin has a scheme and a host (or is *)', () => {
    expect(errors(cors(['https://app.example.com', 'http://*.example.com:8080']))).toEqual([]);
    expect(errors(cors(['*']))).toEqual([]);
    expect(errors(cors(['app.example.com']))).not.toEqual([]);
    expect(errors(cors(['/relative']))).not.toEqual([]);
  });

  test('an implementation-specific CA set is a prefixed name', () => {
    expect(errors(policy({ wellKnownCACertificates: 'example.com/cas' }))).toEqual([]);
    expect(errors(policy({ wellKnownCACertificates: 'cas' }))).not.toEqual([]);
  });

  test('a wildcard is only the whole first label of a route hostname', () => {
    const hosts = (hostnames: string[]) => ({ ...httpRoute([]), spec: { hostnames } });
    expect(errors(hosts(['*.example.com']))).toEqual([]);
    expect(errors(hosts(['a.*.example.com']))).not.toEqual([]);
    expect(errors(hosts(['*a.example.com']))).not.toEqual([]);
  });

  test('an unknown header match type is refused by the CRD', () => {
    expect(errors(grpcRoute([{ matches: [{ headers: [{ type: 'RegularExpression', name: 'x', value: 'y' }] }] }]))).toEqual([]);
    expect(errors(grpcRoute([{ matches: [{ headers: [{ type: 'Glob', name: 'x', value: 'y' }] }] }]))).not.toEqual([]);
  });

  test('two query parameter matches with one name are refused by the CRD', () => {
    const q = (names: string[]) => httpRoute([{ matches: [{ queryParams: names.map((name) => ({ name, value: 'v' })) }] }]);
    expect(errors(q(['a', 'b']))).toEqual([]);
    expect(errors(q(['a', 'a']))).not.toEqual([]);
  });
});
