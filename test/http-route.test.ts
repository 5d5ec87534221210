import { ApiObject, App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { AllowedRoutes, Backend, Certificate, Filter, Gateway, GatewayClass, HeaderMatch, HttpMatch, HttpRoute, ListenerProtocol, ListenerSet, ListenerTls, PathModifier, RedirectScheme, RedirectStatusCode, ReferenceGrant, ReferenceGrantPolicy, validateApp } from '../src';
import { gatewayRef } from './support/parents';

function chartIn(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', namespace ? { namespace } : {});
}

function specOf(route: HttpRoute): any {
  return ApiObject.of(route).toJson().spec;
}

describe('HttpRoute', () => {
  test('renders the seed\'s basic route: parent in another namespace with sectionName, hostnames, two rules', () => {
    // GIVEN
    const chart = chartIn('production');
    // WHEN
    const route = new HttpRoute(chart, 'MyApp', {
      metadata: { name: 'myapp-route' },
      parents: [gatewayRef('main-gateway', 'gateway-system', 'https')],
      hostnames: ['myapp.example.com'],
      rules: [
        { matches: [HttpMatch.pathPrefix('/api')], backends: [Backend.fromServiceName('api-service', { port: 80 })] },
        { matches: [HttpMatch.pathPrefix('/')], backends: [Backend.fromServiceName('frontend-service', { port: 80 })] },
      ],
    });
    // THEN
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'myapp-route', namespace: 'production' },
      spec: {
        parentRefs: [{ name: 'main-gateway', namespace: 'gateway-system', sectionName: 'https' }],
        hostnames: ['myapp.example.com'],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'api-service', port: 80 }] },
          { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'frontend-service', port: 80 }] },
        ],
      },
    }]);
    expect(route.kind).toBe('HTTPRoute');
    expect(route.namespace).toBe('production');
    expect(route.node.defaultChild).toBe(ApiObject.of(route));
  });

  test('omits the parent namespace when it is the route\'s, and writes port and non-Gateway kinds', () => {
    const chart = chartIn('gateway-system');
    const route = new HttpRoute(chart, 'Health', { parents: [gatewayRef('production-gateway', 'gateway-system')] });
    route.attachTo(gatewayRef('other', undefined, undefined, 8080));
    route.attachTo({ parentRef: { group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'team-a', namespace: 'teams', sectionName: 'web' } });
    expect(specOf(route).parentRefs).toEqual([
      { name: 'production-gateway' },
      { name: 'other', port: 8080 },
      { kind: 'ListenerSet', name: 'team-a', namespace: 'teams', sectionName: 'web' },
    ]);
  });

  test('attaches to Gateways and listeners of the app and to imported ones', () => {
    // GIVEN
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'infra' });
    const gw = new Gateway(infra, 'Gw', { metadata: { name: 'edge' }, gatewayClass: GatewayClass.fromGatewayClassName(infra, 'Class', 'envoy') });
    const https = gw.addListener('https', {
      port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecretName('tls')]), allowedRoutes: AllowedRoutes.all(),
    });
    const chart = new Chart(app, 'apps', { namespace: 'apps' });
    const shared = Gateway.fromGatewayName(chart, 'Shared', 'shared', { namespace: 'apps' });
    // WHEN
    const route = new HttpRoute(chart, 'R', { parents: [https, shared.listener('http')] });
    route.attachTo(gatewayRef('other', 'infra'));
    // THEN
    expect(specOf(route).parentRefs).toEqual([
      { name: 'edge', namespace: 'infra', sectionName: 'https' },
      { name: 'shared', sectionName: 'http' },
      { name: 'other', namespace: 'infra' },
    ]);
    expect(route.parents[0].parentResource).toBe(gw);
  });

  test('attaches to a ListenerSet and to one of its listeners', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'apps', { namespace: 'team-a' });
    const gw = Gateway.fromGatewayName(chart, 'Gw', 'edge', { namespace: 'infra' });
    const set = new ListenerSet(chart, 'Set', { metadata: { name: 'team-a' }, gateway: gw });
    set.addListener('web', { port: 80, protocol: ListenerProtocol.HTTP, hostname: 'a.example.com' });
    const route = new HttpRoute(chart, 'R', { parents: [set.listener('web')] });
    route.attachTo(ListenerSet.fromListenerSetName(chart, 'Other', 'team-b', { namespace: 'team-b' }));
    expect(specOf(route).parentRefs).toEqual([
      { kind: 'ListenerSet', name: 'team-a', sectionName: 'web' },
      { kind: 'ListenerSet', name: 'team-b', namespace: 'team-b' },
    ]);
  });

  test('writes group and kind of an implementation-specific parent', () => {
    const chart = chartIn('a');
    const route = new HttpRoute(chart, 'R', { parents: [{ parentRef: { group: 'example.com', kind: 'Mesh', name: 'm' } }] });
    expect(specOf(route).parentRefs).toEqual([{ group: 'example.com', kind: 'Mesh', name: 'm' }]);
  });

  test('a route with no rules and no hostnames writes neither (no empty lists)', () => {
    const chart = chartIn('a');
    const route = new HttpRoute(chart, 'R', { parents: [gatewayRef('gw')] });
    expect(specOf(route)).toEqual({ parentRefs: [{ name: 'gw' }] });
  });

  test('addRule() and addHostnames() append in order', () => {
    const chart = chartIn('a');
    const route = new HttpRoute(chart, 'R', { parents: [gatewayRef('gw')], hostnames: ['a.example.com'] });
    route.addHostnames('b.example.com', '*.example.org');
    route.addRule({ name: 'first', backends: [Backend.fromServiceName('one', { port: 80 })] });
    route.addRule({ name: 'second', matches: [HttpMatch.pathExact('/x')], backends: [Backend.fromServiceName('two', { port: 80 })] });
    expect(route.hostnames).toEqual(['a.example.com', 'b.example.com', '*.example.org']);
    expect(specOf(route).rules).toEqual([
      { name: 'first', backendRefs: [{ name: 'one', port: 80 }] },
      { name: 'second', matches: [{ path: { type: 'Exact', value: '/x' } }], backendRefs: [{ name: 'two', port: 80 }] },
    ]);
  });

  test('renders filters, weights and timeouts', () => {
    const chart = chartIn('a');
    const route = new HttpRoute(chart, 'R', { parents: [gatewayRef('gw')] });
    route.addRule({
      matches: [HttpMatch.pathPrefix('/api')],
      filters: [Filter.urlRewrite({ path: PathModifier.replacePrefixMatch('/v1') })],
      backends: [Backend.fromServiceName('stable', { port: 80, weight: 90 }), Backend.fromServiceName('canary', { port: 80, weight: 10 })],
      timeouts: { request: Duration.seconds(90), backendRequest: Duration.millis(500) },
    });
    expect(specOf(route).rules[0]).toEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v1' } } }],
      backendRefs: [{ name: 'stable', port: 80, weight: 90 }, { name: 'canary', port: 80, weight: 10 }],
      timeouts: { request: '1m30s', backendRequest: '500ms' },
    });
  });

  test('a redirect rule without backends is accepted', () => {
    const chart = chartIn('a');
    const route = new HttpRoute(chart, 'R', { parents: [gatewayRef('gw')] });
    route.addRule({ filters: [Filter.requestRedirect({ scheme: RedirectScheme.HTTPS, statusCode: RedirectStatusCode.MOVED_PERMANENTLY })] });
    expect(specOf(route).rules).toEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
  });

  test('experimental fields are written only when opted in', () => {
    const chart = chartIn('a');
    const route = new HttpRoute(chart, 'R', { parents: [gatewayRef('gw')] });
    route.addRule({
      backends: [Backend.fromServiceName('s', { port: 80 })],
      experimental: { retry: { attempts: 3, codes: [503] }, sessionPersistence: { sessionName: 'sid', type: 'Cookie' } },
    });
    expect(specOf(route).rules[0]).toEqual({
      backendRefs: [{ name: 's', port: 80 }],
      retry: { attempts: 3, codes: [503] },
      sessionPersistence: { sessionName: 'sid', type: 'Cookie' },
    });
  });

  test('fromHttpRouteName() imports a route by name and namespace', () => {
    const chart = chartIn('a');
    const imported = HttpRoute.fromHttpRouteName(chart, 'Legacy', 'legacy', { namespace: 'old' });
    expect({ name: imported.name, namespace: imported.namespace, kind: imported.kind, apiGroup: imported.apiGroup })
      .toEqual({ name: 'legacy', namespace: 'old', kind: 'HTTPRoute', apiGroup: 'gateway.networking.k8s.io' });
    expect(Testing.synth(chart)).toEqual([]);
  });

  describe('validation', () => {
    test('fails at synthesis if the route has no parent', () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c', { namespace: 'a' });
      new HttpRoute(chart, 'Orphan', { rules: [{ backends: [Backend.fromServiceName('s', { port: 80 })] }] });
      expect(() => app.synth()).toThrow(/\[c\/Orphan\] parents: the route is not attached to any parent; pass `parents` or call `attachTo\(\)`.* \[construct\/missing\]/);
    });

    test('fails if a rule has a RequestRedirect filter and backends', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
      expect(() => route.addRule({
        filters: [Filter.requestRedirect({ scheme: RedirectScheme.HTTPS })],
        backends: [Backend.fromServiceName('s', { port: 80 })],
      })).toThrow(/HTTPRoute 'test\/R': rules\[0\] has a RequestRedirect filter and backends; a redirecting rule answers the client itself/);
    });

    test('fails if ReplacePrefixMatch is used without exactly one PathPrefix match', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
      const rewrite = Filter.urlRewrite({ path: PathModifier.replacePrefixMatch('/v1') });
      expect(() => route.addRule({ matches: [HttpMatch.pathExact('/a')], filters: [rewrite] }))
        .toThrow(/rules\[0\].filters has a URLRewrite filter with PathModifier.replacePrefixMatch, which needs the rule to have exactly one match, a PathPrefix one .* got 1 match\(es\) of type Exact/);
      expect(() => route.addRule({ matches: [HttpMatch.pathPrefix('/a'), HttpMatch.pathPrefix('/b')], filters: [rewrite] })).toThrow(/got 2 match\(es\)/);
      const redirect = Filter.requestRedirect({ path: PathModifier.replacePrefixMatch('/v2') });
      expect(() => route.addRule({ matches: [HttpMatch.anyPath({ headers: [HeaderMatch.exact('a', 'b')] })], filters: [redirect] }))
        .toThrow(/RequestRedirect filter with PathModifier.replacePrefixMatch,.* of type none \(any path\)/);
    });

    test('ReplacePrefixMatch at backend level is checked too; no matches means the default PathPrefix / and is accepted', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
      const b = Backend.fromServiceName('s', { port: 80, filters: [Filter.urlRewrite({ path: PathModifier.replacePrefixMatch('/') })] });
      expect(() => route.addRule({ matches: [HttpMatch.pathExact('/a')], backends: [b] })).toThrow(/rules\[0\].backends\[0\].filters has a URLRewrite filter/);
      route.addRule({ backends: [b] });
      expect(specOf(route).rules).toHaveLength(1);
    });

    test('fails if a filter kind is repeated, or redirect and rewrite are combined', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
      expect(() => route.addRule({ filters: [Filter.requestHeaders({ remove: ['a'] }), Filter.requestHeaders({ remove: ['b'] })] }))
        .toThrow(/rules\[0\].filters has more than one RequestHeaderModifier filter; combine them into one/);
      expect(() => route.addRule({ filters: [Filter.requestRedirect({ port: 80 }), Filter.urlRewrite({ hostname: 'a.b' })] }))
        .toThrow(/has both a RequestRedirect and a URLRewrite filter/);
      const m = (n: string) => Filter.requestMirror(Backend.fromServiceName(n, { port: 80 }));
      route.addRule({ filters: [m('a'), m('b')], backends: [Backend.fromServiceName('s', { port: 80 })] });
    });

    test('fails beyond 16 rules, 64 matches per rule, 128 matches per route and 16 backends', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
      const matches = (n: number) => Array.from({ length: n }, (_, i) => HttpMatch.pathExact(`/p${i}`));
      expect(() => route.addRule({ matches: matches(65) })).toThrow(/rules\[0\].matches has 65 entries; the Gateway API allows at most 64/);
      route.addRule({ matches: matches(64) });
      route.addRule({ matches: matches(64) });
      expect(() => route.addRule({ matches: matches(1) })).toThrow(/rules\[2\] brings the route to 129 matches; a route may hold at most 128/);
      for (let i = 0; i < 14; i++) route.addRule({});
      expect(() => route.addRule({})).toThrow(/rules has 17 entries; the Gateway API allows at most 16/);
      const other = new HttpRoute(chartIn('a'), 'O', { parents: [gatewayRef('gw')] });
      const backends = Array.from({ length: 17 }, (_, i) => Backend.fromServiceName(`s${i}`, { port: 80 }));
      expect(() => other.addRule({ backends })).toThrow(/rules\[0\].backends has 17 entries/);
    });

    test('fails if a rule name is repeated or invalid', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
      route.addRule({ name: 'api' });
      expect(() => route.addRule({ name: 'api' })).toThrow(/rule name 'api' is already used by another rule of this route/);
      expect(() => route.addRule({ name: 'Api_1' })).toThrow(/rules\[1\] \('Api_1'\).name "Api_1" is invalid/);
    });

    test('fails if backendRequest is longer than request', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
      expect(() => route.addRule({ timeouts: { request: Duration.seconds(5), backendRequest: Duration.seconds(10) } }))
        .toThrow(/rules\[0\].timeouts.backendRequest \(10s\) must not be longer than request \(5s\)/);
      route.addRule({ timeouts: { request: Duration.seconds(0), backendRequest: Duration.seconds(10) } });
      expect(specOf(route).rules[0].timeouts).toEqual({ request: '0s', backendRequest: '10s' });
    });

    test('fails if a timeout has a fraction of a millisecond', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
      expect(() => route.addRule({ timeouts: { request: Duration.millis(1.5) } })).toThrow(/timeouts.request must be a whole number of milliseconds/);
    });

    test('fails on a bad, duplicate, IP or excess hostname', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')], hostnames: ['a.example.com'] });
      expect(() => route.addHostnames('a.example.com')).toThrow(/hostname 'a.example.com' is already listed/);
      expect(() => route.addHostnames('API.example.com')).toThrow(/hostnames\[1\] "API.example.com" is invalid/);
      expect(() => route.addHostnames('*.*.example.com')).toThrow(/hostnames\[1\] "\*.\*.example.com" is invalid/);
      expect(() => route.addHostnames('10.0.0.1')).toThrow(/hostnames\[1\] "10.0.0.1" is an IP address/);
      expect(() => route.addHostnames(...Array.from({ length: 16 }, (_, i) => `h${i}.example.com`))).toThrow(/hostnames has 17 entries/);
    });

    test('fails on a repeated parent, or a parent attached both whole and by listener', () => {
      const route = new HttpRoute(chartIn('apps'), 'R', { parents: [gatewayRef('gw', 'infra', 'http')] });
      expect(() => route.attachTo(gatewayRef('gw', 'infra', 'http'))).toThrow(/Gateway 'infra\/gw' listener 'http' is already a parent of this route/);
      expect(() => route.attachTo(gatewayRef('gw', 'infra'))).toThrow(/cannot be attached both as a whole and by listener/);
      route.attachTo(gatewayRef('gw', 'infra', 'https'));
      route.attachTo(gatewayRef('gw', 'apps'));
      expect(specOf(route).parentRefs).toEqual([
        { name: 'gw', namespace: 'infra', sectionName: 'http' },
        { name: 'gw', namespace: 'infra', sectionName: 'https' },
        { name: 'gw' },
      ]);
    });

    test('fails if one parent is referred to twice without a listener, even on different ports', () => {
      const route = new HttpRoute(chartIn('apps'), 'R', { parents: [gatewayRef('gw', 'infra', undefined, 80)] });
      expect(() => route.attachTo(gatewayRef('gw', 'infra', undefined, 443))).toThrow(/Gateway 'infra\/gw' is already a parent of this route; one parent can be referred to only once without a listener/);
    });

    test('fails if a hand-made parent reference has a bad group, kind or port', () => {
      const route = new HttpRoute(chartIn('apps'), 'R');
      expect(() => route.attachTo({ parentRef: { group: 'Gateway.Networking', kind: 'Gateway', name: 'gw' } })).toThrow(/parents\[0\].group "Gateway.Networking" is invalid/);
      expect(() => route.attachTo({ parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gate way', name: 'gw' } })).toThrow(/parents\[0\].kind "Gate way" is invalid/);
      expect(() => route.attachTo(gatewayRef('gw', undefined, undefined, 0))).toThrow(/parents\[0\].port 0 is invalid/);
    });

    test('a parent given with the route\'s namespace and one without are the same parent', () => {
      const route = new HttpRoute(chartIn('apps'), 'R', { parents: [gatewayRef('gw', 'apps')] });
      expect(() => route.attachTo(gatewayRef('gw'))).toThrow(/Gateway 'gw' is already a parent of this route/);
    });

    test('fails if a match or backend is not one of the library\'s value classes', () => {
      const route = new HttpRoute(chartIn('a'), 'R', { parents: [gatewayRef('gw')] });
      expect(() => route.addRule({ matches: [{ path: { type: 'Exact', value: '/' } } as any] })).toThrow(/rules\[0\].matches\[0\] is not an HttpMatch/);
      expect(() => route.addRule({ backends: [{ name: 'x', port: 80 } as any] })).toThrow(/rules\[0\].backends\[0\] is not a Backend/);
    });
  });

  describe('Service ports', () => {
    test('fails at synthesis if a Service of the app does not expose the backend port', () => {
      // GIVEN
      const app = Testing.app();
      const chart = new Chart(app, 'c', { namespace: 'web' });
      const api = new kplus.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 80 }, { port: 8443 }] });
      // WHEN
      new HttpRoute(chart, 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromService(api, { port: 8080 })] }] });
      // THEN
      expect(() => app.synth()).toThrow(/\[c\/R\] rules\[0\].backends\[0\] \(Service 'api'\): Service 'c\/Api' \(api\) exposes port\(s\) 80, 8443, not 8080.* \[xref\/service-port-not-exposed\]/);
      // Reported once, by the route with the engine's code: the engine's own diagnostic about the same backend is dropped.
      expect(validateApp(app).filter(d => d.code === 'xref/service-port-not-exposed')).toEqual([
        expect.objectContaining({ source: 'c/R', field: "rules[0].backends[0] (Service 'api')" }),
      ]);
    });

    test('the route drops only the engine\'s duplicate of its own check: a named backend\'s wrong port is still reported', () => {
      // GIVEN a backend from a Service of the app and one naming another Service of the app, both with a port it lacks
      const app = Testing.app();
      const chart = new Chart(app, 'c', { namespace: 'web' });
      const api = new kplus.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 80 }] });
      new kplus.Service(chart, 'Web', { metadata: { name: 'web' }, ports: [{ port: 80 }] });
      new HttpRoute(chart, 'R', {
        parents: [gatewayRef('gw')],
        rules: [{ backends: [Backend.fromService(api, { port: 8080 }), Backend.fromServiceName('web', { port: 9090 })] }],
      });
      // THEN each is reported once: the first by the route, the second by the engine (about Service web/web)
      const found = validateApp(app).filter(d => d.code === 'xref/service-port-not-exposed');
      expect(found.map(d => d.field)).toEqual(['spec.rules[0].backendRefs[1]', "rules[0].backends[0] (Service 'api')"]);
      expect(found[0].message).toMatch(/port 9090 of Service web\/web/);
    });

    test('a Service of the app in another namespace: the engine\'s duplicate names that namespace and is dropped', () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c', { namespace: 'web' });
      const other = new Chart(app, 'o', { namespace: 'svcs' });
      const api = new kplus.Service(other, 'Api', { metadata: { name: 'api' }, ports: [{ port: 80 }] });
      new HttpRoute(chart, 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromService(api, { port: 8080 })] }] });
      expect(validateApp(app).filter(d => d.code === 'xref/service-port-not-exposed').map(d => d.source)).toEqual(['c/R']);
    });

    test('a Service port that exists passes, and name-only Services are not checked', () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c', { namespace: 'web' });
      const api = new kplus.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 80 }] });
      new HttpRoute(chart, 'R', {
        parents: [gatewayRef('gw')],
        rules: [{ backends: [Backend.fromService(api, { port: 80 }), Backend.fromServiceName('other', { port: 1234 })] }],
      });
      expect(() => app.synth()).not.toThrow();
    });
  });

  describe('ReferenceGrants', () => {
    test('a backend in another namespace gets a grant in that namespace, merged across rules and routes', () => {
      // GIVEN
      const app = Testing.app();
      const chart = new Chart(app, 'c', { namespace: 'web' });
      const backends = new Chart(app, 'b', { namespace: 'backends' });
      const api = new kplus.Service(backends, 'Api', { metadata: { name: 'api' }, ports: [{ port: 80 }] });
      // WHEN
      const r1 = new HttpRoute(chart, 'R1', { parents: [gatewayRef('gw')] });
      r1.addRule({ backends: [Backend.fromService(api, { port: 80 })] });
      r1.addRule({ backends: [Backend.fromServiceName('legacy', { namespace: 'backends', port: 8080 })] });
      const r2 = new HttpRoute(chart, 'R2', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromService(api, { port: 80 })] }] });
      // THEN
      const grants = Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant');
      expect(grants).toEqual([{
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'allow-httproute-from-web', namespace: 'backends' },
        spec: {
          from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
          to: [{ group: '', kind: 'Service', name: 'api' }, { group: '', kind: 'Service', name: 'legacy' }],
        },
      }]);
      expect(specOf(r1).rules[0].backendRefs).toEqual([{ name: 'api', namespace: 'backends', port: 80 }]);
      expect(specOf(r2).rules[0].backendRefs).toEqual([{ name: 'api', namespace: 'backends', port: 80 }]);
      expect(() => app.synth()).not.toThrow();
    });

    test('a mirror backend in another namespace gets its grant too', () => {
      const chart = chartIn('web');
      new HttpRoute(chart, 'R', {
        parents: [gatewayRef('gw')],
        rules: [{
          filters: [Filter.requestMirror(Backend.fromServiceName('shadow', { namespace: 'qa', port: 80 }), { percent: 5 })],
          backends: [Backend.fromServiceName('s', { port: 80 })],
        }],
      });
      const grant = Testing.synth(chart).find(o => o.kind === 'ReferenceGrant');
      expect(grant.metadata.namespace).toBe('qa');
      expect(grant.spec.to).toEqual([{ group: '', kind: 'Service', name: 'shadow' }]);
    });

    test('same-namespace backends need no grant', () => {
      const chart = chartIn('web');
      new HttpRoute(chart, 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromServiceName('s', { port: 80, namespace: 'web' })] }] });
      expect(Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant')).toEqual([]);
    });

    test('with ReferenceGrantPolicy.NONE no grant is created, and synthesis fails naming the grant needed', () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c', { namespace: 'web' });
      new HttpRoute(chart, 'R', {
        parents: [gatewayRef('gw')],
        referenceGrants: ReferenceGrantPolicy.NONE,
        rules: [{ backends: [Backend.fromServiceName('api', { namespace: 'backends', port: 80 })] }],
      });
      expect(() => app.synth()).toThrow(/\[c\/R\] rules\[0\].backends\[0\] \(Service 'api'\): refers to Service 'api' in namespace 'backends', which needs a ReferenceGrant there .*from \{ group: 'gateway.networking.k8s.io', kind: HTTPRoute, namespace: web \}, to \{ group: '', kind: Service, name: api \}/);
    });

    test('with ReferenceGrantPolicy.NONE a hand-written grant satisfies the check', () => {
      const app = new App({ outdir: Testing.app().outdir });
      const chart = new Chart(app, 'c', { namespace: 'web' });
      new HttpRoute(chart, 'R', {
        parents: [gatewayRef('gw')],
        referenceGrants: ReferenceGrantPolicy.NONE,
        rules: [{ backends: [Backend.fromServiceName('api', { namespace: 'backends', port: 80 })] }],
      });
      new ReferenceGrant(chart, 'Grant', {
        metadata: { namespace: 'backends' },
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }],
        to: [{ group: '', kind: 'Service' }],
      });
      expect(() => app.synth()).not.toThrow();
      expect(Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant')).toHaveLength(1);
    });

    test('fails at synthesis if the route has no namespace but a backend names one', () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      new HttpRoute(chart, 'R', { parents: [gatewayRef('gw')], rules: [{ backends: [Backend.fromServiceName('api', { namespace: 'backends', port: 80 })] }] });
      expect(() => app.synth()).toThrow(/refers to Service 'api' in namespace 'backends', but this HTTPRoute has no namespace/);
    });
  });
});

