import '../../src/jest';
import { App, Chart } from 'cdk8s';
import {
  AllowedRoutes, Backend, Certificate, Filter, Gateway, GatewayClass, HttpMatch, HttpRoute, ListenerProtocol, ListenerTls,
  RedirectScheme, RedirectStatusCode, testing,
} from '../../src';
import { planeOf, toBeAccepted, toHaveCondition, toHaveNoValidationErrors, toRedirect, toRespond, toRoute, toSplit } from '../../src/testing/matchers';

/** An HTTPS Gateway whose certificate Secret and GatewayClass live elsewhere, and a route with a split, a header rule and a redirect. */
function shop(): { app: App; chart: Chart } {
  const app = new App();
  const chart = new Chart(app, 'shop');
  const gateway = new Gateway(chart, 'Gateway', {
    metadata: { name: 'edge', namespace: 'infra' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'),
  });
  gateway.addListener('https', {
    port: 443,
    protocol: ListenerProtocol.HTTPS,
    hostname: '*.example.com',
    tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard-tls')]),
    allowedRoutes: AllowedRoutes.all(),
  });
  gateway.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP, hostname: '*.example.com', allowedRoutes: AllowedRoutes.all() });
  const route = new HttpRoute(chart, 'Shop', {
    metadata: { name: 'shop', namespace: 'apps' },
    parents: [gateway.listener('https')],
    hostnames: ['shop.example.com'],
  });
  route.addRule({ matches: [HttpMatch.pathPrefix('/cart', { headers: [] })], backends: [Backend.fromServiceName('cart', { port: 8080 })] });
  route.addRule({
    matches: [HttpMatch.pathPrefix('/')],
    backends: [Backend.fromServiceName('web', { port: 80, weight: 90 }), Backend.fromServiceName('web-canary', { port: 80, weight: 10 })],
  });
  const redirect = new HttpRoute(chart, 'ToHttps', { metadata: { name: 'to-https', namespace: 'apps' }, parents: [gateway.listener('http')] });
  redirect.addRule({ filters: [Filter.requestRedirect({ scheme: RedirectScheme.HTTPS, statusCode: RedirectStatusCode.MOVED_PERMANENTLY })] });
  return { app, chart };
}

const { app, chart } = shop();

