// The boundaries, negative cases and absent marks of the patterns: each test here fails for a plausible
// one-line bug that the behaviour tests next to it let through (a mirror kept after promote(), a sunset
// equal to its start refused, two backends that differ only by port taken for one, a redirect attached
// to an HTTP listener of another hostname, ...).
import { Testing } from 'cdk8s';
import { edgeChart, GATEWAY, planeOf } from './fixtures';
import {
  AllowedRoutes, ApiVersioning, Backend, BlueGreen, BlueGreenColor, CanaryCohort, CanaryPlan, CanaryRelease, CanaryReleaseProps, Certificate,
  GrpcMatch, GrpcRoute, HeaderMatch, HttpMatch, HttpRoute, HttpsRedirect, ListenerProtocol, ListenerTls,
} from '../../src';

const stable = Backend.fromServiceName('api-stable', { port: 80 });
const canary = Backend.fromServiceName('api-canary', { port: 80 });
const ORDERS = { gateway: GATEWAY, host: 'api.example.com', path: '/orders/1' };

function canarySetup(props: Partial<CanaryReleaseProps> = {}) {
  const { chart, gateway } = edgeChart();
  const route = new HttpRoute(chart, 'Api', { metadata: { name: 'api' }, parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
  route.addRule({ matches: [HttpMatch.pathPrefix('/orders')], backends: [stable] });
  const release = new CanaryRelease(chart, 'ApiCanary', { route, stable, canary, plan: CanaryPlan.steps(10, 99, 100), ...props });
  return { chart, route, release };
}

/** The backendRefs of the first rule of the `api` HTTPRoute, as synthesized. */
function splitRefs(chart: ReturnType<typeof canarySetup>['chart']): any[] {
  return Testing.synth(chart).find(o => o.kind === 'HTTPRoute' && o.metadata.name === 'api').spec.rules[0].backendRefs;
}

describe('CanaryRelease mirror', () => {
  test('the stable backend mirrors below 100%; promote() and the 100% step drop the mirror', () => {
    const { chart, release } = canarySetup({ mirrorPercent: 20 });
    const mirrorOf = () => splitRefs(chart)[0].filters;
    expect(mirrorOf()).toEqual([{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'api-canary', port: 80 }, percent: 20 } }]);
    release.atStep(1); // 99%: still mirrored
    expect(mirrorOf()).toHaveLength(1);
    release.atStep(2); // 100%
    expect(mirrorOf()).toBeUndefined();
    release.atStep(0);
    expect(mirrorOf()).toHaveLength(1);
    release.promote();
    expect(mirrorOf()).toBeUndefined();
    expect(splitRefs(chart).map(b => [b.name, b.weight])).toEqual([['api-stable', 0], ['api-canary', 100]]);
    release.abort();
    expect(mirrorOf()).toBeUndefined();
    expect(release.isAborted).toBe(true);
    release.atStep(0); // leaving the aborted state mirrors again
    expect(release.isAborted).toBe(false);
    expect(mirrorOf()).toHaveLength(1);
  });

  test('the canary never carries the mirror; without mirrorPercent nothing is mirrored', () => {
    const { chart } = canarySetup({ mirrorPercent: 100 });
    expect(splitRefs(chart)[0].filters[0].requestMirror.percent).toBe(100);
    expect(splitRefs(chart)[1].filters).toBeUndefined();
    const plain = canarySetup();
    expect(splitRefs(plain.chart).map(b => b.filters)).toEqual([undefined, undefined]);
    expect(planeOf(plain.chart).distribution(ORDERS).mirrored).toEqual({});
  });

  test('mirrorPercent: 1 and 100 are accepted, 0 and 101 are not', () => {
    expect(() => canarySetup({ mirrorPercent: 1 })).not.toThrow();
    expect(() => canarySetup({ mirrorPercent: 0 })).toThrow(/CanaryRelease 'test\/ApiCanary': mirrorPercent must be 1 to 100; leave it out/);
    expect(() => canarySetup({ mirrorPercent: 101 })).toThrow(/mirrorPercent must be a whole percentage from 0 to 100, got 101/);
  });
});

