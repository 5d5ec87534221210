import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { edgeChart, GATEWAY, planeOf } from './fixtures';
import { AllowedRoutes, Backend, CanaryPlan, CanaryRelease, HttpRoute, HttpsRedirect, ListenerProtocol } from '../../src';
import { SEED } from '../testing/properties/arbitraries';

/**
 * Pattern properties over wider inputs than properties.test.ts: several HTTP
 * listeners of different hostnames (exact, wildcard, deeper wildcard, every
 * host) for HttpsRedirect, and the mirror of a CanaryRelease through any
 * sequence of steps, promote() and abort(). The expectations are computed
 * here from the spec's hostname rule, not by the code under test.
 */

/** Whether a listener hostname (undefined: every host) covers a concrete host: exact, or a wildcard's suffix on a label boundary. */
function covers(listener: string | undefined, host: string): boolean {
  if (listener === undefined) return true;
  if (!listener.startsWith('*.')) return listener === host;
  const suffix = listener.slice(1);
  return host.length > suffix.length && host.endsWith(suffix);
}

describe('patterns (property, wide)', () => {
  test('HttpsRedirect attaches to exactly the HTTP listeners that serve a redirected hostname, and redirects only those hostnames', () => {
    const HTTP_HOSTS = ['a.example.com', 'b.example.com', '*.a.example.com', 'every'];
    const REDIRECTED = ['a.example.com', 'b.example.com', 'x.a.example.com', 'y.x.a.example.com'];
    const arb = fc.record({
      listeners: fc.subarray(HTTP_HOSTS, { minLength: 1 }),
      hostnames: fc.subarray(REDIRECTED, { minLength: 1 }),
    });
    let built = 0;
    let refused = 0;
    fc.assert(fc.property(arb, (o) => {
      const { chart, gateway } = edgeChart({ http: false });
      const listeners = o.listeners.map((h, i) => ({ name: `http-${i}`, hostname: h === 'every' ? undefined : h }));
      for (const l of listeners) gateway.addListener(l.name, { port: 80, protocol: ListenerProtocol.HTTP, hostname: l.hostname, allowedRoutes: AllowedRoutes.all() });
      const uncovered = o.hostnames.filter((h) => !listeners.some((l) => covers(l.hostname, h)));
      if (uncovered.length > 0) {
        refused++;
        expect(() => new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: o.hostnames })).toThrow(`no HTTP listener for hostname '${uncovered[0]}'`);
        return;
      }
      built++;
      const r = new HttpsRedirect(chart, 'ToHttps', { gateway, hostnames: o.hostnames });
      const expected = listeners.filter((l) => o.hostnames.some((h) => covers(l.hostname, h))).map((l) => l.name);
      expect(r.listeners.map((l) => l.name)).toEqual(expected);
      expect(r.route.parents.map((p) => p.parentRef.sectionName)).toEqual(expected);
      const plane = planeOf(chart);
      for (const host of REDIRECTED) {
        const res = plane.http({ gateway: GATEWAY, host, path: '/p?q=1' });
        if (o.hostnames.includes(host)) expect(res).toMatchObject({ outcome: 'redirect', status: 301, location: `https://${host}/p?q=1` });
        else expect(res.outcome).not.toBe('redirect');
      }
    }), { numRuns: 40, seed: SEED });
    expect(built).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });

  test('CanaryRelease mirrors stable traffic exactly while not aborted and below 100%', () => {
    const arb = fc.record({
      steps: fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { maxLength: 4 }).map((xs) => [...xs].sort((a, b) => a - b).concat(100)),
      ops: fc.array(fc.oneof(fc.nat({ max: 4 }).map((i) => ({ op: 'atStep' as const, i })), fc.constant({ op: 'promote' as const, i: 0 }), fc.constant({ op: 'abort' as const, i: 0 })), { maxLength: 5 }),
      mirror: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    });
    let mirrored = 0;
    fc.assert(fc.property(arb, (o) => {
      const { chart, gateway } = edgeChart();
      const route = new HttpRoute(chart, 'Api', { metadata: { name: 'api' }, parents: [gateway.listener('http')], hostnames: ['api.example.com'] });
      const stable = Backend.fromServiceName('stable', { port: 80 });
      route.addRule({ backends: [stable] });
      const release = new CanaryRelease(chart, 'C', { route, stable, canary: Backend.fromServiceName('canary', { port: 80 }), plan: CanaryPlan.steps(...o.steps), mirrorPercent: o.mirror });
      for (const { op, i } of o.ops) {
        if (op === 'promote') release.promote();
        else if (op === 'abort') release.abort();
        else if (i < release.steps.length) release.atStep(i);
      }
      const refs = Testing.synth(chart).find((x) => x.kind === 'HTTPRoute').spec.rules[0].backendRefs;
      const want = o.mirror !== undefined && !release.isAborted && release.canaryWeight < 100;
      if (want) mirrored++;
      expect(refs.map((b: any) => [b.name, b.weight])).toEqual([['stable', 100 - release.canaryWeight], ['canary', release.canaryWeight]]);
      expect(refs[0].filters).toEqual(want ? [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'canary', port: 80 }, percent: o.mirror } }] : undefined);
      expect(refs[1].filters).toBeUndefined();
      const d = planeOf(chart).distribution({ gateway: GATEWAY, host: 'api.example.com', path: '/' });
      const share = want ? ((100 - release.canaryWeight) / 100) * (o.mirror! / 100) : 0;
      expect(d.mirrored['apps/canary'] ?? 0).toBeCloseTo(share, 12);
    }), { numRuns: 60, seed: SEED });
    expect(mirrored).toBeGreaterThan(5);
  });
});
