import { Testing } from 'cdk8s';
import { diagnosticsOf, edgeChart, GATEWAY, planeOf } from './fixtures';
import {
  Backend, CanaryCohort, CanaryPlan, CanaryRelease, CanaryReleaseProps, Filter, GrpcMatch, GrpcRoute, HeaderMatch, HttpMatch, HttpRoute,
} from '../../src';

const stable = Backend.fromServiceName('api-stable', { port: 80 });
const canary = Backend.fromServiceName('api-canary', { port: 80 });

function httpSetup(props: Partial<CanaryReleaseProps> = {}) {
  const { chart, gateway } = edgeChart();
  const route = new HttpRoute(chart, 'Api', { metadata: { name: 'api' }, parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
  route.addRule({ matches: [HttpMatch.pathPrefix('/orders')], backends: [stable] });
  route.addRule({ matches: [HttpMatch.pathPrefix('/legacy')], backends: [Backend.fromServiceName('legacy', { port: 80 })] });
  const release = new CanaryRelease(chart, 'ApiCanary', { route, stable, canary, plan: CanaryPlan.steps(10, 50, 100), ...props });
  return { chart, route, release };
}

const ORDERS = { gateway: GATEWAY, host: 'api.example.com', path: '/orders/1' };

describe('CanaryPlan', () => {
  test('steps, increments and percent', () => {
    expect(CanaryPlan.steps(0, 5, 100).steps).toEqual([0, 5, 100]);
    expect(CanaryPlan.increments(10, 50).steps).toEqual([10, 20, 30, 40, 50, 100]);
    expect(CanaryPlan.increments(25).steps).toEqual([25, 50, 75, 100]);
    expect(CanaryPlan.increments(30).steps).toEqual([30, 60, 90, 100]);
    expect(CanaryPlan.percent(10).steps).toEqual([10]);
  });

  test('fails if steps are out of 0..100, not increasing, or do not end at 100', () => {
    expect(() => CanaryPlan.steps(10, 101)).toThrow(/steps\[1\] must be a whole percentage from 0 to 100, got 101/);
    expect(() => CanaryPlan.steps(10, 10, 100)).toThrow(/steps must increase; steps\[1\] is 10 after 10/);
    expect(() => CanaryPlan.steps(10, 50)).toThrow(/the last step must be 100/);
    expect(() => CanaryPlan.steps(-1, 100)).toThrow(/got -1/);
    expect(() => CanaryPlan.steps(2.5, 100)).toThrow(/whole percentage/);
    expect(() => CanaryPlan.increments(0)).toThrow(/at least 1/);
    expect(() => CanaryPlan.increments(20, 10)).toThrow(/max \(10\) must be at least step \(20\)/);
    expect(() => CanaryPlan.percent(150)).toThrow(/percent must be a whole percentage/);
  });
});

describe('CanaryRelease on an HttpRoute', () => {
  test('manifests (sticky, cohorts, mirror)', () => {
    const { chart } = httpSetup({ cohorts: [CanaryCohort.header('x-canary', 'always'), CanaryCohort.cookie('beta', 'yes')], stickyCookie: 'api-canary', mirrorPercent: 20 });
    expect(Testing.synth(chart).filter(o => o.kind === 'HTTPRoute')).toMatchSnapshot();
  });

  test('the exact distribution of every state: each step, promote and abort', () => {
    const { chart, release } = httpSetup();
    const dist = () => planeOf(chart).distribution(ORDERS).backends;
    expect(dist()).toEqual({ 'apps/api-stable': 0.9, 'apps/api-canary': 0.1 });
    release.atStep(1);
    expect(dist()).toEqual({ 'apps/api-stable': 0.5, 'apps/api-canary': 0.5 });
    release.atStep(2);
    expect(dist()).toEqual({ 'apps/api-canary': 1 });
    release.abort();
    expect(dist()).toEqual({ 'apps/api-stable': 1 });
    release.promote();
    expect(dist()).toEqual({ 'apps/api-canary': 1 });
    release.atStep(0);
    expect(dist()).toEqual({ 'apps/api-stable': 0.9, 'apps/api-canary': 0.1 });
  });

  test('weights are written exactly: 90/10 is 90 and 10', () => {
    const { chart } = httpSetup({ plan: CanaryPlan.percent(10) });
    const api = Testing.synth(chart).find(o => o.kind === 'HTTPRoute' && o.metadata.name === 'api');
    expect(api.spec.rules[0].backendRefs.map((b: any) => [b.name, b.weight])).toEqual([['api-stable', 90], ['api-canary', 10]]);
    // The rule forwarding elsewhere is left alone.
    expect(api.spec.rules[1].backendRefs).toEqual([{ name: 'legacy', port: 80 }]);
    expect(planeOf(chart).distribution({ ...ORDERS, path: '/legacy' }).backends).toEqual({ 'apps/legacy': 1 });
  });

  test('every step of an increments plan gives its exact split', () => {
    const { chart, release } = httpSetup({ plan: CanaryPlan.increments(15, 60) });
    release.steps.forEach((p, i) => {
      release.atStep(i);
      const expected: Record<string, number> = {};
      if (p < 100) expected['apps/api-stable'] = (100 - p) / 100;
      if (p > 0) expected['apps/api-canary'] = p / 100;
      expect(planeOf(chart).distribution(ORDERS).backends).toEqual(expected);
    });
  });

  test('the cohort always reaches the canary, in every state', () => {
    const { chart, release } = httpSetup({ cohorts: [CanaryCohort.header('x-canary', 'always'), CanaryCohort.cookie('beta', 'yes')] });
    const states = [() => release.atStep(0), () => release.atStep(1), () => release.abort(), () => release.promote()];
    for (const enter of states) {
      enter();
      const plane = planeOf(chart);
      expect(plane.distribution({ ...ORDERS, headers: { 'x-canary': 'always' } }).backends).toEqual({ 'apps/api-canary': 1 });
      expect(plane.distribution({ ...ORDERS, headers: { cookie: 'a=1; beta=yes; z=2' } }).backends).toEqual({ 'apps/api-canary': 1 });
    }
    // Anchored on cookie boundaries: neither xbeta=yes nor beta=yess is the cohort.
    release.abort();
    const plane = planeOf(chart);
    expect(plane.distribution({ ...ORDERS, headers: { cookie: 'xbeta=yes' } }).backends).toEqual({ 'apps/api-stable': 1 });
    expect(plane.distribution({ ...ORDERS, headers: { cookie: 'beta=yess' } }).backends).toEqual({ 'apps/api-stable': 1 });
    expect(plane.distribution({ ...ORDERS, headers: { 'x-canary': 'never' } }).backends).toEqual({ 'apps/api-stable': 1 });
  });

  test('an allOf cohort needs every condition: header and cookie together reach the canary, either alone does not', () => {
    const cohort = CanaryCohort.allOf(CanaryCohort.header('x-team', 'payments'), CanaryCohort.cookie('beta', 'yes'));
    expect(cohort.matches.map(m => m.name)).toEqual(['x-team', 'Cookie']);
    const { chart, release } = httpSetup({ cohorts: [cohort] });
    release.abort();
    const plane = planeOf(chart);
    expect(plane.distribution({ ...ORDERS, headers: { 'x-team': 'payments', 'cookie': 'a=1; beta=yes' } }).backends).toEqual({ 'apps/api-canary': 1 });
    expect(plane.distribution({ ...ORDERS, headers: { 'x-team': 'payments' } }).backends).toEqual({ 'apps/api-stable': 1 });
    expect(plane.distribution({ ...ORDERS, headers: { cookie: 'beta=yes' } }).backends).toEqual({ 'apps/api-stable': 1 });
    // The cohort rule keeps the released rule's path and adds both headers to it.
    const rule = Testing.synth(chart).find(o => o.metadata.name === 'api').spec.rules[2];
    expect(rule.matches).toEqual([{
      path: { type: 'PathPrefix', value: '/orders' },
      headers: [
        { name: 'x-team', value: 'payments' },
        { type: 'RegularExpression', name: 'Cookie', value: expect.stringContaining('beta=yes') },
      ],
    }]);
    expect(diagnosticsOf(chart)).toEqual([]);
  });

  test('allOf refuses two conditions on one header (two cookies) and an empty list, saying why', () => {
    expect(() => CanaryCohort.allOf(CanaryCohort.cookie('a', '1'), CanaryCohort.cookie('b', '2')))
      .toThrow(/conditions 0 and 1 are both on header 'Cookie'; a match considers only the first condition on a header name/);
    expect(() => CanaryCohort.allOf(CanaryCohort.header('X-Team', 'a'), CanaryCohort.header('x-team', 'b'))).toThrow(/both on header 'x-team'/);
    expect(() => CanaryCohort.allOf()).toThrow(/needs at least one cohort/);
  });

  test('weight changes never rewrite the cohort rules', () => {
    const { chart, release } = httpSetup({ cohorts: [CanaryCohort.header('x-canary', 'always')] });
    const cohortRule = () => Testing.synth(chart).find(o => o.metadata.name === 'api').spec.rules[2];
    const before = cohortRule();
    release.atStep(1);
    release.abort();
    expect(cohortRule()).toEqual(before);
    expect(before.backendRefs).toEqual([{ name: 'api-canary', port: 80 }]);
  });

  test('the sticky cookie: set by the canary path, honoured on the next request, released by abort', () => {
    const { chart, release } = httpSetup({ stickyCookie: 'api-canary' });
    let plane = planeOf(chart);
    const first = plane.http({ ...ORDERS, seed: 3 });
    const picks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(seed => plane.http({ ...ORDERS, seed }));
    const onCanary = picks.find(r => r.backend?.name === 'api-canary')!;
    const onStable = picks.find(r => r.backend?.name === 'api-stable')!;
    expect(first.outcome).toBe('forwarded');
    expect(onCanary.responseHeaders['set-cookie']).toBe('api-canary=api-canary; Path=/; HttpOnly');
    expect(onStable.responseHeaders['set-cookie']).toBeUndefined();
    const cookie = onCanary.responseHeaders['set-cookie'].split(';')[0];
    expect(plane.distribution({ ...ORDERS, headers: { cookie } }).backends).toEqual({ 'apps/api-canary': 1 });
    expect(plane.distribution({ ...ORDERS, headers: { cookie: `session=abc; ${cookie}` } }).backends).toEqual({ 'apps/api-canary': 1 });
    release.abort();
    plane = planeOf(chart);
    expect(plane.distribution({ ...ORDERS, headers: { cookie } }).backends).toEqual({ 'apps/api-stable': 1 });
  });

  test('mirrors a percentage of the stable traffic to the canary', () => {
    const { chart, release } = httpSetup({ mirrorPercent: 20 });
    expect(planeOf(chart).distribution(ORDERS)).toEqual({ backends: { 'apps/api-stable': 0.9, 'apps/api-canary': 0.1 }, mirrored: { 'apps/api-canary': 0.9 * 0.2 } });
    release.abort();
    expect(planeOf(chart).distribution(ORDERS)).toEqual({ backends: { 'apps/api-stable': 1 }, mirrored: {} });
  });

  test('builds its own route from parents and hostnames', () => {
    const { chart, gateway } = edgeChart();
    const release = new CanaryRelease(chart, 'Web', { parents: [gateway.listener('http')], hostnames: ['web.example.com'], stable, canary, plan: CanaryPlan.percent(25) });
    expect(release.route.rules).toHaveLength(1);
    expect(planeOf(chart).distribution({ gateway: GATEWAY, host: 'web.example.com', path: '/' }).backends).toEqual({ 'apps/api-stable': 0.75, 'apps/api-canary': 0.25 });
  });

  test('releases only the rules named', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
    const a = route.addRule({ matches: [HttpMatch.pathPrefix('/a')], backends: [stable] });
    route.addRule({ matches: [HttpMatch.pathPrefix('/b')], backends: [stable] });
    new CanaryRelease(chart, 'C', { route, rules: [a], stable, canary, plan: CanaryPlan.percent(40) });
    const plane = planeOf(chart);
    expect(plane.distribution({ gateway: GATEWAY, host: 'api.example.com', path: '/a' }).backends).toEqual({ 'apps/api-stable': 0.6, 'apps/api-canary': 0.4 });
    expect(plane.distribution({ gateway: GATEWAY, host: 'api.example.com', path: '/b' }).backends).toEqual({ 'apps/api-stable': 1 });
  });

  test('the backends keep their own filters in the split, cohort and sticky rules; the plan sets the weights', () => {
    const tagged = (name: string) => Backend.fromServiceName(name, { port: 80, weight: 7, filters: [Filter.requestHeaders({ set: { 'x-track': name } })] });
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { parents: [gateway.listener('http')], hostnames: ['api.example.com'], rules: [{ backends: [tagged('api-stable')] }] });
    new CanaryRelease(chart, 'C', { route, stable: tagged('api-stable'), canary: tagged('api-canary'), plan: CanaryPlan.percent(30), cohorts: [CanaryCohort.header('x-canary', 'always')], stickyCookie: 'c' });
    const plane = planeOf(chart);
    const req = { gateway: GATEWAY, host: 'api.example.com', path: '/' };
    expect(plane.distribution(req).backends).toEqual({ 'apps/api-stable': 0.7, 'apps/api-canary': 0.3 });
    for (const headers of [{ 'x-canary': 'always' }, { cookie: 'c=api-canary' }] as Record<string, string>[]) {
      const r = plane.http({ ...req, headers });
      expect([r.backend?.name, r.request?.headers['x-track']]).toEqual(['api-canary', 'api-canary']);
    }
    const rules = Testing.synth(chart).find(o => o.kind === 'HTTPRoute').spec.rules;
    expect(rules.slice(1).map((r: any) => r.backendRefs[0].weight)).toEqual([undefined, undefined]);
  });

  test('its output passes validateManifests with no error and no warning', () => {
    const { chart } = httpSetup({ cohorts: [CanaryCohort.header('x-canary', 'always')], stickyCookie: 'sticky', mirrorPercent: 5 });
    expect(diagnosticsOf(chart)).toEqual([]);
  });

  test('fails if no rule forwards to the stable backend', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { parents: [gateway], rules: [{ backends: [Backend.fromServiceName('other', { port: 80 })] }] });
    expect(() => new CanaryRelease(chart, 'C', { route, stable, canary, plan: CanaryPlan.percent(5) }))
      .toThrow(/CanaryRelease 'test\/C': no rule of test\/Api forwards to the stable backend Service api-stable:80; its rules forward to \[Service other:80\]/);
  });

  test('fails on atStep out of range, a cohort header the rule already matches, a bad cookie name', () => {
    const { release } = httpSetup();
    expect(() => release.atStep(3)).toThrow(/atStep\(3\) is out of range; the plan has 3 step\(s\) \(10, 50, 100 percent\), index 0 to 2/);
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { parents: [gateway] });
    route.addRule({ matches: [HttpMatch.pathPrefix('/', { headers: [HeaderMatch.exact('x-canary', 'no')] })], backends: [stable] });
    expect(() => new CanaryRelease(chart, 'C', { route, stable, canary, plan: CanaryPlan.percent(5), cohorts: [CanaryCohort.header('X-Canary', 'always')] }))
      .toThrow(/already matches on header 'X-Canary'/);
    expect(() => new CanaryRelease(chart, 'D', { route, stable, canary, plan: CanaryPlan.percent(5), stickyCookie: 'a b' })).toThrow(/stickyCookie "a b" is not a cookie name/);
    expect(() => new CanaryRelease(chart, 'E', { route, stable, canary: stable, plan: CanaryPlan.percent(5) })).toThrow(/stable and canary are the same backend/);
  });
});

