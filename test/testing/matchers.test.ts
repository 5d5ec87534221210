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
      .toThrow(/Instead: \{ 'apps\/web': 0.9, 'apps\/web-canary': 0.1 \}\n {2}apps\/web: expected 0.5, got 0.9\n {2}apps\/web-canary: expected 0.5, got 0.1/);
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
      .toThrow(/there is no such Gateway among the loaded objects \(Gateways loaded: infra\/edge\); if it is in another chart, load the App/);
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
      'Expected https://shop.example.com/ to route to apps/cart',
      'Instead: forwarded to apps/web:80 (200) by HTTPRoute apps/shop rule 1',
      'Closest losing candidate: no match: HTTPRoute apps/shop rule 0 match 0 [PathPrefix /cart]: path / is not under prefix /cart',
      'Split: apps/web 0.9, apps/web-canary 0.1 (use toSplit for weighted backends)',
      'Explain:',
      '  SNI shop.example.com selects listener https (hostname *.example.com) of infra/edge',
      '    no match: HTTPRoute apps/shop rule 0 match 0 [PathPrefix /cart]: path / is not under prefix /cart',
      '  hostname shop.example.com: HTTPRoute apps/shop rule 1 match 0 [PathPrefix /] wins',
      '  forwarded to Service apps/web:80 over http (weight 90 of 100, 90%)',
    ].join('\n'));
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