describe('registered by cdk8s-gateway-api/jest: each matcher passes, fails, and works with .not', () => {
  test('toRoute', () => {
    expect(chart).toRoute('https://shop.example.com/cart/items', 'apps/cart');
    expect(chart).toRoute('https://shop.example.com/cart', 'apps/cart:8080');
    expect(chart).toRoute({ url: 'https://shop.example.com/cart', method: 'POST' }, { namespace: 'apps', name: 'cart', port: 8080 });
    expect(chart).not.toRoute('https://shop.example.com/', 'apps/cart');
    expect(() => expect(chart).toRoute('https://shop.example.com/', 'apps/cart')).toThrow(/Expected https:\/\/shop.example.com\/ to route to apps\/cart/);
    expect(() => expect(chart).not.toRoute('https://shop.example.com/cart', 'apps/cart')).toThrow(/not to route to apps\/cart, but it does: forwarded to apps\/cart:8080 \(200\)/);
    expect(() => expect(chart).toRoute('https://shop.example.com/cart', 'apps/cart:9999')).toThrow(/to route to apps\/cart:9999/);
  });

  test('toRedirect', () => {
    expect(chart).toRedirect('http://shop.example.com/cart?x=1', 'https://shop.example.com/cart?x=1', 301);
    expect(chart).toRedirect('http://shop.example.com/', 'https://shop.example.com/');
    expect(chart).not.toRedirect('https://shop.example.com/', 'https://shop.example.com/');
    expect(() => expect(chart).toRedirect('http://shop.example.com/', 'https://shop.example.com/', 302)).toThrow(/Instead: redirect 301 to https:\/\/shop.example.com\//);
    expect(() => expect(chart).not.toRedirect('http://shop.example.com/', 'https://shop.example.com/')).toThrow(/not to redirect to https:\/\/shop.example.com\/, but it does/);
  });

  test('toRespond', () => {
    expect(chart).toRespond('https://shop.example.com/', 200);
    expect(chart).toRespond('http://shop.example.com/', 301);
    expect(chart).toRespond('http://www.example.org/', 404);
    expect(chart).not.toRespond('https://shop.example.com/', 404);
    expect(() => expect(chart).toRespond('https://shop.example.com/', 404)).toThrow(/Expected https:\/\/shop.example.com\/ to get 404\nInstead: forwarded to apps\/web/);
    expect(() => expect(chart).not.toRespond('https://shop.example.com/', 200)).toThrow(/not to get 200, but it does/);
  });

  test('toSplit', () => {
    expect(chart).toSplit('https://shop.example.com/', { 'apps/web': 0.9, 'apps/web-canary': 0.1 });
    expect(chart).not.toSplit('https://shop.example.com/', { 'apps/web': 0.5, 'apps/web-canary': 0.5 });
    expect(() => expect(chart).toSplit('https://shop.example.com/', { 'apps/web': 0.5, 'apps/web-canary': 0.5 }))
      .toThrow(/Instead: \{ 'apps\/web': 0.9, 'apps\/web-canary': 0.1 \} \(90% to apps\/web, 10% to apps\/web-canary\)\n {2}apps\/web: expected 0.5, got 0.9\n {2}apps\/web-canary: expected 0.5, got 0.1/);
    expect(() => expect(chart).not.toSplit('https://shop.example.com/', { 'apps/web': 0.9, 'apps/web-canary': 0.1 })).toThrow(/not to split/);
  });

  test('toHaveCondition', () => {
    expect(chart).toHaveCondition('Gateway', 'infra/edge', 'Programmed');
    expect(chart).toHaveCondition('HTTPRoute', 'apps/shop', 'Accepted', 'True', 'Accepted');
    expect(chart).toHaveCondition('GatewayClass', 'envoy', 'Accepted');
    expect(chart).not.toHaveCondition('HTTPRoute', 'apps/shop', 'ResolvedRefs', 'False');
    expect(() => expect(chart).toHaveCondition('HTTPRoute', 'apps/shop', 'Accepted', 'False'))
      .toThrow(/Expected HTTPRoute apps\/shop to have condition Accepted=False\nInstead: its conditions are:\n {2}Accepted=True \(Accepted: .*\) \(parent infra\/edge section https\)/);
    expect(() => expect(chart).toHaveCondition('Gateway', 'infra/nope', 'Programmed'))
      .toThrow(/there is no Gateway 'infra\/nope' among the loaded objects \(Gateways loaded: infra\/edge\); if it is in another chart, pass the App/);
    expect(() => expect(chart).not.toHaveCondition('Gateway', 'infra/edge', 'Programmed')).toThrow(/not to have condition Programmed=True, but it has/);
  });

  test('toBeAccepted', () => {
    expect(chart).toBeAccepted();
    expect(() => expect(chart).not.toBeAccepted()).toThrow(/Expected some route not to be accepted, but every route is/);
    const bad = new Chart(new App(), 'bad');
    const gw = new Gateway(bad, 'Gateway', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: GatewayClass.fromGatewayClassName(bad, 'Class', 'envoy') });
    gw.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.same() });
    new HttpRoute(bad, 'Other', { metadata: { name: 'other', namespace: 'apps' }, parents: [gw] }).addRule({ backends: [Backend.fromServiceName('x', { port: 80 })] });
    expect(() => testing.DataPlane.fromChart(bad, { assumeMissing: true })).toThrow(/Validation failed .*\n.*\[bad\/Other\]/);
    expect(testing.DataPlane.fromChart(bad, { assumeMissing: true, validate: false })).not.toBeAccepted();
    expect(bad).toHaveCondition('HTTPRoute', 'apps/other', 'Accepted', 'False', 'NotAllowedByListeners');
    expect(() => expect(bad).toBeAccepted()).toThrow(/HTTPRoute apps\/other: Gateway infra\/edge: Accepted=False \(NotAllowedByListeners: /);
    expect(() => expect(new Chart(new App(), 'empty')).toBeAccepted()).toThrow(/there are no routes/);
  });

  test('toHaveNoValidationErrors', () => {
    expect(chart).toHaveNoValidationErrors();
    expect(app).toHaveNoValidationErrors();
    const bad = new Chart(new App(), 'bad');
    const gw = new Gateway(bad, 'Gateway', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: GatewayClass.fromGatewayClassName(bad, 'Class', 'envoy') });
    gw.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP });
    new HttpRoute(bad, 'Other', { metadata: { name: 'other', namespace: 'apps' }, parents: [gw] }).addRule({ backends: [Backend.fromServiceName('x', { port: 80 })] });
    expect(bad).not.toHaveNoValidationErrors();
    expect(() => expect(bad).toHaveNoValidationErrors()).toThrow(/Expected no validation errors\nInstead: \d+ errors?:\n {2}bad\/Other: error /);
    expect(() => expect(chart).not.toHaveNoValidationErrors()).toThrow(/Expected validation errors, but the construct tree validates/);
    expect(() => expect(testing.DataPlane.fromChart(chart)).toHaveNoValidationErrors()).toThrow(/the subject is a cdk8s Chart or App; got a DataPlane/);
  });

  test('the subject may be a DataPlane, a Chart or an App; anything else is a clear error', () => {
    const plane = testing.DataPlane.fromApp(app, { assumeMissing: true });
    expect(plane).toRoute('https://shop.example.com/cart', 'apps/cart');
    expect(app).toRoute('https://shop.example.com/cart', 'apps/cart');
    expect(() => expect({}).toRoute('http://x/', 'a/b')).toThrow(/the subject of a routing matcher is a testing.DataPlane, a cdk8s Chart or a cdk8s App; got Object/);
    expect(() => expect(chart).toRoute('http://x/', 'ab')).toThrow(/backend 'ab' is not 'namespace\/name' or 'namespace\/name:port'/);
  });
});