describe('HttpRoute: references written only with what differs from the defaults', () => {
  test('a parent of another group and kind writes both; a Gateway in the route\'s namespace writes its name alone', () => {
    const route = new HttpRoute(chartIn('apps'), 'R', {
      parents: [
        gatewayRef('gw', 'apps'),
        { parentRef: { group: '', kind: 'Service', name: 'mesh' } },
        { parentRef: { group: 'example.com', kind: 'Gateway', name: 'theirs' } },
      ],
    });
    // (the written keys, not only the values: an absent field must not come out as a key)
    expect(specOf(route).parentRefs).toStrictEqual([{ name: 'gw' }, { group: '', kind: 'Service', name: 'mesh' }, { group: 'example.com', kind: 'Gateway', name: 'theirs' }]);
    expect(specOf(route).parentRefs.map((r: object) => Object.keys(r))).toEqual([['name'], ['group', 'kind', 'name'], ['group', 'kind', 'name']]);
  });

  test('a backend of another kind in the core group writes its kind; a Service of another group writes group and kind', () => {
    const route = new HttpRoute(chartIn('apps'), 'R', {
      parents: [gatewayRef('gw')],
      rules: [{
        backends: [
          Backend.custom({ group: '', kind: 'ConfigMap', name: 'static' }),
          Backend.custom({ group: 'example.com', kind: 'Service', name: 'svc', port: 80 }),
          Backend.fromServiceName('api', { port: 80 }),
        ],
      }],
    });
    expect(specOf(route).rules[0].backendRefs).toStrictEqual([
      { kind: 'ConfigMap', name: 'static' },
      { group: 'example.com', kind: 'Service', name: 'svc', port: 80 },
      { name: 'api', port: 80 },
    ]);
  });

  test('an unknown referenceGrants policy is refused, naming the valid ones', () => {
    expect(() => new HttpRoute(chartIn('apps'), 'R', { parents: [gatewayRef('gw')], referenceGrants: 'Sometimes' as ReferenceGrantPolicy }))
      .toThrow(/referenceGrants 'Sometimes' must be ReferenceGrantPolicy.AUTO or ReferenceGrantPolicy.NONE/);
  });
});
