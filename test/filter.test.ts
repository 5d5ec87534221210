import { Duration } from 'cdk8s';
import { Backend, CorsMethod, Filter, FilterType, PathModifier, RedirectScheme, RedirectStatusCode } from '../src';

describe('Filter.requestHeaders / responseHeaders', () => {
  test('renders add, set and remove as the API lists', () => {
    // GIVEN
    const f = Filter.requestHeaders({
      add: { 'X-Request-ID': 'generated-id', 'X-Forwarded-Service': 'api-gateway' },
      set: { Host: 'internal-api.example.com' },
      remove: ['X-Internal-Header'],
    });
    // THEN
    expect(f.type).toBe(FilterType.REQUEST_HEADER_MODIFIER);
    expect(f._render()).toEqual({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: {
        add: [{ name: 'X-Request-ID', value: 'generated-id' }, { name: 'X-Forwarded-Service', value: 'api-gateway' }],
        set: [{ name: 'Host', value: 'internal-api.example.com' }],
        remove: ['X-Internal-Header'],
      },
    });
  });

  test('responseHeaders() writes only the lists given', () => {
    expect(Filter.responseHeaders({ set: { 'Cache-Control': 'no-cache' } })._render())
      .toEqual({ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'Cache-Control', value: 'no-cache' }] } });
  });

  test('fails if nothing is set, added or removed', () => {
    expect(() => Filter.requestHeaders({})).toThrow(/Filter.requestHeaders: give at least one header to set, add or remove/);
    expect(() => Filter.responseHeaders({ set: {}, remove: [] })).toThrow(/Filter.responseHeaders: give at least one header/);
  });

  test('fails if a header is listed twice in one list (names are case-insensitive)', () => {
    expect(() => Filter.requestHeaders({ set: { 'X-A': '1', 'x-a': '2' } })).toThrow(/set must not repeat a name; 'X-A' and 'x-a'/);
    expect(() => Filter.requestHeaders({ remove: ['X-A', 'X-A'] })).toThrow(/remove must not repeat a name/);
  });

  test('fails if a header name is invalid or a value empty', () => {
    expect(() => Filter.requestHeaders({ add: { 'X A': '1' } })).toThrow(/add header name "X A" is invalid/);
    expect(() => Filter.requestHeaders({ add: { 'X-A': '' } })).toThrow(/value of header 'X-A' "" is invalid/);
  });

  test('fails if more than 16 headers are set', () => {
    const set = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`X-${i}`, 'v']));
    expect(() => Filter.requestHeaders({ set })).toThrow(/set has 17 entries; the Gateway API allows at most 16/);
  });
});

describe('Filter.requestRedirect', () => {
  test('renders the options given, and nothing else', () => {
    expect(Filter.requestRedirect({ hostname: 'new.example.com', statusCode: RedirectStatusCode.MOVED_PERMANENTLY })._render())
      .toEqual({ type: 'RequestRedirect', requestRedirect: { hostname: 'new.example.com', statusCode: 301 } });
  });

  test('renders scheme, port and a full path replacement', () => {
    expect(Filter.requestRedirect({ scheme: RedirectScheme.HTTPS, port: 8443, path: PathModifier.replaceFullPath('/moved') })._render())
      .toEqual({ type: 'RequestRedirect', requestRedirect: { scheme: 'https', port: 8443, path: { type: 'ReplaceFullPath', replaceFullPath: '/moved' } } });
  });

  test('exposes its path modifier', () => {
    expect(Filter.requestRedirect({ path: PathModifier.replacePrefixMatch('/v2') }).pathModifier?.type).toBe('ReplacePrefixMatch');
  });

  test('fails if no option is given', () => {
    expect(() => Filter.requestRedirect({})).toThrow(/Filter.requestRedirect: give at least one of scheme, hostname, path, port or statusCode/);
  });

  test('fails if the hostname has a wildcard', () => {
    expect(() => Filter.requestRedirect({ hostname: '*.example.com' })).toThrow(/Filter.requestRedirect: hostname "\*.example.com" is invalid; expected a lowercase DNS name without wildcard/);
  });

  test('fails if the port is out of range', () => {
    expect(() => Filter.requestRedirect({ port: 70000 })).toThrow(/port 70000 is invalid; expected an integer port from 1 to 65535/);
  });

  test('fails if the status code is not a redirect code the API allows', () => {
    expect(() => Filter.requestRedirect({ statusCode: 304 as RedirectStatusCode })).toThrow(/statusCode 304 must be one of 301, 302, 303, 307, 308/);
  });

  test('fails if the scheme is not http or https', () => {
    expect(() => Filter.requestRedirect({ scheme: 'ftp' as RedirectScheme })).toThrow(/scheme 'ftp' must be 'http' or 'https'/);
  });
});

