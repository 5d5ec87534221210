import { edgeChart, GATEWAY, planeOf } from './fixtures';
import {
  Backend, CanaryCohort, CanaryPlan, CanaryRelease, CanaryReleaseProps, GatewayApiError, GrpcMatch, GrpcRoute, GrpcRouteRule, HeaderMatch, HttpMatch, HttpRoute,
} from '../../src';

// What a program reads from the error a canary release throws: its stable code, where it was thrown (the factory
// call, or the construct's kind and path) and the field at fault. Messages are checked elsewhere.

const stable = Backend.fromServiceName('api-stable', { port: 80 });
const canary = Backend.fromServiceName('api-canary', { port: 80 });

function errorOf(fn: () => unknown): GatewayApiError {
  try {
    fn();
  } catch (e) {
    expect(GatewayApiError.isGatewayApiError(e)).toBe(true);
    return e as GatewayApiError;
  }
  throw new Error('expected a GatewayApiError; nothing was thrown');
}

function facts(fn: () => unknown): Record<string, string | undefined> {
  const e = errorOf(fn);
  return { code: e.code, api: e.api, kind: e.kind, path: e.path, field: e.field };
}

function api(name: string, code: string, field?: string) {
  return { code: `construct/${code}`, api: name, kind: undefined, path: undefined, field };
}

function at(path: string, code: string, field?: string) {
  return { code: `construct/${code}`, api: undefined, kind: 'CanaryRelease', path, field };
}

