import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { edgeChart, GATEWAY, planeOf } from './fixtures';
import {
  AllowedRoutes, ApiVersioning, Backend, Certificate, ListenerProtocol, ListenerTls, BlueGreen, BlueGreenColor, CanaryCohort, CanaryPlan, CanaryRelease, GrpcMatch, GrpcRoute, HeaderMatch, HttpMatch,
  HttpRoute, HttpsRedirect, RedirectStatusCode, validateManifests,
} from '../../src';
import { SEED } from '../testing/properties/arbitraries';

/**
 * Each pattern driven through its options: every output synthesizes (the
 * construct checks and synth validations pass) and `validateManifests`
 * reports neither an error nor a warning on it.
 */

const RUNS = 40;
const HOSTS = ['a.example.com', 'b.example.com', 'x.a.example.com', '*.a.example.com'];
const PATHS = ['/', '/a', '/a/b', '/orders', '/v1x'];

function expectClean(objects: any[]): void {
  const found = validateManifests(objects).map(d => `${d.severity} ${d.code} ${d.object?.kind}/${d.object?.name} ${d.field ?? ''}: ${d.message}`);
  expect(found).toEqual([]);
}

const subset = <T>(pool: readonly T[], min = 0) => fc.subarray([...pool], { minLength: min });