describe('CanaryRelease state and boundaries', () => {
  test('canaryWeight follows atStep, promote and abort; atStep refuses -1, the step count and 0.5', () => {
    const { release } = canarySetup();
    expect([release.canaryWeight, release.isAborted]).toEqual([10, false]);
    release.promote();
    expect([release.canaryWeight, release.isAborted]).toEqual([100, false]);
    release.abort();
    expect([release.canaryWeight, release.isAborted]).toEqual([0, true]);
    release.promote();
    expect(release.isAborted).toBe(false);
    release.atStep(2);
    expect(release.canaryWeight).toBe(100);
    expect(() => release.atStep(3)).toThrow(/atStep\(3\) is out of range; the plan has 3 step\(s\) \(10, 99, 100 percent\), index 0 to 2/);
    expect(() => release.atStep(-1)).toThrow(/atStep\(-1\) is out of range/);
    expect(() => release.atStep(0.5)).toThrow(/atStep\(0.5\) is out of range/);
    expect(release.canaryWeight).toBe(100);
  });

  test('CanaryPlan bounds: 0 and 100 are percentages, a step may equal max, max 100 is not repeated', () => {
    expect(CanaryPlan.percent(0).steps).toEqual([0]);
    expect(CanaryPlan.percent(100).steps).toEqual([100]);
    expect(CanaryPlan.steps(100).steps).toEqual([100]);
    expect(CanaryPlan.increments(10, 10).steps).toEqual([10, 100]);
    expect(CanaryPlan.increments(50).steps).toEqual([50, 100]);
    expect(CanaryPlan.increments(100).steps).toEqual([100]);
    expect(CanaryPlan.increments(1, 3).steps).toEqual([1, 2, 3, 100]);
    expect(() => CanaryPlan.steps()).toThrow(/CanaryPlan.steps: give at least one step/);
    expect(() => CanaryPlan.steps(50, 40, 100)).toThrow(/steps\[1\] is 40 after 50 \(got 50, 40, 100\)/);
    expect(() => CanaryPlan.increments(10, 9)).toThrow(/max \(9\) must be at least step \(10\)/);
    expect(() => CanaryPlan.increments(10, 101)).toThrow(/max must be a whole percentage/);
    expect(() => CanaryPlan.percent(-1)).toThrow(/percent must be a whole percentage from 0 to 100, got -1/);
    // steps returns a copy
    const plan = CanaryPlan.steps(10, 100);
    plan.steps.push(7);
    expect(plan.steps).toEqual([10, 100]);
  });

  test('stable and canary differing only by port, namespace or kind are two backends', () => {
    for (const other of [
      Backend.fromServiceName('api-stable', { port: 81 }),
      Backend.fromServiceName('api-stable', { port: 80, namespace: 'other' }),
      Backend.custom({ group: 'example.com', kind: 'Thing', name: 'api-stable', port: 80 }),
    ]) {
      expect(() => canarySetup({ canary: other })).not.toThrow();
    }
    expect(() => canarySetup({ canary: Backend.fromServiceName('api-stable', { port: 80 }) }))
      .toThrow(/stable and canary are the same backend \(Service api-stable:80\); the canary must be another deployment/);
  });

  test('without `rules`, only rules forwarding to the stable backend on its port are released', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { metadata: { name: 'api' }, parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
    route.addRule({ matches: [HttpMatch.pathPrefix('/orders')], backends: [stable] });
    route.addRule({ matches: [HttpMatch.pathPrefix('/admin')], backends: [Backend.fromServiceName('api-stable', { port: 8080 })] });
    const release = new CanaryRelease(chart, 'C', { route, stable, canary, plan: CanaryPlan.percent(50) });
    expect(release.rules).toEqual([route.rules[0]]);
    expect(planeOf(chart).distribution({ ...ORDERS, path: '/admin' }).backends).toEqual({ 'apps/api-stable': 1 });
  });

  test('fails naming the route when no rule forwards to the stable backend, and lists what they forward to', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
    route.addRule({ backends: [Backend.fromServiceName('api-stable', { port: 8080 })] });
    route.addRule({ matches: [HttpMatch.pathPrefix('/x')] });
    expect(() => new CanaryRelease(chart, 'C', { route, stable, canary, plan: CanaryPlan.percent(5) }))
      .toThrow(/no rule of test\/Api forwards to the stable backend Service api-stable:80; its rules forward to \[Service api-stable:8080\], \[nothing\]/);
    const empty = new HttpRoute(chart, 'Empty', { parents: [gateway.listener('http')] });
    expect(() => new CanaryRelease(chart, 'D', { route: empty, stable, canary, plan: CanaryPlan.percent(5) })).toThrow(/nothing \(it has no rules\)/);
  });

  test('explicit rules: empty, foreign or forwarding nowhere are refused', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
    route.addRule({ backends: [stable] });
    const nowhere = route.addRule({ name: 'dead', matches: [HttpMatch.pathPrefix('/x')] });
    const other = new HttpRoute(chart, 'Other', { parents: [gateway.listener('http')] });
    const foreign = other.addRule({ backends: [stable] });
    expect(() => new CanaryRelease(chart, 'A', { route, rules: [], stable, canary, plan: CanaryPlan.percent(5) })).toThrow(/rules is empty/);
    expect(() => new CanaryRelease(chart, 'B', { route, rules: [foreign], stable, canary, plan: CanaryPlan.percent(5) })).toThrow(/rules\[0\] is not a rule of test\/Api/);
    expect(() => new CanaryRelease(chart, 'C', { route, rules: [nowhere], stable, canary, plan: CanaryPlan.percent(5) })).toThrow(/rules\[0\] \(rule 'dead'\) forwards nowhere/);
  });

  test('a built route needs parents and refuses parents with `route`', () => {
    const { chart, route } = canarySetup();
    expect(() => new CanaryRelease(chart, 'X', { stable, canary, plan: CanaryPlan.percent(5) })).toThrow(/give `route`, or `parents`/);
    expect(() => new CanaryRelease(chart, 'Y', { stable, canary, plan: CanaryPlan.percent(5), parents: [] })).toThrow(/give `route`, or `parents`/);
    expect(() => new CanaryRelease(chart, 'Z', { route, hostnames: ['a.example.com'], stable, canary, plan: CanaryPlan.percent(5) })).toThrow(/cannot be given with `route`/);
  });

  test('cohort and sticky rules copy the released rule name with a suffix, and its path match type', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { metadata: { name: 'api' }, parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
    route.addRule({ name: 'exact', matches: [HttpMatch.pathExact('/only')], backends: [stable] });
    route.addRule({ matches: [HttpMatch.pathRegex('/r/[0-9]+')], backends: [stable] });
    const release = new CanaryRelease(chart, 'C', { route, stable, canary, plan: CanaryPlan.percent(0), cohorts: [CanaryCohort.header('x-c', '1')], stickyCookie: 's' });
    expect(release.cohortRules.map(r => r.name)).toEqual(['exact-canary-cohort-0', undefined]);
    expect(release.stickyRules.map(r => r.name)).toEqual(['exact-canary-sticky', undefined]);
    const plane = planeOf(chart);
    const host = { gateway: GATEWAY, host: 'api.example.com' };
    expect(plane.http({ ...host, path: '/only', headers: { 'x-c': '1' } }).backend?.name).toBe('api-canary');
    expect(plane.http({ ...host, path: '/only/x', headers: { 'x-c': '1' } }).outcome).toBe('no-route');
    expect(plane.http({ ...host, path: '/r/12', headers: { cookie: 's=api-canary' } }).backend?.name).toBe('api-canary');
    expect(plane.http({ ...host, path: '/r/x', headers: { cookie: 's=api-canary' } }).outcome).toBe('no-route');
    // at 0% the weighted split sends nothing to the canary
    expect(plane.distribution({ ...host, path: '/only' }).backends).toEqual({ 'apps/api-stable': 1 });
  });

  test('a cohort on a header the released rule already matches is refused (HTTP and gRPC)', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
    route.addRule({ matches: [HttpMatch.pathPrefix('/a', { headers: [HeaderMatch.exact('X-C', 'v')] })], backends: [stable] });
    expect(() => new CanaryRelease(chart, 'C', { route, stable, canary, plan: CanaryPlan.percent(5), cohorts: [CanaryCohort.header('x-c', '1')] }))
      .toThrow(/a released rule already matches on header 'x-c'/);
    const grpc = new GrpcRoute(chart, 'G', { parents: [gateway.listener('http')], hostnames: ['g.example.com'] });
    grpc.addRule({ matches: [GrpcMatch.headers(HeaderMatch.exact('X-C', 'v'))], backends: [stable] });
    expect(() => new CanaryRelease(chart, 'D', { route: grpc, stable, canary, plan: CanaryPlan.percent(5), cohorts: [CanaryCohort.header('x-c', '1')] }))
      .toThrow(/a released rule already matches on header 'x-c'/);
  });

  test('a gRPC cohort keeps the service and method of the released match', () => {
    const { chart, gateway } = edgeChart();
    const grpc = new GrpcRoute(chart, 'G', { metadata: { name: 'g' }, parents: [gateway.listener('http')], hostnames: ['g.example.com'] });
    grpc.addRule({ matches: [GrpcMatch.exact({ service: 'shop.Orders', method: 'Get' })], backends: [stable] });
    new CanaryRelease(chart, 'C', { route: grpc, stable, canary, plan: CanaryPlan.percent(5), cohorts: [CanaryCohort.header('x-c', '1')] });
    const rules = Testing.synth(chart).find(o => o.kind === 'GRPCRoute').spec.rules;
    expect(rules[1].matches).toEqual([{ method: { service: 'shop.Orders', method: 'Get' }, headers: [{ name: 'x-c', value: '1' }] }]);
  });

  test('allOf: 16 conditions are accepted, 17 are not; header names compare without case', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => CanaryCohort.header(`x-h${i}`, 'v'));
    expect(CanaryCohort.allOf(...many(16)).matches).toHaveLength(16);
    expect(() => CanaryCohort.allOf(...many(17))).toThrow(/has 17 conditions; a match takes at most 16 headers/);
    expect(() => CanaryCohort.allOf(CanaryCohort.header('X-A', '1'), CanaryCohort.header('x-a', '2'))).toThrow(/conditions 0 and 1 are both on header 'x-a'/);
    expect(() => CanaryCohort.allOf()).toThrow(/needs at least one cohort/);
    const one = CanaryCohort.header('x-a', '1');
    expect(one.match).toBe(one.matches[0]);
  });
});

