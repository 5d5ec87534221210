import { tlsSecret } from './tls-fixture';
import { DataPlane } from '../../src/testing';
import { describeRequest, parseUrlRequest, toHttpRequest } from '../../src/testing/request-url';

const G = 'gateway.networking.k8s.io/v1';

describe('parseUrlRequest', () => {
  test('an https URL selects the scheme, the port and the Host (with the port when not the default)', () => {
    expect(parseUrlRequest('https://www.Example.com:8443/cart?x=1')).toEqual({
      protocol: 'http', request: { scheme: 'https', port: 8443, host: 'www.example.com:8443', path: '/cart?x=1' },
    });
    expect(parseUrlRequest('http://api.example.com')).toEqual({ protocol: 'http', request: { scheme: 'http', port: 80, host: 'api.example.com', path: '/' } });
    expect(parseUrlRequest('https://api.example.com/')).toEqual({ protocol: 'http', request: { scheme: 'https', port: 443, host: 'api.example.com', path: '/' } });
    expect(parseUrlRequest('http://api.example.com?q=1#frag').request).toMatchObject({ path: '/?q=1' });
  });

  test('a method may come first, or in the object form; both must agree', () => {
    expect(parseUrlRequest('post http://a.example.com/x').request).toMatchObject({ method: 'POST', path: '/x' });
    expect(parseUrlRequest({ url: 'http://a.example.com/x', method: 'put', headers: { 'x-a': '1' }, gateway: 'infra/gw', seed: 3 }).request)
      .toEqual({ scheme: 'http', port: 80, host: 'a.example.com', path: '/x', method: 'PUT', headers: { 'x-a': '1' }, gateway: 'infra/gw', seed: 3 });
    expect(() => parseUrlRequest({ url: 'GET http://a.example.com/', method: 'POST' })).toThrow(/the method GET before the URL differs from method 'POST'/);
  });

  test('gRPC, TLS, TCP and UDP URLs', () => {
    expect(parseUrlRequest('grpcs://api.example.com/echo.Echo/Say')).toEqual({
      protocol: 'grpc', request: { scheme: 'https', port: 443, host: 'api.example.com', service: 'echo.Echo', method: 'Say' },
    });
    expect(parseUrlRequest('tls://db.example.com:8443')).toEqual({ protocol: 'tls', request: { port: 8443, sni: 'db.example.com' } });
    expect(parseUrlRequest('tcp://gateway:5432')).toEqual({ protocol: 'tcp', request: { port: 5432 } });
    expect(parseUrlRequest('udp://:53')).toEqual({ protocol: 'udp', request: { port: 53 } });
  });

  test('bad URLs are errors that say what is expected', () => {
    expect(() => parseUrlRequest('www.example.com/cart')).toThrow(/'www.example.com\/cart' is not a URL; write e.g. 'https:\/\/www.example.com\/cart'/);
    expect(() => parseUrlRequest('ftp://x/')).toThrow(/scheme 'ftp' is not understood; use one of: http, https, grpc, grpcs, tls, tcp, udp/);
    expect(() => parseUrlRequest('http://x:99999/')).toThrow(/port '99999' is not a number from 1 to 65535/);
    expect(() => parseUrlRequest('tcp://x')).toThrow(/a tcp URL needs a port/);
    expect(() => parseUrlRequest('grpc://x/only')).toThrow(/a gRPC URL's path is \/<package.Service>\/<Method>/);
    expect(() => toHttpRequest('tcp://x:1')).toThrow(/'tcp:\/\/x:1' is tcp, not HTTP/);
  });

  test('describeRequest names any request form in one line', () => {
    expect(describeRequest('https://a.example.com/x')).toBe('https://a.example.com/x');
    expect(describeRequest({ url: 'http://a/', method: 'post' })).toBe('POST http://a/');
    expect(describeRequest({ host: 'a.example.com', path: '/x' })).toBe('GET http://a.example.com:80/x');
    expect(describeRequest({ protocol: 'tcp', port: 5432 })).toBe('tcp://:5432');
  });
});

describe('the plane takes URLs', () => {
  const plane = DataPlane.fromManifests([
    { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } },
    {
      apiVersion: G,
      kind: 'Gateway',
      metadata: { namespace: 'infra', name: 'gw' },
      spec: {
        gatewayClassName: 'cls',
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
          { name: 'https', port: 8443, protocol: 'HTTPS', hostname: '*.example.com', tls: { certificateRefs: [{ name: 'cert' }] }, allowedRoutes: { namespaces: { from: 'All' } } },
        ],
      },
    },
    tlsSecret('infra', 'cert'),
    { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: 'cart' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: 'web' }, spec: { ports: [{ port: 80 }] } },
    {
      apiVersion: G,
      kind: 'HTTPRoute',
      metadata: { namespace: 'apps', name: 'shop' },
      spec: {
        parentRefs: [{ name: 'gw', namespace: 'infra' }],
        hostnames: ['www.example.com'],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/cart' }, method: 'POST', queryParams: [{ name: 'x', value: '1' }] }], backendRefs: [{ name: 'cart', port: 80 }] },
          { backendRefs: [{ name: 'web', port: 80 }] },
        ],
      },
    },
  ]);

  test('http() with an https URL uses the port, the host as SNI, the method and the query', () => {
    const r = plane.http('POST https://www.example.com:8443/cart?x=1');
    expect(r.backend).toEqual({ namespace: 'apps', name: 'cart', port: 80 });
    expect(r.listener).toEqual({ gateway: 'infra/gw', name: 'https' });
    expect(r.explanation[0]).toBe('SNI www.example.com selects listener https (hostname *.example.com) of infra/gw');
    expect(plane.http({ url: 'https://www.example.com:8443/cart?x=1', method: 'GET' }).backend?.name).toBe('web');
    expect(plane.http('http://www.example.com/cart?x=1').backend?.name).toBe('web');
  });

  test('explain() and distribution() take URLs too', () => {
    expect(plane.explain('POST http://www.example.com/cart?x=1')).toMatch(/HTTPRoute apps\/shop rule 0 match 0 \[PathPrefix \/cart, POST, query x=1\] wins/);
    expect(plane.distribution('http://www.example.com/')).toEqual({ backends: { 'apps/web': 1 }, mirrored: {} });
    expect(plane.distribution({ url: 'https://nothing.example.org:8443/' })).toEqual({ backends: { '(refused)': 1 }, mirrored: {} });
  });
});