describe('failure messages', () => {
  test('name the request, what happened instead, the explain trace and the closest losing candidate', () => {
    const m = toRoute(chart, 'https://shop.example.com/', 'apps/cart');
    expect(m.pass).toBe(false);
    expect(m.message()).toBe([
      'Expected https://shop.example.com/ to route to apps/cart, but the traffic is split: 90% to apps/web, 10% to apps/web-canary',
      'Closest losing candidate: no match: HTTPRoute apps/shop rule 0 match 0 [PathPrefix /cart]: path / is not under prefix /cart',
      'Every request must reach the backend for toRoute; test a weighted split with toSplit.',
      'Explain:',
      '  SNI shop.example.com selects listener https (hostname *.example.com) of infra/edge',
      '    no match: HTTPRoute apps/shop rule 0 match 0 [PathPrefix /cart]: path / is not under prefix /cart',
      '  hostname shop.example.com: HTTPRoute apps/shop rule 1 match 0 [PathPrefix /] wins',
      '  forwarded to Service apps/web:80 over http (weight 90 of 100, 90%)',
    ].join('\n'));
    // docs/testing.md shows this failure (its chart routes this URL as this one does)
    const doc = require('fs').readFileSync(require('path').join(__dirname, '../../docs/testing.md'), 'utf8') as string;
    expect(doc).toContain(`\`\`\`text\n${m.message()}\n\`\`\``);
  });

  test('a refused request says so, with the root cause in the trace', () => {
    const m = toRespond(testing.DataPlane.fromChart(chart, { assumeMissing: ['GatewayClass', 'Service'] }), 'https://shop.example.com/', 200);
    expect(m.message()).toMatch(/^Expected https:\/\/shop.example.com\/ to get 200\nInstead: refused\nExplain:\n {2}no ready HTTPS listener of infra\/edge on port 443 serves SNI shop.example.com/);
  });

  test('toRedirect names the closest rule that redirects', () => {
    const m = toRedirect(chart, 'https://shop.example.com/', 'https://shop.example.com/');
    expect(m.message()).toMatch(/^Expected https:\/\/shop.example.com\/ to redirect to https:\/\/shop.example.com\/\nInstead: forwarded to apps\/web:80 \(200\)/);
  });

  test('the matcher functions report pass and fail without jest', () => {
    expect(toRoute(chart, 'https://shop.example.com/cart', 'apps/cart').pass).toBe(true);
    expect(toRedirect(chart, 'http://shop.example.com/', 'https://shop.example.com/', 301).pass).toBe(true);
    expect(toRespond(chart, 'https://shop.example.com/', 200).pass).toBe(true);
    expect(toSplit(chart, 'https://shop.example.com/', { 'apps/web': 0.9, 'apps/web-canary': 0.1 }).pass).toBe(true);
    expect(toHaveCondition(chart, 'Gateway', 'infra/edge', 'Programmed').pass).toBe(true);
    expect(toBeAccepted(chart).pass).toBe(true);
    expect(toHaveNoValidationErrors(chart).pass).toBe(true);
  });

  test('a matcher does not advance the weighted picks of a DataPlane subject', () => {
    const a = planeOf(chart);
    const b = planeOf(chart);
    expect(a).toSplit('https://shop.example.com/', { 'apps/web': 0.9, 'apps/web-canary': 0.1 });
    expect(a).toRespond('https://shop.example.com/', 200);
    const picks = (p: testing.DataPlane) => Array.from({ length: 20 }, () => p.http('https://shop.example.com/').backend?.name);
    expect(picks(a)).toEqual(picks(b));
  });
});