describe('BlueGreen', () => {
  const blue = Backend.fromServiceName('web', { port: 80 });

  test('blue and green with one name but another port or namespace are two deployments', () => {
    for (const green of [Backend.fromServiceName('web', { port: 81 }), Backend.fromServiceName('web', { port: 80, namespace: 'green' })]) {
      const { chart, gateway } = edgeChart();
      const bg = new BlueGreen(chart, 'Web', { parents: [gateway.listener('http')], hostnames: ['web.example.com'], blue, green, active: BlueGreenColor.GREEN });
      expect(bg.idle).toBe(BlueGreenColor.BLUE);
      const r = planeOf(chart).http({ gateway: GATEWAY, host: 'web.example.com', path: '/' });
      expect(r.backend).toMatchObject({ name: 'web', port: green.port, namespace: green.namespace ?? 'apps' });
    }
    const { chart, gateway } = edgeChart();
    expect(() => new BlueGreen(chart, 'Same', { parents: [gateway.listener('http')], blue, green: Backend.fromServiceName('web', { port: 80 }), active: BlueGreenColor.BLUE }))
      .toThrow(/BlueGreen 'test\/Same': blue and green are the same backend/);
  });

  test('switchTo refuses an unknown color and keeps the state', () => {
    const { chart, gateway } = edgeChart();
    const bg = new BlueGreen(chart, 'Web', { parents: [gateway.listener('http')], blue, green: Backend.fromServiceName('web-g', { port: 80 }), active: BlueGreenColor.BLUE });
    expect(() => bg.switchTo('red' as BlueGreenColor)).toThrow(/color "red" must be BlueGreenColor.BLUE or BlueGreenColor.GREEN/);
    expect(bg.active).toBe(BlueGreenColor.BLUE);
    expect(() => new BlueGreen(chart, 'Bad', { parents: [gateway.listener('http')], blue, green: Backend.fromServiceName('web-g', { port: 80 }), active: 'x' as BlueGreenColor })).toThrow(/color "x"/);
  });

  test('without a preview hostname there is no preview route; an unnamed live route gives an unnamed preview', () => {
    const { chart, gateway } = edgeChart();
    const bg = new BlueGreen(chart, 'Web', { parents: [gateway.listener('http')], blue, green: Backend.fromServiceName('web-g', { port: 80 }), active: BlueGreenColor.BLUE });
    expect(bg.previewRoute).toBeUndefined();
    const bg2 = new BlueGreen(chart, 'Web2', { parents: [gateway.listener('http')], hostnames: ['w.example.com'], previewHostname: 'p.example.com', blue, green: Backend.fromServiceName('web-g', { port: 80 }), active: BlueGreenColor.BLUE });
    expect(bg2.previewRoute!.name).not.toMatch(/-preview$/);
    expect(bg2.previewRoute!.hostnames).toEqual(['p.example.com']);
  });
});

