import { changedScenario, scenario } from '../../bench/scenario';
import { testing } from '../../src';
import { routingDiff, witnessRequests } from '../../src/testing/routing-diff';

// Count of work, not time: the routing diff's witness requests and evaluations grow linearly with the routes of
// the benchmark scenario (bench/scenario.ts; `npm run bench -- --only diff` times it at 1,000 and 5,000 routes).

function planes(routes: number): { before: testing.DataPlane; after: testing.DataPlane } {
  const objects = scenario(routes).filter((o: any) => o.kind !== 'Service' && o.kind !== 'GatewayClass');
  return {
    before: testing.DataPlane.fromManifests(objects, { assumeMissing: true }),
    after: testing.DataPlane.fromManifests(changedScenario(objects), { assumeMissing: true }),
  };
}

/** Witness requests, and how many times each plane evaluated an HTTP request, for a diff at `routes`. */
function work(routes: number): { requests: number; http: number; evaluations: number; changes: number } {
  const { before, after } = planes(routes);
  const http = witnessRequests([before, after]).requests.filter((w) => w.protocol === 'http').length;
  let evaluations = 0;
  for (const p of [before, after]) {
    const original = p.http.bind(p);
    p.http = (r) => {
      evaluations++;
      return original(r);
    };
  }
  const d = routingDiff(before, after);
  return { requests: d.requests, http, evaluations, changes: d.changes.length };
}

describe('the routing diff grows linearly with the routes', () => {
  const sizes = [50, 100, 200];
  const measured = sizes.map(work);

  test('each HTTP witness is evaluated once per plane: no per-request scan of the other witnesses', () => {
    for (const m of measured) expect(m.evaluations).toBe(2 * m.http);
  });

  test('doubling the routes about doubles the witness requests and the changes found (the scenario changes one route in ten twice over)', () => {
    for (let i = 1; i < sizes.length; i++) {
      const ratio = measured[i].requests / measured[i - 1].requests;
      expect(ratio).toBeGreaterThan(1.7);
      expect(ratio).toBeLessThan(2.3);
      expect(measured[i].changes / measured[i - 1].changes).toBeGreaterThan(1.5);
      expect(measured[i].changes / measured[i - 1].changes).toBeLessThan(2.5);
    }
    // per route, the work stays in a narrow band
    const perRoute = measured.map((m, i) => m.requests / sizes[i]);
    expect(Math.max(...perRoute) / Math.min(...perRoute)).toBeLessThan(1.3);
  });

  test('an unchanged scenario: no change, with the same number of witnesses as a plane compared with itself', () => {
    const objects = scenario(50).filter((o: any) => o.kind !== 'Service' && o.kind !== 'GatewayClass');
    const a = testing.DataPlane.fromManifests(objects, { assumeMissing: true });
    const d = routingDiff(a, testing.DataPlane.fromManifests(objects, { assumeMissing: true }));
    expect(d.changes).toEqual([]);
    expect(d.requests).toBe(witnessRequests([a]).requests.length);
  });
});