describe('Filter.urlRewrite', () => {
  test('renders hostname and prefix replacement', () => {
    expect(Filter.urlRewrite({ hostname: 'internal-api.svc.cluster.local', path: PathModifier.replacePrefixMatch('/v1') })._render()).toEqual({
      type: 'URLRewrite',
      urlRewrite: { hostname: 'internal-api.svc.cluster.local', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v1' } },
    });
  });

  test('fails if neither hostname nor path is given', () => {
    expect(() => Filter.urlRewrite({})).toThrow(/Filter.urlRewrite: give a hostname, a path or both/);
  });

  test('fails if a full path replacement is empty or too long', () => {
    expect(() => PathModifier.replaceFullPath('')).toThrow(/PathModifier.replaceFullPath: path "" is invalid/);
    expect(() => PathModifier.replacePrefixMatch('/' + 'x'.repeat(1024))).toThrow(/at most 1024 characters/);
  });
});

describe('Filter.requestMirror', () => {
  test('renders the backend with its port and the percentage', () => {
    const f = Filter.requestMirror(Backend.fromServiceName('shadow', { port: 8080 }), { percent: 10 });
    expect(f._render('apps')).toEqual({ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 8080 }, percent: 10 } });
    expect(f.mirrorBackend?.name).toBe('shadow');
  });

  test('renders a fraction, and the backend namespace', () => {
    const f = Filter.requestMirror(Backend.fromServiceName('shadow', { port: 8080, namespace: 'qa' }), { fraction: { numerator: 1, denominator: 1000 } });
    expect(f._render('apps')).toEqual({
      type: 'RequestMirror',
      requestMirror: { backendRef: { name: 'shadow', namespace: 'qa', port: 8080 }, fraction: { numerator: 1, denominator: 1000 } },
    });
  });

  test('fails if both percent and fraction are given', () => {
    expect(() => Filter.requestMirror(Backend.fromServiceName('s', { port: 80 }), { percent: 1, fraction: { numerator: 1 } })).toThrow(/give `percent` or `fraction`, not both/);
  });

  test('fails if the percent is out of range', () => {
    expect(() => Filter.requestMirror(Backend.fromServiceName('s', { port: 80 }), { percent: 101 })).toThrow(/percent 101 is invalid; expected an integer from 0 to 100/);
  });

  test('fails if the numerator exceeds the denominator (100 by default)', () => {
    expect(() => Filter.requestMirror(Backend.fromServiceName('s', { port: 80 }), { fraction: { numerator: 101 } })).toThrow(/fraction.numerator 101 is invalid; expected an integer from 0 to 100/);
    expect(() => Filter.requestMirror(Backend.fromServiceName('s', { port: 80 }), { fraction: { numerator: 3, denominator: 2 } })).toThrow(/from 0 to 2/);
  });

  test('fails if the mirror backend has a weight or filters', () => {
    expect(() => Filter.requestMirror(Backend.fromServiceName('s', { port: 80, weight: 5 }))).toThrow(/mirror backend 's' must not have a weight \(got 5\)/);
    expect(() => Filter.requestMirror(Backend.fromServiceName('s', { port: 80, filters: [Filter.requestHeaders({ remove: ['x'] })] }))).toThrow(/must not have filters/);
  });
});

describe('Filter.cors', () => {
  test('renders every setting', () => {
    const f = Filter.cors({
      allowOrigins: ['https://app.example.com', 'https://*.example.org:8443'],
      allowMethods: [CorsMethod.GET, CorsMethod.POST],
      allowHeaders: ['Authorization'],
      exposeHeaders: ['X-Trace'],
      allowCredentials: true,
      maxAge: Duration.minutes(10),
    });
    expect(f._render()).toEqual({
      type: 'CORS',
      cors: {
        allowOrigins: ['https://app.example.com', 'https://*.example.org:8443'],
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['Authorization'],
        exposeHeaders: ['X-Trace'],
        allowCredentials: true,
        maxAge: 600,
      },
    });
  });

  test('fails if * is combined with other origins or methods', () => {
    expect(() => Filter.cors({ allowOrigins: ['*', 'https://a.com'] })).toThrow(/allowOrigins may contain '\*' only as its single entry/);
    expect(() => Filter.cors({ allowMethods: [CorsMethod.ALL, CorsMethod.GET] })).toThrow(/allowMethods may contain '\*' only/);
    expect(() => Filter.cors({ allowHeaders: ['*', 'X-Token'] })).toThrow(/allowHeaders may contain '\*' only as its single entry, got \[\*, X-Token\]/);
    expect(Filter.cors({ allowHeaders: ['*'] })._render()).toEqual({ type: 'CORS', cors: { allowHeaders: ['*'] } });
    // exposeHeaders has no such rule in the API
    expect(Filter.cors({ exposeHeaders: ['*', 'X-Trace'] })._render()).toEqual({ type: 'CORS', cors: { exposeHeaders: ['*', 'X-Trace'] } });
  });

  test('fails if an origin is not scheme://host', () => {
    expect(() => Filter.cors({ allowOrigins: ['app.example.com'] })).toThrow(/origin 'app.example.com' must be '\*' or 'http\(s\):\/\/host\[:port\]'/);
  });

  test('fails if maxAge is not whole seconds of at least 1', () => {
    expect(() => Filter.cors({ maxAge: Duration.millis(1500) })).toThrow(/maxAge \(seconds\) 1.5 is invalid/);
  });

  test('fails if no setting is given', () => {
    expect(() => Filter.cors({})).toThrow(/Filter.cors: give at least one setting/);
  });
});

describe('Filter.extensionRef', () => {
  test('renders the reference', () => {
    expect(Filter.extensionRef({ group: 'example.com', kind: 'RateLimit', name: 'strict' })._render())
      .toEqual({ type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'RateLimit', name: 'strict' } });
  });

  test('fails if the group is not a DNS subdomain', () => {
    expect(() => Filter.extensionRef({ group: 'Example.com', kind: 'RateLimit', name: 'x' })).toThrow(/Filter.extensionRef: group "Example.com" is invalid/);
  });
});
