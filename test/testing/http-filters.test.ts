import { data as httpRouteSchema } from '../../generated/experimental/validation/http-route';
import { DataPlane } from '../../src/testing';
import { Headers } from '../../src/testing/headers';
import { applyHeaderModifier, evaluateCors, mirrorFraction, redirectLocation, redirectStatus, replacePrefix } from '../../src/testing/http-filters';

describe('replacePrefix (the spec table)', () => {
  test.each([
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
    ['/', '/', '/v1', '/v1'],
    ['/users', '/', '/v1', '/v1/users'],
  ])('%s under %s replaced by %s is %s', (path, prefix, rep, want) => {
    expect(replacePrefix(path, prefix, rep)).toBe(want);
  });
});

describe('redirectLocation', () => {
  const req = { scheme: 'http', host: 'example.com', path: '/a/b', rawQuery: 'x=1', listenerPort: 80 };
  test('a scheme change uses the well-known port of the new scheme and omits it', () => {
    expect(redirectLocation({ scheme: 'https' }, req, undefined)).toBe('https://example.com/a/b?x=1');
  });
  test('no scheme keeps the listener port, shown when not well known', () => {
    expect(redirectLocation({ hostname: 'other.org' }, { ...req, listenerPort: 8080 }, undefined)).toBe('http://other.org:8080/a/b?x=1');
  });
  test('an explicit port is shown unless it is the scheme default', () => {
    expect(redirectLocation({ port: 8443, scheme: 'https' }, req, undefined)).toBe('https://example.com:8443/a/b?x=1');
    expect(redirectLocation({ port: 443, scheme: 'https' }, req, undefined)).toBe('https://example.com/a/b?x=1');
  });
  test('path modifiers', () => {
    expect(redirectLocation({ path: { type: 'ReplaceFullPath', replaceFullPath: '/new' } }, req, undefined)).toBe('http://example.com/new?x=1');
    expect(redirectLocation({ path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/z' } }, req, '/a')).toBe('http://example.com/z/b?x=1');
  });
});

describe('header modifiers', () => {
  test('set replaces, add appends, remove deletes, names case-insensitive', () => {
    const h = Headers.from({ 'X-A': 'one', 'x-b': 'two', 'X-C': 'gone' });
    applyHeaderModifier(h, { set: [{ name: 'x-a', value: 'set' }], add: [{ name: 'X-B', value: 'more' }, { name: 'x-new', value: 'n' }], remove: ['x-c'] });
    expect(h.toObject()).toEqual({ 'x-a': 'set', 'x-b': 'two,more', 'x-new': 'n' });
  });
});

describe('CORS', () => {
  const cors: Parameters<typeof evaluateCors>[0] = { allowOrigins: ['https://www.foo.com', 'https://*.bar.com'], allowMethods: ['GET'], allowHeaders: ['x-h'], exposeHeaders: ['x-e'], allowCredentials: true, maxAge: 60 };
  test('a preflight from an allowed origin is answered with the allow headers', () => {
    const r = evaluateCors(cors, 'OPTIONS', Headers.from({ 'Origin': 'https://a.b.bar.com', 'Access-Control-Request-Method': 'GET' }));
    expect(r.preflight).toBe(true);
    expect(r.headers).toMatchObject({ 'access-control-allow-origin': 'https://a.b.bar.com', 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'x-h', 'access-control-max-age': '60', 'access-control-allow-credentials': 'true' });
  });
  test('a disallowed origin gets no CORS headers', () => {
    expect(evaluateCors(cors, 'GET', Headers.from({ Origin: 'https://evil.com' })).headers).toEqual({});
  });
  test('a wildcard origin without credentials answers *', () => {
    expect(evaluateCors({ allowOrigins: ['*'] }, 'GET', Headers.from({ Origin: 'https://x.org' })).headers['access-control-allow-origin']).toBe('*');
  });
  test('allowHeaders *: answers * without credentials, echoes the requested headers with credentials', () => {
    const preflight = Headers.from({ 'Origin': 'https://x.org', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-a, x-b' });
    const headers = (c: object) => evaluateCors({ allowOrigins: ['*'], allowHeaders: ['*'], ...c }, 'OPTIONS', preflight).headers;
    expect(headers({})['access-control-allow-headers']).toBe('*');
    expect(headers({ allowCredentials: true })['access-control-allow-headers']).toBe('x-a, x-b');
    expect(headers({ allowCredentials: false })['access-control-allow-headers']).toBe('*');
    // with credentials, a preflight that asks for no header gets no Access-Control-Allow-Headers (never *)
    const bare = Headers.from({ 'Origin': 'https://x.org', 'Access-Control-Request-Method': 'GET' });
    expect(evaluateCors({ allowOrigins: ['*'], allowHeaders: ['*'], allowCredentials: true }, 'OPTIONS', bare).headers).not.toHaveProperty('access-control-allow-headers');
    // listed headers are listed as they are, whatever the request asks for
    expect(headers({ allowHeaders: ['x-a', 'x-c'], allowCredentials: true })['access-control-allow-headers']).toBe('x-a, x-c');
    // a simple (non-preflight) request gets no allow-headers
    expect(evaluateCors({ allowOrigins: ['*'], allowHeaders: ['*'] }, 'GET', Headers.from({ Origin: 'https://x.org' })).headers['access-control-allow-headers']).toBeUndefined();
  });
});

test('mirrorFraction from percent, fraction or neither', () => {
  expect(mirrorFraction({ percent: 20 })).toBe(0.2);
  expect(mirrorFraction({ fraction: { numerator: 1, denominator: 3 } })).toBeCloseTo(1 / 3);
  expect(mirrorFraction({})).toBe(1);
});

describe('filters the plane does not model', () => {
  const V1 = 'gateway.networking.k8s.io/v1';
  const world = (rule: any) => [
    { apiVersion: V1, kind: 'GatewayClass', metadata: { name: 'c' }, spec: { controllerName: 'example.com/c' } },
    { apiVersion: V1, kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' }, spec: { gatewayClassName: 'c', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'auth', namespace: 'default' }, spec: { ports: [{ port: 9000 }] } },
    { apiVersion: V1, kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'default' }, spec: { parentRefs: [{ name: 'gw' }], rules: [rule] } },
  ];
  const externalAuth = { type: 'ExternalAuth', externalAuth: { protocol: 'HTTP', http: {}, backendRef: { name: 'auth', port: 9000 } } };

  test('an ExternalAuth rule filter (experimental) answers 500 and says why, instead of being ignored', () => {
    const plane = DataPlane.fromManifests(world({ filters: [externalAuth], backendRefs: [{ name: 'web', port: 80 }] }));
    expect(plane.diagnostics).toEqual([]);
    const res = plane.http({ gateway: 'default/gw', path: '/' });
    expect(res).toMatchObject({ outcome: 'direct-response', status: 500 });
    expect(res.explanation.join('\n')).toMatch(/ExternalAuth filter is not implemented by the in-memory data plane: 500/);
  });

  test('an unmodelled backend-level filter answers 500 and says why', () => {
    const plane = DataPlane.fromManifests(world({ backendRefs: [{ name: 'web', port: 80, filters: [{ type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Thing', name: 't' } }] }] }));
    const res = plane.http({ gateway: 'default/gw', path: '/' });
    expect(res).toMatchObject({ outcome: 'direct-response', status: 500 });
    expect(res.explanation.join('\n')).toMatch(/backend-level ExtensionRef filter on web is not implemented/);
  });
});

describe('redirectStatus', () => {
  test("the filter's statusCode, else the CRD's default", () => {
    const defaults = new Set<unknown>();
    JSON.stringify(httpRouteSchema, (key, value: unknown) => {
      if (key === 'statusCode' && typeof value === 'object' && value !== null && 'default' in value) defaults.add((value as { default: unknown }).default);
      return value;
    });
    expect([...defaults]).toEqual([redirectStatus(undefined)]);
    expect(redirectStatus({})).toBe(302);
    expect(redirectStatus({ statusCode: 301 })).toBe(301);
  });
});