describe('other protocols', () => {
  const G = 'gateway.networking.k8s.io/v1';
  const plane = testing.DataPlane.fromManifests([
    {
      apiVersion: G,
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'infra' },
      spec: { gatewayClassName: 'x', listeners: [{ name: 'h2c', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }, { name: 'pg', port: 5432, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } }] },
    },
    { apiVersion: G, kind: 'GRPCRoute', metadata: { name: 'echo', namespace: 'apps' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ matches: [{ method: { service: 'echo.Echo' } }], backendRefs: [{ name: 'echo', port: 9000, weight: 3 }, { name: 'echo-next', port: 9000, weight: 1 }] }] } },
    { apiVersion: G, kind: 'TCPRoute', metadata: { name: 'pg', namespace: 'apps' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'pg', port: 5432 }] }] } },
  ], { assumeMissing: true });

  test('gRPC URLs: toSplit and toRespond (gRPC status codes)', () => {
    expect(plane).toSplit('grpc://api.example.com/echo.Echo/Say', { 'apps/echo': 0.75, 'apps/echo-next': 0.25 });
    expect(plane).toRespond('grpc://api.example.com/other.Svc/Do', 12);
    expect(plane).not.toRoute('grpc://api.example.com/echo.Echo/Say', 'apps/echo');
  });

  test('TCP: toRoute, and toRespond fails on a refused connection with the reason', () => {
    expect(plane).toRoute('tcp://db:5432', 'apps/pg:5432');
    expect(plane).toRoute({ protocol: 'tcp', port: 5432 }, 'apps/pg');
    expect(plane).not.toRoute('tcp://db:5433', 'apps/pg');
    expect(() => expect(plane).toRoute('tcp://db:5433', 'apps/pg')).toThrow(/Instead: refused\nExplain:\n {2}no Gateway has a TCP listener on port 5433: refused; TCP\/UDP listeners: infra\/gw pg \(TCP 5432\)/);
  });
});

