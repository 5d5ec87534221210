import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { SEED, World, httpRequests, world } from './arbitraries';
import { DataPlane, HttpRequest, HttpResult } from '../../../src/testing';

/** The same input always gives the same output: decisions, weighted picks, explanations, distributions and statuses. */

function run(plane: DataPlane, w: World, requests: readonly HttpRequest[]) {
  return {
    results: requests.map((r) => plane.http(r)),
    explanations: requests.map((r) => plane.explain(r)),
    distributions: requests.map((r) => plane.distribution(r)),
    objects: plane.objects(),
    diagnostics: plane.diagnostics,
    gateways: w.gateways.map((g) => plane.status('Gateway', g.ref.split('/')[0], g.ref.split('/')[1])),
  };
}

/** The key `distribution()` uses for the target of a result. */
function target(r: HttpResult): string {
  if (r.outcome === 'forwarded') return `${r.backend!.namespace}/${r.backend!.name}`;
  if (r.outcome === 'redirect') return '(redirect)';
  if (r.outcome === 'refused') return '(refused)';
  return `(${r.status})`;
}

let weightedRequests = 0;

describe('determinism (property)', () => {
  test('two planes from the same manifests and seed answer the same sequence of requests identically (weighted picks included)', () => {
    const arb = fc.oneof(world({ minRoutes: 1 }), world({ timestamps: true, minRoutes: 1, allKinds: true })).chain((w) => fc.record({
      w: fc.constant(w),
      requests: httpRequests(w, 12),
      seed: fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: undefined }),
    }));
    fc.assert(fc.property(arb, ({ w, requests, seed }) => {
      const options = seed === undefined ? {} : { seed };
      const a = DataPlane.fromManifests(w.docs, options);
      const b = DataPlane.fromManifests(JSON.parse(JSON.stringify(w.docs)), options);
      expect(run(b, w, requests)).toEqual(run(a, w, requests));
      // The same documents as YAML text: the same decisions.
      const y = DataPlane.fromYaml(w.docs.map((d) => YAML.stringify(d)).join('---\n'), options);
      const fresh = DataPlane.fromManifests(w.docs, options);
      expect(requests.map((r) => y.http(r))).toEqual(requests.map((r) => fresh.http(r)));
    }), { numRuns: 70, seed: SEED });
  });

  test('a request with a seed gets the same pick every time, and only targets its distribution gives a share', () => {
    const arb = world({ minRoutes: 1 }).chain((w) => fc.record({
      w: fc.constant(w),
      requests: httpRequests(w, 8),
      seeds: fc.array(fc.integer(), { minLength: 1, maxLength: 6 }),
    }));
    fc.assert(fc.property(arb, ({ w, requests, seeds }) => {
      const plane = DataPlane.fromManifests(w.docs);
      const other = DataPlane.fromManifests(w.docs, { seed: 99 });
      for (const r of requests) {
        const dist = plane.distribution(r);
        const total = Object.values(dist.backends).reduce((x, y) => x + y, 0);
        expect(total).toBeCloseTo(1, 9);
        if (Object.keys(dist.backends).length > 1) weightedRequests++;
        for (const seed of seeds) {
          const first = plane.http({ ...r, seed });
          // Interleave unseeded requests: they move the plane's own sequence, never a seeded pick.
          plane.http(r);
          expect(plane.http({ ...r, seed })).toEqual(first);
          expect(other.http({ ...r, seed })).toEqual(first);
          expect(dist.backends[target(first)] ?? 0).toBeGreaterThan(0);
        }
      }
    }), { numRuns: 100, seed: SEED });
  });

  test('the case of the Host and of header names does not change which route, rule and backend a request gets', () => {
    const flip = (x: string, mask: number) => [...x].map((c, i) => ((mask >> (i % 31)) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
    const arb = world({ minRoutes: 1 }).chain((w) => fc.record({ w: fc.constant(w), requests: httpRequests(w, 8), mask: fc.integer({ min: 0, max: 2 ** 31 - 1 }) }));
    fc.assert(fc.property(arb, ({ w, requests, mask }) => {
      const plane = DataPlane.fromManifests(w.docs);
      requests.forEach((r, i) => {
        const shouted = {
          ...r,
          host: r.host === undefined ? undefined : flip(r.host, mask),
          headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [flip(k, mask >> 3), v])),
        };
        const a = plane.http({ ...r, seed: i });
        const b = plane.http({ ...shouted, seed: i });
        expect({ outcome: b.outcome, status: b.status, route: b.route, backend: b.backend, listener: b.listener })
          .toEqual({ outcome: a.outcome, status: a.status, route: a.route, backend: a.backend, listener: a.listener });
      });
    }), { numRuns: 80, seed: SEED });
  });

  afterAll(() => {
    // Requests that have several possible targets (weights) occur, so the pick is exercised.
    expect(weightedRequests).toBeGreaterThan(20);
  });
});