describe('patterns (property): every option combination gives valid manifests', () => {
  test('HttpsRedirect', () => {
    const arb = fc.record({
      statusCode: fc.constantFrom(RedirectStatusCode.MOVED_PERMANENTLY, RedirectStatusCode.FOUND, RedirectStatusCode.TEMPORARY_REDIRECT, RedirectStatusCode.PERMANENT_REDIRECT),
      keepPaths: subset(['/.well-known/acme-challenge/', '/healthz', '/public']),
      hostMode: fc.constantFrom('listeners', 'routes', 'hostnames'),
      routeHosts: fc.array(subset(HOSTS), { minLength: 1, maxLength: 3 }),
      hostnames: subset(HOSTS, 1),
      httpsPort: fc.constantFrom(443, 8443),
      httpHostname: fc.constantFrom('*.example.com', 'example-wide'),
    });
    fc.assert(fc.property(arb, (o) => {
      // 'example-wide': an HTTP listener without a hostname (every host).
      const { chart, gateway } = edgeChart({ https: o.httpsPort === 443, httpHostname: o.httpHostname === 'example-wide' ? undefined : o.httpHostname });
      if (o.httpsPort !== 443) {
        gateway.addListener('alt', { port: o.httpsPort, protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', tls: ListenerTls.terminate([Certificate.fromSecretName('edge-tls')]), allowedRoutes: AllowedRoutes.all() });
      }
      const routes = o.routeHosts.map((hs, i) => new HttpRoute(chart, `R${i}`, { parents: [gateway.listener(o.httpsPort === 443 ? 'https' : 'alt')], hostnames: hs, rules: [{ backends: [Backend.fromServiceName(`app-${i}`, { port: 80 })] }] }));
      const r = new HttpsRedirect(chart, 'ToHttps', {
        gateway,
        statusCode: o.statusCode,
        ...(o.keepPaths.length ? { keepPaths: o.keepPaths, keepBackend: Backend.fromServiceName('keep', { port: 8089 }) } : {}),
        ...(o.hostMode === 'routes' ? { routes } : o.hostMode === 'hostnames' ? { hostnames: o.hostnames } : {}),
      });
      expectClean(Testing.synth(chart));
      // Every redirected hostname gets the redirect, with path and query kept.
      const host = (r.hostnames[0] ?? 'z.example.com').replace('*', 'w');
      const res = planeOf(chart).http({ gateway: GATEWAY, host, path: '/p/q?x=1' });
      expect(res).toMatchObject({ outcome: 'redirect', status: o.statusCode, location: `https://${host}${o.httpsPort === 443 ? '' : `:${o.httpsPort}`}/p/q?x=1` });
    }), { numRuns: RUNS, seed: SEED });
  });

  const planArb = fc.oneof(
    fc.integer({ min: 0, max: 100 }).map(p => CanaryPlan.percent(p)),
    fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { maxLength: 5 }).map(xs => CanaryPlan.steps(...[...xs].sort((a, b) => a - b), 100)),
    fc.integer({ min: 1, max: 100 }).chain(step => fc.integer({ min: step, max: 100 }).map(max => CanaryPlan.increments(step, max))),
  );
  const opArb = fc.oneof(
    fc.nat({ max: 20 }).map(i => ({ op: 'atStep' as const, i })),
    fc.constant({ op: 'promote' as const, i: 0 }),
    fc.constant({ op: 'abort' as const, i: 0 }),
  );
  const cohortArb = fc.oneof(
    fc.constantFrom('x-canary', 'X-Beta').map(n => CanaryCohort.header(n, 'yes')),
    fc.constantFrom('beta', 'ab.c', 'tester_1').map(n => CanaryCohort.cookie(n, 'on')),
    fc.constant(CanaryCohort.headerMatch(HeaderMatch.regex('x-user', '.*@example\\.com'))),
    fc.constant(CanaryCohort.allOf(CanaryCohort.header('x-team', 'payments'), CanaryCohort.cookie('beta2', 'on'))),
  );

  test('CanaryRelease on HttpRoutes and GrpcRoutes', () => {
    const arb = fc.record({
      grpc: fc.boolean(),
      plan: planArb,
      ops: fc.array(opArb, { maxLength: 4 }),
      cohorts: fc.uniqueArray(cohortArb, { maxLength: 2, selector: c => c.matches[0].name.toLowerCase() }),
      sticky: fc.option(fc.constantFrom('canary', 'api-canary', 'c.v2'), { nil: undefined }),
      mirror: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      paths: fc.uniqueArray(fc.constantFrom(...PATHS), { minLength: 0, maxLength: 3 }),
      named: fc.boolean(),
    });
    const stable = Backend.fromServiceName('stable', { port: 80 });
    const canary = Backend.fromServiceName('canary', { port: 80 });
    let shifted = 0;
    fc.assert(fc.property(arb, (o) => {
      const { chart, gateway } = edgeChart();
      let release: CanaryRelease;
      if (o.grpc) {
        const route = new GrpcRoute(chart, 'G', { parents: [gateway.listener('http')], hostnames: ['grpc.example.com'] });
        const matches = o.paths.map((_, i) => GrpcMatch.exact({ service: `shop.S${i}` }));
        route.addRule({ ...(o.named ? { name: 'main' } : {}), ...(matches.length ? { matches } : {}), backends: [stable] });
        release = new CanaryRelease(chart, 'C', { route, stable, canary, plan: o.plan, cohorts: o.cohorts, stickyCookie: o.sticky, mirrorPercent: o.mirror });
      } else {
        const route = new HttpRoute(chart, 'H', { parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
        const matches = o.paths.map(p => HttpMatch.pathPrefix(p, { headers: [HeaderMatch.exact('x-env', 'prod')] }));
        route.addRule({ ...(o.named ? { name: 'main' } : {}), ...(matches.length ? { matches } : {}), backends: [stable] });
        release = new CanaryRelease(chart, 'C', { route, stable, canary, plan: o.plan, cohorts: o.cohorts, stickyCookie: o.sticky, mirrorPercent: o.mirror });
      }
      for (const { op, i } of o.ops) {
        if (op === 'atStep') {
          if (i < release.steps.length) release.atStep(i);
          else expect(() => release.atStep(i)).toThrow(/out of range/);
        } else if (op === 'promote') {release.promote();} else {release.abort();}
      }
      expectClean(Testing.synth(chart));
      // The weighted split is exactly the state's percentage.
      const p = release.canaryWeight;
      const expected: Record<string, number> = {};
      if (p < 100) expected['apps/stable'] = (100 - p) / 100;
      if (p > 0) expected['apps/canary'] = p / 100;
      if (p > 0 && p < 100) shifted++;
      const request = o.grpc
        ? { protocol: 'grpc' as const, gateway: GATEWAY, host: 'grpc.example.com', service: o.paths.length ? 'shop.S0' : 'any.Svc', method: 'M' }
        : { gateway: GATEWAY, host: 'api.example.com', path: o.paths[0] ?? '/', headers: { 'x-env': 'prod' } };
      const plane = planeOf(chart);
      const d = plane.distribution(request as any);
      for (const k of Object.keys(d.backends)) expect(d.backends[k]).toBeCloseTo(expected[k], 12);
      expect(Object.keys(d.backends).sort()).toEqual(Object.keys(expected).sort());
    }), { numRuns: RUNS * 2, seed: SEED });
    expect(shifted).toBeGreaterThan(10);
  });

  test('BlueGreen', () => {
    const arb = fc.record({
      active: fc.constantFrom(BlueGreenColor.BLUE, BlueGreenColor.GREEN),
      switches: fc.array(fc.constantFrom(BlueGreenColor.BLUE, BlueGreenColor.GREEN), { maxLength: 4 }),
      preview: fc.option(fc.constantFrom('preview.example.com', 'next.a.example.com'), { nil: undefined }),
      header: fc.option(fc.constantFrom('x-preview', 'X-Color'), { nil: undefined }),
      hosts: subset(['shop.example.com', 'www.example.com']),
      named: fc.boolean(),
    });
    fc.assert(fc.property(arb, (o) => {
      const { chart, gateway } = edgeChart();
      const bg = new BlueGreen(chart, 'BG', {
        parents: [gateway.listener('https')],
        hostnames: o.hosts,
        blue: Backend.fromServiceName('blue', { port: 80 }),
        green: Backend.fromServiceName('green', { port: 80 }),
        active: o.active,
        previewHostname: o.preview,
        previewHeader: o.header ? HeaderMatch.exact(o.header, 'yes') : undefined,
        ...(o.named ? { metadata: { name: 'shop' } } : {}),
      });
      for (const c of o.switches) bg.switchTo(c);
      expectClean(Testing.synth(chart));
      const plane = planeOf(chart);
      const live = { gateway: GATEWAY, scheme: 'https' as const, host: o.hosts[0] ?? 'any.example.com', path: '/' };
      expect(plane.distribution(live).backends).toEqual({ [`apps/${bg.active}`]: 1 });
      if (o.preview) expect(plane.distribution({ ...live, host: o.preview }).backends).toEqual({ [`apps/${bg.idle}`]: 1 });
      if (o.header) expect(plane.distribution({ ...live, headers: { [o.header]: 'yes' } }).backends).toEqual({ [`apps/${bg.idle}`]: 1 });
    }), { numRuns: RUNS, seed: SEED });
  });

  test('ApiVersioning', () => {
    const arb = fc.record({
      versions: fc.uniqueArray(fc.constantFrom('v1', 'v2', 'v3', 'beta'), { minLength: 1, maxLength: 4 }),
      customPrefix: fc.boolean(),
      defaultIndex: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
      deprecated: fc.array(fc.record({
        since: fc.integer({ min: 1_500_000_000, max: 1_800_000_000 }),
        sunsetAfter: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: undefined }),
        link: fc.option(fc.constantFrom('https://example.com/deprecation', 'http://docs.example.com/api/v1'), { nil: undefined }),
      }), { maxLength: 4 }),
      weighted: fc.boolean(),
    });
    fc.assert(fc.property(arb, (o) => {
      const { chart, gateway } = edgeChart();
      const versions = o.versions.map((name, i) => {
        const dep = o.deprecated[i];
        return {
          name,
          ...(o.customPrefix ? { prefix: `/api/${name}` } : {}),
          backends: o.weighted ? [Backend.fromServiceName(`api-${name}`, { port: 80, weight: 3 }), Backend.fromServiceName(`api-${name}-b`, { port: 80, weight: 1 })] : [Backend.fromServiceName(`api-${name}`, { port: 80 })],
          ...(dep ? {
            deprecation: {
              since: new Date(dep.since * 1000),
              ...(dep.sunsetAfter !== undefined ? { sunset: new Date((dep.since + dep.sunsetAfter) * 1000) } : {}),
              ...(dep.link ? { link: dep.link } : {}),
            },
          } : {}),
        };
      });
      const defaultVersion = o.defaultIndex !== undefined ? o.versions[o.defaultIndex % o.versions.length] : undefined;
      new ApiVersioning(chart, 'Api', { parents: [gateway.listener('http')], hostnames: ['api.example.com'], versions, defaultVersion });
      expectClean(Testing.synth(chart));
      const plane = planeOf(chart);
      for (const v of versions) {
        const prefix = v.prefix ?? `/${v.name}`;
        const r = plane.http({ gateway: GATEWAY, host: 'api.example.com', path: `${prefix}/x?y=1`, seed: 1 });
        expect(r.request?.path).toBe(`${prefix}/x?y=1`);
        expect(r.backend?.name.startsWith(`api-${v.name}`)).toBe(true);
      }
      const d = plane.http({ gateway: GATEWAY, host: 'api.example.com', path: '/things?y=1', seed: 1 });
      if (defaultVersion === undefined) expect(d.status).toBe(404);
      else expect(d.request?.path).toBe(`${versions.find(v => v.name === defaultVersion)!.prefix ?? `/${defaultVersion}`}/things?y=1`);
    }), { numRuns: RUNS, seed: SEED });
  });
});