describe('CanaryRelease on a GrpcRoute', () => {
  function grpcSetup(props: Partial<CanaryReleaseProps> = {}) {
    const { chart, gateway } = edgeChart();
    const route = new GrpcRoute(chart, 'Orders', { metadata: { name: 'orders' }, parents: [gateway.listener('http')], hostnames: ['grpc.example.com'] });
    route.addRule({ matches: [GrpcMatch.exact({ service: 'shop.Orders' })], backends: [Backend.fromServiceName('orders-v1', { port: 50051 })] });
    const release = new CanaryRelease(chart, 'OrdersCanary', {
      route,
      stable: Backend.fromServiceName('orders-v1', { port: 50051 }),
      canary: Backend.fromServiceName('orders-v2', { port: 50051 }),
      plan: CanaryPlan.steps(20, 100),
      cohorts: [CanaryCohort.header('x-canary', 'always')],
      ...props,
    });
    return { chart, release };
  }
  const CALL = { protocol: 'grpc' as const, gateway: GATEWAY, host: 'grpc.example.com', service: 'shop.Orders', method: 'Get' };

  test('manifests', () => {
    expect(Testing.synth(grpcSetup().chart).filter(o => o.kind === 'GRPCRoute')).toMatchSnapshot();
  });

  test('exact distribution of every state, and the cohort always to the canary', () => {
    const { chart, release } = grpcSetup();
    const states: [() => void, Record<string, number>][] = [
      [() => release.atStep(0), { 'apps/orders-v1': 0.8, 'apps/orders-v2': 0.2 }],
      [() => release.atStep(1), { 'apps/orders-v2': 1 }],
      [() => release.abort(), { 'apps/orders-v1': 1 }],
      [() => release.promote(), { 'apps/orders-v2': 1 }],
    ];
    for (const [enter, expected] of states) {
      enter();
      const plane = planeOf(chart);
      expect(plane.distribution(CALL).backends).toEqual(expected);
      expect(plane.distribution({ ...CALL, headers: { 'x-canary': 'always' } }).backends).toEqual({ 'apps/orders-v2': 1 });
    }
  });

  test('an allOf cohort on a gRPC route adds both headers to the method match', () => {
    const { chart, release } = grpcSetup({ cohorts: [CanaryCohort.allOf(CanaryCohort.header('x-canary', 'always'), CanaryCohort.header('x-region', 'eu'))] });
    release.abort();
    const plane = planeOf(chart);
    expect(plane.distribution({ ...CALL, headers: { 'x-canary': 'always', 'x-region': 'eu' } }).backends).toEqual({ 'apps/orders-v2': 1 });
    expect(plane.distribution({ ...CALL, headers: { 'x-canary': 'always' } }).backends).toEqual({ 'apps/orders-v1': 1 });
  });

  test('its output passes validateManifests with no error and no warning', () => {
    expect(diagnosticsOf(grpcSetup({ stickyCookie: 'orders', mirrorPercent: 10 }).chart)).toEqual([]);
  });
});