describe('grpc(), tls(), tcp() and udp() take URLs of their scheme', () => {
  const G = 'gateway.networking.k8s.io/v1';
  const all = { namespaces: { from: 'All' } };
  const gateway = {
    apiVersion: G,
    kind: 'Gateway',
    metadata: { namespace: 'infra', name: 'gw' },
    spec: {
      gatewayClassName: 'x',
      listeners: [
        { name: 'h2c', port: 80, protocol: 'HTTP', allowedRoutes: all },
        { name: 'tls', port: 8443, protocol: 'TLS', hostname: 'db.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all },
        { name: 'pg', port: 5432, protocol: 'TCP', allowedRoutes: all },
        { name: 'dns', port: 53, protocol: 'UDP', allowedRoutes: all },
      ],
    },
  };
  const plane = DataPlane.fromManifests([
    gateway,
    { apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'apps', name: 'echo' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'echo', port: 9000 }] }] } },
    { apiVersion: G, kind: 'TLSRoute', metadata: { namespace: 'apps', name: 'db' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] } },
    { apiVersion: G, kind: 'TCPRoute', metadata: { namespace: 'apps', name: 'pg' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'pg', port: 5432 }] }] } },
    { apiVersion: G, kind: 'UDPRoute', metadata: { namespace: 'apps', name: 'dns' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'dns', port: 53 }] }] } },
  ], { assumeMissing: true });

  test('a named rule is named in the decision of every route kind, a rule without a name is not', () => {
    const named = DataPlane.fromManifests([
      gateway,
      { apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'apps', name: 'echo' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ name: 'echo-rule', backendRefs: [{ name: 'echo', port: 9000 }] }] } },
      { apiVersion: G, kind: 'TLSRoute', metadata: { namespace: 'apps', name: 'db' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['db.example.com'], rules: [{ name: 'db-rule', backendRefs: [{ name: 'db', port: 5432 }] }] } },
      { apiVersion: G, kind: 'TCPRoute', metadata: { namespace: 'apps', name: 'pg' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ name: 'pg-rule', backendRefs: [{ name: 'pg', port: 5432 }] }] } },
      { apiVersion: G, kind: 'UDPRoute', metadata: { namespace: 'apps', name: 'dns' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ name: 'dns-rule', backendRefs: [{ name: 'dns', port: 53 }] }] } },
    ], { assumeMissing: true });
    expect(named.grpc('grpc://api.example.com/echo.Echo/Say').route).toEqual({ kind: 'GRPCRoute', namespace: 'apps', name: 'echo', rule: 0, ruleName: 'echo-rule', match: 0 });
    expect(named.tls('tls://db.example.com:8443').route).toEqual({ kind: 'TLSRoute', namespace: 'apps', name: 'db', rule: 0, ruleName: 'db-rule' });
    expect(named.tcp('tcp://db:5432').route).toEqual({ kind: 'TCPRoute', namespace: 'apps', name: 'pg', rule: 0, ruleName: 'pg-rule' });
    expect(named.udp('udp://dns:53').route).toEqual({ kind: 'UDPRoute', namespace: 'apps', name: 'dns', rule: 0, ruleName: 'dns-rule' });
    expect(plane.tcp('tcp://db:5432').route).toEqual({ kind: 'TCPRoute', namespace: 'apps', name: 'pg', rule: 0 });
    expect(plane.tls('tls://db.example.com:8443').route).not.toHaveProperty('ruleName');
  });

  test('each reaches its backend', () => {
    expect(plane.grpc('grpc://api.example.com/echo.Echo/Say').backend?.name).toBe('echo');
    expect(plane.tls('tls://db.example.com:8443')).toMatchObject({ outcome: 'forwarded', backend: { name: 'db' }, backendSNI: 'db.example.com' });
    expect(plane.tcp('tcp://db:5432').backend?.name).toBe('pg');
    expect(plane.udp({ url: 'udp://dns:53' }).backend?.name).toBe('dns');
  });

  test('a URL of another scheme is an error naming the method to use', () => {
    expect(() => plane.tcp('udp://dns:53')).toThrow(/request 'udp:\/\/dns:53' is udp, not tcp; use the plane's udp\(\) or distribution\(\)/);
  });
});