describe('weighted splits', () => {
  const G = 'gateway.networking.k8s.io/v1';
  const route = (name: string, host: string, backendRefs: object[]) => ({
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'shop' },
    spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: [host], rules: [{ backendRefs }] },
  });
  const plane = testing.DataPlane.fromManifests([
    { apiVersion: G, kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'x', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
    route('canary', 'canary.example.com', [{ name: 'web', port: 80, weight: 90 }, { name: 'web-v2', port: 80, weight: 10 }]),
    route('ports', 'ports.example.com', [{ name: 'web', port: 80, weight: 1 }, { name: 'web', port: 8080, weight: 1 }]),
    route('zero', 'zero.example.com', [{ name: 'web', port: 80, weight: 1 }, { name: 'web-v2', port: 80, weight: 0 }]),
  ], { assumeMissing: true });
  const CANARY = 'http://canary.example.com/';
  const PORTS = 'http://ports.example.com/';
  const ZERO = 'http://zero.example.com/';

  test('toRoute on a split fails whichever backend the seeded pick reaches, its headline giving the shares', () => {
    expect(plane.http({ host: 'canary.example.com', seed: 1 }).backend?.name).toBe('web');
    expect(plane).not.toRoute(CANARY, 'shop/web');
    expect(plane).not.toRoute(CANARY, 'shop/web-v2');
    const m = toRoute(plane, CANARY, 'shop/web');
    expect(m.pass).toBe(false);
    expect(m.message().split('\n')[0]).toBe('Expected http://canary.example.com/ to route to shop/web, but the traffic is split: 90% to shop/web, 10% to shop/web-v2');
    expect(m.message()).not.toMatch(/Instead: forwarded to/);
    expect(m.message()).toMatch(/test a weighted split with toSplit/);
  });

  test('a backend of weight 0 is no split: toRoute passes for the other one', () => {
    expect(plane).toRoute(ZERO, 'shop/web');
    expect(plane).not.toRoute(ZERO, 'shop/web-v2');
    expect(() => expect(plane).not.toRoute(ZERO, 'shop/web')).toThrow(/not to route to shop\/web, but it does: forwarded to shop\/web:80 \(200\)/);
  });

  test('two backendRefs to one Service on different ports are two backends', () => {
    expect(plane.http({ host: 'ports.example.com', seed: 1 }).backend?.port).toBeDefined();
    // Every request reaches Service shop/web, on one port or the other.
    expect(plane).toRoute(PORTS, 'shop/web');
    expect(plane).not.toRoute(PORTS, 'shop/web:80');
    expect(plane).not.toRoute(PORTS, 'shop/web:8080');
    expect(toRoute(plane, PORTS, 'shop/web:80').message().split('\n')[0]).toBe('Expected http://ports.example.com/ to route to shop/web:80, but the traffic is split: 50% to shop/web:80, 50% to shop/web:8080');
    expect(plane).toSplit(PORTS, { 'shop/web:80': 0.5, 'shop/web:8080': 0.5 });
    expect(plane).toSplit(PORTS, { 'shop/web': 1 });
    expect(plane).not.toSplit(PORTS, { 'shop/web:80': 1 });
    expect(() => expect(plane).toSplit(PORTS, { 'shop/web:80': 1 })).toThrow(/shop\/web:80: expected 1, got 0.5\n {2}shop\/web:8080 takes 0.5 of the traffic but is not listed/);
    expect(() => expect(plane).toSplit(PORTS, { 'shop/web': 0.5, 'shop/web:80': 0.5 })).toThrow(/split lists both 'shop\/web' and 'shop\/web:80'/);
  });

  test('toSplit: every backend that takes traffic must be listed', () => {
    expect(plane).not.toSplit(CANARY, { 'shop/web': 0.9 });
    expect(() => expect(plane).toSplit(CANARY, { 'shop/web': 0.9 })).toThrow(/Expected http:\/\/canary.example.com\/ to split \{ 'shop\/web': 0.9 \}\nInstead: \{ 'shop\/web': 0.9, 'shop\/web-v2': 0.1 \} \(90% to shop\/web, 10% to shop\/web-v2\)\n {2}shop\/web-v2 takes 0.1 of the traffic but is not listed \(every backend that takes traffic must be listed\)/);
  });

  test('toSplit: a listed backend that takes no traffic fails; a weight-0 one may be listed at 0', () => {
    expect(plane).not.toSplit(ZERO, { 'shop/web': 0.5, 'shop/web-v2': 0.5 });
    expect(() => expect(plane).toSplit(ZERO, { 'shop/web': 0.5, 'shop/web-v2': 0.5 })).toThrow(/ {2}shop\/web: expected 0.5, got 1\n {2}shop\/web-v2: expected 0.5, but it takes no traffic/);
    expect(plane).toSplit(ZERO, { 'shop/web': 1 });
    expect(plane).toSplit(ZERO, { 'shop/web': 1, 'shop/web-v2': 0 });
  });

  test('toSplit: .not passes on a wrong share, fails on the right one saying the shares', () => {
    expect(plane).toSplit(CANARY, { 'shop/web': 0.9, 'shop/web-v2': 0.1 });
    expect(plane).not.toSplit(CANARY, { 'shop/web': 0.8, 'shop/web-v2': 0.2 });
    expect(() => expect(plane).not.toSplit(CANARY, { 'shop/web': 0.9, 'shop/web-v2': 0.1 })).toThrow(/not to split \{ 'shop\/web': 0.9, 'shop\/web-v2': 0.1 \}, but it does: 90% to shop\/web, 10% to shop\/web-v2/);
    expect(() => expect(plane).toSplit(CANARY, { 'shop/web': 90, 'shop/web-v2': 10 })).toThrow(/split share of 'shop\/web' must be a number from 0 to 1 \(a fraction: 0.9 for 90%\), got 90/);
  });
});