describe('HttpsRedirect listeners', () => {
  function twoHttp() {
    const { chart, gateway } = edgeChart({ http: false });
    gateway.addListener('http-a', { port: 80, protocol: ListenerProtocol.HTTP, hostname: 'a.example.com', allowedRoutes: AllowedRoutes.all() });
    gateway.addListener('http-b', { port: 80, protocol: ListenerProtocol.HTTP, hostname: 'b.example.com', allowedRoutes: AllowedRoutes.all() });
    return { chart, gateway };
  }

  test('with two HTTP listeners of different hostnames, attaches only to the one serving the redirected hostname', () => {
    const { chart, gateway } = twoHttp();
    const r = new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: ['a.example.com'] });
    expect(r.listeners.map(l => l.name)).toEqual(['http-a']);
    expect(r.route.parents.map(p => p.parentRef.sectionName)).toEqual(['http-a']);
    const plane = planeOf(chart);
    expect(plane.http({ gateway: GATEWAY, host: 'a.example.com', path: '/x' })).toMatchObject({ status: 301, location: 'https://a.example.com/x' });
    expect(plane.http({ gateway: GATEWAY, host: 'b.example.com', path: '/x' }).outcome).not.toBe('redirect');
  });

  test('both HTTP listeners when both hostnames are redirected, each listed once', () => {
    const { chart, gateway } = twoHttp();
    const r = new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: ['a.example.com', 'b.example.com', 'a.example.com'] });
    expect(r.listeners.map(l => l.name)).toEqual(['http-a', 'http-b']);
    expect(r.hostnames).toEqual(['a.example.com', 'b.example.com']);
  });

  test('the HTTPS listeners\' wildcard covers both HTTP listeners by default', () => {
    const { chart, gateway } = twoHttp();
    const r = new HttpsRedirect(chart, 'ToHttps', { gateway });
    expect(r.hostnames).toEqual(['*.example.com']);
    expect(r.listeners.map(l => l.name)).toEqual(['http-a', 'http-b']);
  });

  test('an HTTPS listener without hostname means every host: the route has no hostnames', () => {
    const { chart, gateway } = edgeChart({ https: false, httpHostname: undefined });
    gateway.addListener('https', { port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecretName('edge-tls')]) });
    const r = new HttpsRedirect(chart, 'ToHttps', { gateway });
    expect(r.hostnames).toEqual([]);
    expect(Testing.synth(chart).find(o => o.kind === 'HTTPRoute').spec.hostnames).toBeUndefined();
    expect(planeOf(chart).http({ gateway: GATEWAY, host: 'anything.test', path: '/' })).toMatchObject({ status: 301, location: 'https://anything.test/' });
  });

  test('a route without hostnames counts as the HTTPS listeners\' hostnames', () => {
    const { chart, gateway } = edgeChart();
    const bare = new HttpRoute(chart, 'Bare', { parents: [gateway.listener('https')] });
    bare.addRule({ backends: [Backend.fromServiceName('x', { port: 80 })] });
    const named = new HttpRoute(chart, 'Named', { parents: [gateway.listener('https')], hostnames: ['shop.example.com'] });
    named.addRule({ backends: [Backend.fromServiceName('x', { port: 80 })] });
    expect(new HttpsRedirect(chart, 'R', { gateway, routes: [bare, named] }).hostnames).toEqual(['*.example.com', 'shop.example.com']);
    // an empty routes list is like no routes
    expect(new HttpsRedirect(chart, 'S', { gateway, routes: [] }).hostnames).toEqual(['*.example.com']);
  });

  test('explicit hostnames win over routes; an empty list is refused', () => {
    const { chart, gateway } = edgeChart();
    const shop = new HttpRoute(chart, 'Shop', { parents: [gateway.listener('https')], hostnames: ['shop.example.com'] });
    expect(new HttpsRedirect(chart, 'R', { gateway, routes: [shop], hostnames: ['x.example.com'] }).hostnames).toEqual(['x.example.com']);
    expect(() => new HttpsRedirect(chart, 'E', { gateway, hostnames: [] })).toThrow(/hostnames is empty/);
  });

  test('fromListeners: an unknown name is refused naming the listeners; a named HTTP listener is used', () => {
    const { chart, gateway } = twoHttp();
    expect(() => new HttpsRedirect(chart, 'A', { gateway, fromListeners: ['nope'] })).toThrow(/fromListeners names 'nope', which is not a listener of the Gateway; its listeners are 'https', 'http-a', 'http-b'/);
    expect(() => new HttpsRedirect(chart, 'B', { gateway, fromListeners: ['http-b'], hostnames: ['a.example.com'] }))
      .toThrow(/no HTTP listener for hostname 'a.example.com'; the listeners in fromListeners: 'http-b' \(HTTP, port 80, b.example.com\)/);
    expect(new HttpsRedirect(chart, 'C', { gateway, fromListeners: ['http-b'] }).listeners.map(l => l.name)).toEqual(['http-b']);
  });

  test('the HTTPS port is kept only when it is one non-443 port', () => {
    const { chart, gateway } = edgeChart();
    gateway.addListener('https-alt', { port: 8443, protocol: ListenerProtocol.HTTPS, hostname: 'alt.example.com', tls: ListenerTls.terminate([Certificate.fromSecretName('edge-tls')]) });
    new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: ['alt.example.com'] });
    // both 443 (*.example.com) and 8443 cover alt.example.com: two ports, so none is written
    expect(Testing.synth(chart).find(o => o.kind === 'HTTPRoute').spec.rules[0].filters[0].requestRedirect.port).toBeUndefined();
  });

  test('keepBackend without keepPaths is refused', () => {
    const { chart, gateway } = edgeChart();
    expect(() => new HttpsRedirect(chart, 'A', { gateway, keepBackend: Backend.fromServiceName('x', { port: 1 }) })).toThrow(/keepBackend is given without keepPaths/);
  });
});

