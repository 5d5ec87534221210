import * as fc from 'fast-check';
import { NAMESPACES, SEED, World, httpRequests, world } from './arbitraries';
import { DataPlane, HttpRequest } from '../../../src/testing';

/**
 * Adding an HTTPRoute that serves only a hostname no request uses must not
 * change any decision for the other hostnames, nor the status of any other
 * route, wherever the new route lands in the documents.
 */

/** Hostnames outside every pool the worlds and their requests use. */
const unrelatedHostnames = fc.uniqueArray(fc.constantFrom('shop.unrelated.io', 'api.unrelated.io', '*.unrelated.io', 'unrelated.io', '*.internal.unrelated.io'), { minLength: 1, maxLength: 3 });

/** A new route on unrelated hostnames: a copy of a random existing route's rules (so it competes on paths), or a catch-all. */
function unrelatedRoute(w: World): fc.Arbitrary<any> {
  const routes = w.docs.filter((d) => d.kind === 'HTTPRoute');
  const rules = routes.length
    ? fc.constantFrom(...routes.map((r) => r.spec.rules))
    : fc.constant([{ backendRefs: [{ name: 'svc-a', port: 80 }] }]);
  return fc.record({
    hostnames: unrelatedHostnames,
    namespace: fc.constantFrom(...NAMESPACES),
    gateway: fc.constantFrom(...w.gateways.map((g) => g.ref)),
    section: fc.option(fc.constantFrom('l0', 'l1'), { nil: undefined }),
    rules,
    created: fc.option(fc.constantFrom('2020-01-01T00:00:00Z', '2024-01-01T00:00:00Z'), { nil: undefined }),
  }).map(({ hostnames, namespace, gateway, section, rules: r, created }) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'unrelated', namespace, ...(created ? { creationTimestamp: created } : {}) },
    spec: {
      parentRefs: [{ name: gateway.split('/')[1], namespace: gateway.split('/')[0], ...(section ? { sectionName: section } : {}) }],
      hostnames,
      rules: r,
    },
  }));
}

function seeded(requests: HttpRequest[]): HttpRequest[] {
  return requests.map((r, i) => ({ ...r, seed: 7 + i }));
}

let forwarded = 0;
let compared = 0;
let attachedNewRoute = 0;

describe('hostname isolation (property)', () => {
  test('a route on an unrelated hostname changes no decision for other hostnames and no other status', () => {
    const arb = fc.oneof(world({ minRoutes: 1, maxRoutes: 8 }), world({ timestamps: true, minRoutes: 1, maxRoutes: 8 })).chain((w) => fc.record({
      w: fc.constant(w),
      route: unrelatedRoute(w),
      at: fc.nat(),
      requests: httpRequests(w, 16),
    }));
    fc.assert(fc.property(arb, ({ w, route, at, requests }) => {
      const docs = [...w.docs];
      docs.splice(at % (docs.length + 1), 0, route);
      const before = DataPlane.fromManifests(w.docs);
      const after = DataPlane.fromManifests(docs);
      expect(after.diagnostics).toEqual([]);
      const parents = after.status('HTTPRoute', route.metadata.namespace, 'unrelated')?.parents ?? [];
      if (parents.some((p) => p.conditions.some((c) => c.type === 'Accepted' && c.status === 'True'))) attachedNewRoute++;
      for (const r of seeded(requests)) {
        const a = before.http(r);
        compared++;
        if (a.outcome === 'forwarded') forwarded++;
        expect(after.http(r)).toEqual(a);
        expect(after.explain(r)).toEqual(before.explain(r));
      }
      for (const d of w.docs) {
        if (d.kind === 'HTTPRoute') expect(after.status('HTTPRoute', d.metadata.namespace, d.metadata.name)).toEqual(before.status('HTTPRoute', d.metadata.namespace, d.metadata.name));
      }
    }), { numRuns: 150, seed: SEED });
  });

  afterAll(() => {
    expect(compared).toBeGreaterThan(800);
    expect(forwarded).toBeGreaterThan(150);
    // The new route does attach (to listeners without a hostname) in a good share of the runs.
    expect(attachedNewRoute).toBeGreaterThan(30);
  });
});