describe('lookups that fail lead somewhere', () => {
  test('toHaveCondition checks the reason: same type and status with another reason is not the condition', () => {
    expect(chart).toHaveCondition('HTTPRoute', 'apps/shop', 'Accepted', 'True', 'Accepted');
    expect(chart).not.toHaveCondition('HTTPRoute', 'apps/shop', 'Accepted', 'True', 'NotAllowedByListeners');
    const m = toHaveCondition(chart, 'HTTPRoute', 'apps/shop', 'Accepted', 'True', 'NotAllowedByListeners');
    expect(m.pass).toBe(false);
    expect(m.message()).toMatch(/^Expected HTTPRoute apps\/shop to have condition Accepted=True \(NotAllowedByListeners\)\nInstead: its conditions are:\n {2}Accepted=True \(Accepted: /);
    expect(() => expect(chart).not.toHaveCondition('HTTPRoute', 'apps/shop', 'Accepted', 'True', 'Accepted')).toThrow(/not to have condition Accepted=True \(Accepted\), but it has/);
  });

  test('an unknown kind is an error naming the nearest kind, with or without .not', () => {
    expect(() => expect(chart).toHaveCondition('HttpRoute' as testing.StatusKind, 'apps/shop', 'Accepted'))
      .toThrow("toHaveCondition: kind 'HttpRoute' is not one the plane writes a status on; did you mean 'HTTPRoute'? (kinds: GatewayClass, Gateway, ListenerSet, HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute, BackendTLSPolicy)");
    expect(() => expect(chart).not.toHaveCondition('Gatway' as testing.StatusKind, 'infra/edge', 'Programmed')).toThrow(/did you mean 'Gateway'\?/);
    expect(() => expect(chart).toHaveCondition('Service' as testing.StatusKind, 'apps/web', 'Ready')).toThrow(/kind 'Service' is not one the plane writes a status on \(kinds: /);
  });

  test('a name that is not loaded is an error naming the nearest namespace/name, or the kind it is loaded as', () => {
    expect(() => expect(chart).toHaveCondition('HTTPRoute', 'apps/shp', 'Accepted')).toThrow(/there is no HTTPRoute 'apps\/shp' among the loaded objects; did you mean 'apps\/shop'\? \(HTTPRoutes loaded: apps\/shop, apps\/to-https\)/);
    expect(() => expect(chart).not.toHaveCondition('HTTPRoute', 'app/shop', 'Accepted')).toThrow(/did you mean 'apps\/shop'\?/);
    expect(() => expect(chart).toHaveCondition('GRPCRoute', 'apps/shop', 'Accepted')).toThrow(/a HTTPRoute apps\/shop is loaded: did you mean kind 'HTTPRoute'\?/);
    // Far from every loaded name: no suggestion, the list of what is loaded.
    expect(() => expect(chart).toHaveCondition('Gateway', 'infra/nope', 'Programmed')).toThrow(/no Gateway 'infra\/nope' among the loaded objects \(Gateways loaded: infra\/edge\)/);
  });

  test("a matcher on a chart without the routes' Gateway says to pass the App", () => {
    const split = new App();
    const infra = new Chart(split, 'infra');
    const gw = new Gateway(infra, 'Gateway', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: GatewayClass.fromGatewayClassName(infra, 'Class', 'envoy') });
    gw.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.all() });
    const apps = new Chart(split, 'apps');
    new HttpRoute(apps, 'Web', { metadata: { name: 'web', namespace: 'apps' }, parents: [gw] }).addRule({ backends: [Backend.fromServiceName('web', { port: 80 })] });
    const hint = /Note: the routes' Gateway infra\/edge \(named by HTTPRoute apps\/web\) is not in this chart; when another chart of the App defines it, pass the App \(expect\(app\)\)/;
    expect(() => expect(apps).toRoute('http://x.example/', 'apps/web')).toThrow(hint);
    expect(() => expect(apps).toRespond('http://x.example/', 200)).toThrow(hint);
    expect(() => expect(apps).toHaveCondition('HTTPRoute', 'apps/web', 'Accepted')).toThrow(hint);
    expect(split).toRoute('http://x.example/', 'apps/web');
    expect(split).toHaveCondition('HTTPRoute', 'apps/web', 'Accepted');
    // The hint is absent when every parent is loaded.
    expect(toRoute(split, 'http://x.example/', 'apps/other').message()).not.toMatch(/Note:/);
  });
});