describe('ApiVersioning boundaries', () => {
  const v1 = Backend.fromServiceName('api-v1', { port: 80 });
  function build(versions: ConstructorParameters<typeof ApiVersioning>[2]['versions'], extra: Partial<ConstructorParameters<typeof ApiVersioning>[2]> = {}) {
    const { chart, gateway } = edgeChart();
    const api = new ApiVersioning(chart, 'Api', { metadata: { name: 'api' }, parents: [gateway.listener('http')], hostnames: ['api.example.com'], versions, ...extra });
    return { chart, api };
  }
  const headersOf = (chart: any) => Testing.synth(chart).find((o: any) => o.kind === 'HTTPRoute').spec.rules[0].filters?.[0].responseHeaderModifier.set;

  test('a sunset equal to its start is accepted; one millisecond earlier is not', () => {
    const since = new Date('2025-01-01T00:00:00Z');
    const { chart } = build([{ name: 'v1', backends: [v1], deprecation: { since, sunset: new Date(since.getTime()) } }]);
    expect(headersOf(chart)).toEqual([{ name: 'Deprecation', value: '@1735689600' }, { name: 'Sunset', value: 'Wed, 01 Jan 2025 00:00:00 GMT' }]);
    expect(() => build([{ name: 'v1', backends: [v1], deprecation: { since, sunset: new Date(since.getTime() - 1) } }])).toThrow(/versions\[0\].deprecation.sunset \(2024-12-31T23:59:59.999Z\) is before since/);
  });

  test('Deprecation is in whole seconds, rounded down; no Sunset or Link unless given', () => {
    const { chart } = build([{ name: 'v1', backends: [v1], deprecation: { since: new Date(1999) } }]);
    expect(headersOf(chart)).toEqual([{ name: 'Deprecation', value: '@1' }]);
    const { chart: plain } = build([{ name: 'v1', backends: [v1] }]);
    expect(headersOf(plain)).toBeUndefined();
  });

  test('the link must be an http(s) URL without spaces or angle brackets', () => {
    const since = new Date('2025-01-01T00:00:00Z');
    expect(() => build([{ name: 'v1', backends: [v1], deprecation: { since, link: 'http://x.example/a' } }])).not.toThrow();
    for (const link of ['ftp://x.example/a', 'https://x.example/a b', 'https://x.example/<a>', 'see https://x.example', 'https://']) {
      expect(() => build([{ name: 'v1', backends: [v1], deprecation: { since, link } }])).toThrow(/deprecation.link must be an http\(s\) URL/);
    }
  });

  test('invalid dates, names, prefixes and empty lists are refused, naming the version', () => {
    expect(() => build([{ name: 'v1', backends: [v1], deprecation: { since: new Date('nope') } }])).toThrow(/versions\[0\].deprecation.since must be a valid Date/);
    expect(() => build([{ name: 'v1', backends: [v1], deprecation: { since: new Date(0), sunset: new Date('nope') } }])).toThrow(/sunset must be a valid Date/);
    expect(() => build([{ name: '', backends: [v1] }])).toThrow(/versions\[0\].name must be a non-empty string/);
    expect(() => build([{ name: 'v1', prefix: '/', backends: [v1] }])).toThrow(/prefix '\/' must be a path without a trailing/);
    expect(() => build([{ name: 'v1', backends: [v1] }, { name: 'v2', prefix: '/v1', backends: [v1] }])).toThrow(/versions\[1\] \('v2'\) reuses prefix '\/v1'/);
    expect(() => build([{ name: 'v1', backends: [] }])).toThrow(/versions\[0\] \('v1'\) needs at least one backend/);
    expect(() => build([])).toThrow(/versions is empty/);
  });

  test('a custom prefix is matched on segment boundaries and is the default rewrite target', () => {
    const { chart, api } = build([{ name: 'v1', prefix: '/api/one', backends: [v1] }], { defaultVersion: 'v1' });
    const plane = planeOf(chart);
    const req = { gateway: GATEWAY, host: 'api.example.com' };
    expect(plane.http({ ...req, path: '/api/one/x' }).request?.path).toBe('/api/one/x');
    expect(plane.http({ ...req, path: '/users' }).request?.path).toBe('/api/one/users');
    expect(api.defaultRule).toBeDefined();
    expect(build([{ name: 'v1', backends: [v1] }]).api.defaultRule).toBeUndefined();
  });

  test('a given route is used; parents, hostnames or metadata with it are refused; no route needs parents', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'R', { parents: [gateway.listener('http')] });
    const api = new ApiVersioning(chart, 'A', { route, versions: [{ name: 'v1', backends: [v1] }] });
    expect(api.route).toBe(route);
    expect(api.ruleFor('v1')).toBe(route.rules[0]);
    expect(() => new ApiVersioning(chart, 'B', { route, metadata: { name: 'x' }, versions: [{ name: 'v2', backends: [v1] }] })).toThrow(/cannot be given with `route`/);
    expect(() => new ApiVersioning(chart, 'C', { versions: [{ name: 'v2', backends: [v1] }] })).toThrow(/give `route`, or `parents`/);
  });
});
