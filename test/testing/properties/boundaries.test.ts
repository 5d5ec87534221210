import * as fc from 'fast-check';
import { LABEL_63_HOST, NAME_253_HOST, SEED, httpRequest, world } from './arbitraries';
import { DataPlane } from '../../../src/testing';

/**
 * Properties at the boundaries the generators now reach: hostnames on label
 * boundaries (a wildcard's parent domain, its suffix without the dot, deeper
 * subdomains, 63-character labels, 253-character names) and backends of
 * weight 0. The oracle for hostnames is written here from the spec's rule.
 */

/** Whether a hostname pattern (undefined: every host) covers a concrete host. */
function covers(pattern: string | undefined, host: string): boolean {
  if (pattern === undefined) return true;
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  return h.length > p.length - 1 && h.endsWith(p.slice(1));
}

const BOUNDARY_HOSTS = ['example.com', 'badexample.com', 'y.x.a.example.com', 'x.a.example.com', LABEL_63_HOST, NAME_253_HOST, 'a.example.com'];

describe('data plane properties at the boundaries', () => {
  test('a request is routed only through a listener and a route whose hostnames cover its host', () => {
    let routed = 0;
    let boundaryRouted = 0;
    const arb = world({ minRoutes: 1, maxRoutes: 8 }).chain((w) => fc.record({
      w: fc.constant(w),
      requests: fc.array(httpRequest(w, fc.constantFrom(...BOUNDARY_HOSTS)), { minLength: 1, maxLength: 10 }),
    }));
    fc.assert(fc.property(arb, ({ w, requests }) => {
      const plane = DataPlane.fromManifests(w.docs, { assumeMissing: true });
      const byName = new Map(w.docs.map((d) => [`${d.kind}/${d.metadata?.namespace ?? ''}/${d.metadata?.name}`, d]));
      for (const r of requests) {
        const res = plane.http(r);
        if (!res.route || !res.listener) continue;
        const host = r.host!;
        const [gwNs, gwName] = res.listener.gateway.split('/');
        const listener = byName.get(`Gateway/${gwNs}/${gwName}`).spec.listeners.find((l: any) => l.name === res.listener!.name);
        expect(covers(listener.hostname, host)).toBe(true);
        const route = byName.get(`${res.route.kind}/${res.route.namespace}/${res.route.name}`);
        const hostnames: string[] | undefined = route.spec.hostnames;
        expect(hostnames === undefined || hostnames.some((h) => covers(h, host))).toBe(true);
        routed++;
        if (host !== 'a.example.com' && host !== 'x.a.example.com') boundaryRouted++;
      }
    }), { numRuns: 60, seed: SEED });
    expect(routed).toBeGreaterThan(50);
    expect(boundaryRouted).toBeGreaterThan(20);
  });

  test('a backend of weight 0 is never picked nor given a share; a rule whose weights are all 0 answers 500', () => {
    let zeroSeen = 0;
    let allZero = 0;
    const arb = world({ minRoutes: 1, maxRoutes: 6 }).chain((w) => fc.record({
      w: fc.constant(w),
      requests: fc.array(httpRequest(w), { minLength: 1, maxLength: 8 }),
      seeds: fc.array(fc.integer(), { minLength: 1, maxLength: 4 }),
    }));
    fc.assert(fc.property(arb, ({ w, requests, seeds }) => {
      const plane = DataPlane.fromManifests(w.docs, { assumeMissing: true });
      const byName = new Map(w.docs.map((d) => [`${d.kind}/${d.metadata?.namespace ?? ''}/${d.metadata?.name}`, d]));
      for (const r of requests) {
        const first = plane.http({ ...r, seed: seeds[0] });
        if (!first.route || first.route.kind !== 'HTTPRoute') continue;
        const route = byName.get(`HTTPRoute/${first.route.namespace}/${first.route.name}`);
        const rule = route.spec.rules[first.route.rule];
        const refs: any[] = rule.backendRefs ?? [];
        if (rule.filters?.some((f: any) => f.type === 'RequestRedirect') || refs.length === 0) continue;
        const zero = refs.filter((b) => b.weight === 0);
        if (zero.length === 0) continue;
        zeroSeen++;
        const live = refs.filter((b) => b.weight !== 0);
        const isZero = (t: { namespace: string; name: string; port?: number } | undefined) => t !== undefined
          && !live.some((b) => b.name === t.name && (b.namespace ?? route.metadata.namespace) === t.namespace && b.port === t.port);
        if (live.length === 0) {
          allZero++;
          for (const seed of seeds) expect(plane.http({ ...r, seed })).toMatchObject({ status: 500 });
          continue;
        }
        for (const seed of seeds) {
          const res = plane.http({ ...r, seed });
          if (res.outcome === 'forwarded') expect(isZero(res.backend)).toBe(false);
        }
        const dist = plane.distribution(r);
        for (const b of zero) {
          const key = `${b.namespace ?? route.metadata.namespace}/${b.name}`;
          if (!live.some((l) => `${l.namespace ?? route.metadata.namespace}/${l.name}` === key)) expect(dist.backends[key] ?? 0).toBe(0);
        }
      }
    }), { numRuns: 80, seed: SEED });
    expect(zeroSeen).toBeGreaterThan(10);
    expect(allZero).toBeGreaterThan(2);
  });
});