describe('gRPC status codes are named in messages', () => {
  const plane = testing.DataPlane.fromManifests([
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'x', listeners: [{ name: 'h2c', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute', metadata: { name: 'echo', namespace: 'apps' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ matches: [{ method: { service: 'echo.Echo' } }], backendRefs: [{ name: 'echo', port: 9000 }] }] } },
  ], { assumeMissing: true });
  test('toRespond and toRoute', () => {
    expect(plane).toRespond('grpc://api.example.com/other.Svc/Do', 12);
    expect(() => expect(plane).toRespond('grpc://api.example.com/other.Svc/Do', 14)).toThrow(/^Expected grpc:\/\/api.example.com\/other.Svc\/Do to get UNAVAILABLE \(14\)\nInstead: UNIMPLEMENTED \(12\), no route matched/);
    expect(() => expect(plane).not.toRespond('grpc://api.example.com/other.Svc/Do', 12)).toThrow(/not to get UNIMPLEMENTED \(12\), but it does: UNIMPLEMENTED \(12\), no route matched/);
    expect(() => expect(plane).not.toRoute('grpc://api.example.com/echo.Echo/Say', 'apps/echo')).toThrow(/but it does: forwarded to apps\/echo:9000, OK \(0\) by GRPCRoute apps\/echo rule 0/);
  });
});