function httpRoute() {
  const { chart, gateway } = edgeChart();
  const route = new HttpRoute(chart, 'Api', { parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
  const main = route.addRule({ matches: [HttpMatch.pathPrefix('/orders')], backends: [stable] });
  return { chart, gateway, route, main };
}

describe('CanaryPlan errors carry the call, the code and the field', () => {
  test('percent', () => {
    expect(facts(() => CanaryPlan.percent(150))).toEqual(api('CanaryPlan.percent', 'invalid-value', 'percent'));
    expect(facts(() => CanaryPlan.percent(-1))).toEqual(api('CanaryPlan.percent', 'invalid-value', 'percent'));
    expect(CanaryPlan.percent(100).steps).toEqual([100]);
    expect(CanaryPlan.percent(0).steps).toEqual([0]);
  });

  test('steps: none, not increasing, not ending at 100', () => {
    expect(facts(() => CanaryPlan.steps())).toEqual(api('CanaryPlan.steps', 'missing'));
    expect(facts(() => CanaryPlan.steps(10, 10, 100))).toEqual(api('CanaryPlan.steps', 'invalid-value', 'steps'));
    expect(facts(() => CanaryPlan.steps(10, 101))).toEqual(api('CanaryPlan.steps', 'invalid-value', 'steps[1]'));
    expect(facts(() => CanaryPlan.steps(10, 50))).toEqual(api('CanaryPlan.steps', 'invalid-value'));
    expect(errorOf(() => CanaryPlan.steps(10, 50)).detail).toBe('the last step must be 100 (the canary takes all traffic at the end), got 10, 50');
    expect(CanaryPlan.steps(0, 100).steps).toEqual([0, 100]);
  });

  test('increments: step out of range or 0, max out of range or below step', () => {
    expect(facts(() => CanaryPlan.increments(101))).toEqual(api('CanaryPlan.increments', 'invalid-value', 'step'));
    expect(facts(() => CanaryPlan.increments(0))).toEqual(api('CanaryPlan.increments', 'invalid-value', 'step'));
    expect(facts(() => CanaryPlan.increments(10, 101))).toEqual(api('CanaryPlan.increments', 'invalid-value', 'max'));
    expect(facts(() => CanaryPlan.increments(20, 10))).toEqual(api('CanaryPlan.increments', 'invalid-value', 'max'));
    expect(CanaryPlan.increments(20, 20).steps).toEqual([20, 100]);
  });
});

describe('CanaryCohort errors carry the call, the code and the field', () => {
  test('cookie: a bad name, a bad value, a value that is not a string', () => {
    expect(facts(() => CanaryCohort.cookie('a b', 'yes'))).toEqual(api('CanaryCohort.cookie', 'invalid-value', 'cookie name'));
    expect(facts(() => CanaryCohort.cookie('beta', 'a b'))).toEqual(api('CanaryCohort.cookie', 'invalid-value'));
    // a number or a missing value would pass the character check once turned into text ("1", "undefined")
    expect(facts(() => CanaryCohort.cookie('beta', 1 as unknown as string))).toEqual(api('CanaryCohort.cookie', 'invalid-value'));
    expect(facts(() => CanaryCohort.cookie('beta', undefined as unknown as string))).toEqual(api('CanaryCohort.cookie', 'invalid-value'));
    expect(CanaryCohort.cookie('beta', '1').matches).toHaveLength(1);
  });

  test('allOf: none, two conditions on one header, more than 16 conditions', () => {
    expect(facts(() => CanaryCohort.allOf())).toEqual(api('CanaryCohort.allOf', 'missing', 'cohorts'));
    const twice = () => CanaryCohort.allOf(CanaryCohort.header('x-region', 'eu'), CanaryCohort.header('x-team', 'a'), CanaryCohort.header('X-Team', 'b'));
    expect(facts(twice)).toEqual(api('CanaryCohort.allOf', 'conflict', 'cohorts[2]'));
    expect(errorOf(twice).detail).toContain('; combine cohorts on different headers, or list them separately in `cohorts` to let either one in');
    const headers = (n: number) => Array.from({ length: n }, (_, i) => CanaryCohort.header(`x-h${i}`, 'v'));
    expect(CanaryCohort.allOf(...headers(16)).matches).toHaveLength(16);
    expect(facts(() => CanaryCohort.allOf(...headers(17)))).toEqual(api('CanaryCohort.allOf', 'too-many', 'cohorts'));
  });
});

describe('CanaryRelease errors carry the construct path, the code and the field', () => {
  function make(props: Partial<CanaryReleaseProps>, id = 'C') {
    const { chart, route } = httpRoute();
    return () => new CanaryRelease(chart, id, { route, stable, canary, plan: CanaryPlan.percent(5), ...props });
  }

  test('stable, canary, plan or route of the wrong type', () => {
    expect(facts(make({ stable: {} as unknown as Backend }))).toEqual(at('test/C', 'wrong-type'));
    expect(facts(make({ canary: 'api-canary' as unknown as Backend }))).toEqual(at('test/C', 'wrong-type'));
    expect(facts(make({ plan: [5] as unknown as CanaryPlan }))).toEqual(at('test/C', 'wrong-type', 'plan'));
    expect(facts(make({ route: {} as unknown as HttpRoute }))).toEqual(at('test/C', 'wrong-type', 'route'));
    // the message says what would be valid
    expect(errorOf(make({ stable: {} as unknown as Backend })).detail).toMatch(/^stable and canary must be Backends \(Backend\.fromService\(\), /);
    expect(errorOf(make({ plan: [5] as unknown as CanaryPlan })).detail).toMatch(/^plan must be a CanaryPlan \(CanaryPlan\.percent\(10\), /);
    expect(errorOf(make({ route: {} as unknown as HttpRoute })).detail).toBe('route must be an HttpRoute or a GrpcRoute of this app');
  });

  test('mirrorPercent, same backends, route with parents, no route nor parents', () => {
    expect(facts(make({ mirrorPercent: 0 }))).toEqual(at('test/C', 'invalid-value', 'mirrorPercent'));
    expect(facts(make({ mirrorPercent: 101 }))).toEqual(at('test/C', 'invalid-value', 'mirrorPercent'));
    expect(() => make({ mirrorPercent: 100 })()).not.toThrow();
    expect(facts(make({ canary: stable }))).toEqual(at('test/C', 'conflict'));
    const { gateway } = edgeChart();
    expect(facts(make({ parents: [gateway] }))).toEqual(at('test/C', 'conflict'));
    expect(facts(make({ route: undefined }))).toEqual(at('test/C', 'missing'));
    expect(facts(make({ route: undefined, parents: [] }))).toEqual(at('test/C', 'missing'));
  });

  test('explicit rules: empty, foreign, forwarding nowhere (an unnamed rule is named by its index)', () => {
    const { chart, gateway, route } = httpRoute();
    route.addRule({ matches: [HttpMatch.pathPrefix('/more')], backends: [stable] });
    const nowhere = route.addRule({ matches: [HttpMatch.pathPrefix('/x')] });
    const foreign = new HttpRoute(chart, 'Other', { parents: [gateway] }).addRule({ backends: [stable] });
    const props = { route, stable, canary, plan: CanaryPlan.percent(5) };
    expect(facts(() => new CanaryRelease(chart, 'A', { ...props, rules: [] }))).toEqual(at('test/A', 'missing', 'rules'));
    expect(facts(() => new CanaryRelease(chart, 'B', { ...props, rules: [route.rules[0], foreign] }))).toEqual(at('test/B', 'not-found', 'rules[1]'));
    const e = errorOf(() => new CanaryRelease(chart, 'D', { ...props, rules: [nowhere] }));
    expect({ code: e.code, path: e.path, field: e.field }).toEqual({ code: 'construct/missing', path: 'test/D', field: 'rules[0]' });
    expect(e.detail).toMatch(/^rules\[0\] \(rules\[2\]\) forwards nowhere/);
  });

  test('no rule forwards to stable: the error lists every rule\'s backends', () => {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { parents: [gateway] });
    const b = (n: string) => Backend.fromServiceName(n, { port: 80 }).withWeight(1);
    route.addRule({ matches: [HttpMatch.pathPrefix('/a')], backends: [b('a'), b('b')] });
    route.addRule({ matches: [HttpMatch.pathPrefix('/c')], backends: [b('c'), b('d')] });
    const e = errorOf(() => new CanaryRelease(chart, 'C', { route, stable, canary, plan: CanaryPlan.percent(5) }));
    expect({ code: e.code, path: e.path, field: e.field }).toEqual({ code: 'construct/not-found', path: 'test/C', field: undefined });
    expect(e.detail).toContain('its rules forward to [Service a:80, Service b:80], [Service c:80, Service d:80]; add such a rule');
  });

  test('atStep out of range, and a cohort header an HTTP rule already matches', () => {
    const { chart, route } = httpRoute();
    const release = new CanaryRelease(chart, 'R', { route, stable, canary, plan: CanaryPlan.steps(10, 100) });
    expect(facts(() => release.atStep(2))).toEqual(at('test/R', 'not-found'));
    expect(facts(() => release.atStep(-1))).toEqual(at('test/R', 'not-found'));
    route.addRule({ matches: [HttpMatch.pathPrefix('/t', { headers: [HeaderMatch.exact('x-canary', 'no')] })], backends: [stable] });
    expect(facts(() => new CanaryRelease(chart, 'S', { route, stable, canary, plan: CanaryPlan.percent(5), cohorts: [CanaryCohort.header('X-Canary', 'yes')] })))
      .toEqual(at('test/S', 'conflict'));
  });
});

describe('CanaryRelease on gRPC rules without a service or without any match', () => {
  const v1 = Backend.fromServiceName('orders-v1', { port: 50051 });
  const v2 = Backend.fromServiceName('orders-v2', { port: 50051 });
  const CALL = { protocol: 'grpc' as const, gateway: GATEWAY, host: 'grpc.example.com', service: 'shop.Orders', method: 'Get' };
  function grpc(match?: GrpcMatch) {
    const { chart, gateway } = edgeChart();
    const route = new GrpcRoute(chart, 'Orders', { parents: [gateway.listener('http')], hostnames: ['grpc.example.com'] });
    route.addRule({ matches: match ? [match] : undefined, backends: [v1] });
    return { chart, route };
  }

  test('a rule with no match: the cohort rule matches the cohort header only, other calls follow the weights', () => {
    const { chart, route } = grpc();
    const release = new CanaryRelease(chart, 'R', { route, stable: v1, canary: v2, plan: CanaryPlan.percent(10), cohorts: [CanaryCohort.header('x-canary', 'always')] });
    release.abort();
    const matches = (release.cohortRules[0] as GrpcRouteRule).matches;
    expect(matches.map(m => m.headers.map(h => h.name))).toEqual([['x-canary']]);
    const plane = planeOf(chart);
    expect(plane.distribution(CALL).backends).toEqual({ 'apps/orders-v1': 1 });
    expect(plane.distribution({ ...CALL, headers: { 'x-canary': 'always' } }).backends).toEqual({ 'apps/orders-v2': 1 });
  });

  test('a method-only match keeps its method in the cohort rule', () => {
    const { chart, route } = grpc(GrpcMatch.exact({ method: 'Get' }));
    const release = new CanaryRelease(chart, 'R', { route, stable: v1, canary: v2, plan: CanaryPlan.percent(10), cohorts: [CanaryCohort.header('x-canary', 'always')] });
    release.abort();
    const [m] = (release.cohortRules[0] as GrpcRouteRule).matches;
    expect({ service: m.service, method: m.method, headers: m.headers.map(h => h.name) }).toEqual({ service: undefined, method: 'Get', headers: ['x-canary'] });
    const plane = planeOf(chart);
    expect(plane.distribution({ ...CALL, headers: { 'x-canary': 'always' } }).backends).toEqual({ 'apps/orders-v2': 1 });
    // another method matches no rule at all: the cohort does not widen the released rule
    expect(Object.keys(plane.distribution({ ...CALL, method: 'Put', headers: { 'x-canary': 'always' } }).backends).filter(k => k.startsWith('apps/'))).toEqual([]);
  });

  test('a cohort header the gRPC rule already matches is a conflict', () => {
    const { chart, route } = grpc(GrpcMatch.exact({ service: 'shop.Orders' }, { headers: [HeaderMatch.exact('x-canary', 'no')] }));
    expect(facts(() => new CanaryRelease(chart, 'R', { route, stable: v1, canary: v2, plan: CanaryPlan.percent(10), cohorts: [CanaryCohort.header('X-Canary', 'yes')] })))
      .toEqual(at('test/R', 'conflict'));
  });
});
