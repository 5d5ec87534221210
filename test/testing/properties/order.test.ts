import * as fc from 'fast-check';
import { REQUEST_HOSTS, SEED, World, httpRequests, world } from './arbitraries';
import { DataPlane, HttpRequest, HttpResult } from '../../../src/testing';

/**
 * The plane documents one dependency on document order: two routes that tie
 * on every precedence rule and have no creationTimestamp are ordered by load
 * order, and a result that fell back to it says `dependsOnDocumentOrder`.
 * Everything else must be the same whatever the order of the documents.
 */

/** Each request gets its own seed, so a weighted pick never depends on what the requests before it consumed. */
function seeded(requests: HttpRequest[]): HttpRequest[] {
  return requests.map((r, i) => ({ ...r, seed: 1000 + i }));
}

function statuses(plane: DataPlane, w: World): unknown[] {
  return w.docs
    .filter((d) => d.kind === 'Gateway' || d.kind === 'HTTPRoute' || d.kind === 'GatewayClass')
    .map((d) => ({ kind: d.kind, name: d.metadata.name, status: plane.status(d.kind, d.metadata.namespace, d.metadata.name) }));
}

/** Counters over all runs, so the properties are shown not to hold vacuously. */
const seen = { compared: 0, forwarded: 0, flagged: 0, differingWhenFlagged: 0 };

function compare(a: HttpResult, b: HttpResult): void {
  if (a.dependsOnDocumentOrder || b.dependsOnDocumentOrder) {
    seen.flagged++;
    // A flagged decision may differ in the route that won, but never in the listener that took the request.
    expect(b.listener).toEqual(a.listener);
    if (JSON.stringify(a.route) !== JSON.stringify(b.route)) seen.differingWhenFlagged++;
    return;
  }
  seen.compared++;
  if (a.outcome === 'forwarded') seen.forwarded++;
  expect(b).toEqual(a);
}

const shuffled = (w: World) => fc.shuffledSubarray(w.docs, { minLength: w.docs.length, maxLength: w.docs.length });

describe('document order (property)', () => {
  test('with creationTimestamps on some objects (ties included), shuffling the documents changes no unflagged decision and no status', () => {
    const arb = world({ timestamps: true, minRoutes: 2, maxRoutes: 8 }).chain((w) => fc.record({ w: fc.constant(w), docs: shuffled(w), requests: httpRequests(w, 16) }));
    fc.assert(fc.property(arb, ({ w, docs, requests }) => {
      const original = DataPlane.fromManifests(w.docs);
      const reordered = DataPlane.fromManifests(docs);
      for (const r of seeded(requests)) compare(original.http(r), reordered.http(r));
      expect(statuses(reordered, w)).toEqual(statuses(original, w));
    }), { numRuns: 150, seed: SEED });
  });

  test('without any creationTimestamp, every decision that differs between two orders is flagged dependsOnDocumentOrder', () => {
    const arb = world({ minRoutes: 2, maxRoutes: 8 }).chain((w) => fc.record({ w: fc.constant(w), docs: shuffled(w), requests: httpRequests(w, 16) }));
    fc.assert(fc.property(arb, ({ w, docs, requests }) => {
      const original = DataPlane.fromManifests(w.docs);
      const reordered = DataPlane.fromManifests(docs);
      for (const r of seeded(requests)) compare(original.http(r), reordered.http(r));
      expect(statuses(reordered, w)).toEqual(statuses(original, w));
    }), { numRuns: 150, seed: SEED });
  });

  test('when every route has its own creationTimestamp no decision depends on document order', () => {
    const arb = world({ minRoutes: 2, maxRoutes: 8 }).chain((w) => fc.record({ w: fc.constant(w), docs: shuffled(w), requests: httpRequests(w, 16) }));
    fc.assert(fc.property(arb, ({ w, docs, requests }) => {
      let minute = 0;
      const stamp = (d: any) => (d.kind === 'HTTPRoute' ? { ...d, metadata: { ...d.metadata, creationTimestamp: `2024-01-01T00:${String(minute++).padStart(2, '0')}:00Z` } } : d);
      const stamped = new Map(w.docs.map((d) => [d, stamp(d)]));
      const original = DataPlane.fromManifests(w.docs.map((d) => stamped.get(d)));
      const reordered = DataPlane.fromManifests(docs.map((d) => stamped.get(d)));
      for (const r of seeded(requests)) {
        const a = original.http(r);
        expect(a.dependsOnDocumentOrder).toBe(false);
        expect(reordered.http(r)).toEqual(a);
      }
    }), { numRuns: 100, seed: SEED });
  });

  test('every kind: gRPC, TLS, TCP and UDP decisions and the status of every object do not depend on document order when timestamps are distinct', () => {
    const arb = world({ allKinds: true, minRoutes: 1 }).chain((w) => fc.record({
      w: fc.constant(w),
      docs: shuffled(w),
      grpc: fc.array(fc.record({
        gateway: fc.constantFrom(...w.gateways.map((g) => g.ref)),
        host: fc.constantFrom(...REQUEST_HOSTS),
        service: fc.constantFrom('pkg.Svc', 'grpc.health.v1.Health', 'other.Svc'),
        method: fc.constantFrom('Get', 'Check', 'List'),
        headers: fc.dictionary(fc.constantFrom('x-env', 'x-canary'), fc.constantFrom('prod', 'yes')),
      }), { minLength: 1, maxLength: 6 }),
    }));
    fc.assert(fc.property(arb, ({ w, docs, grpc }) => {
      let second = 0;
      const stamped = new Map(w.docs.map((d) => [d, { ...d, metadata: { ...d.metadata, creationTimestamp: `2024-01-01T00:00:${String(second++ % 60).padStart(2, '0')}Z` } }]));
      const a = DataPlane.fromManifests(w.docs.map((d) => stamped.get(d)));
      const b = DataPlane.fromManifests(docs.map((d) => stamped.get(d)));
      grpc.forEach((r, i) => {
        const req = { ...r, port: w.gateways.find((g) => g.ref === r.gateway)!.ports[0], seed: i };
        expect(b.grpc(req)).toEqual(a.grpc(req));
      });
      if (a.status('Gateway', 'infra', 'l4')) {
        for (const seed of [1, 2, 3]) {
          expect(b.tls({ gateway: 'infra/l4', sni: 'db.example.com', seed })).toEqual(a.tls({ gateway: 'infra/l4', sni: 'db.example.com', seed }));
          expect(b.tcp({ gateway: 'infra/l4', port: 5432, seed })).toEqual(a.tcp({ gateway: 'infra/l4', port: 5432, seed }));
          expect(b.udp({ gateway: 'infra/l4', port: 53, seed })).toEqual(a.udp({ gateway: 'infra/l4', port: 53, seed }));
        }
      }
      const all = (p: DataPlane) => w.docs.map((d) => p.status(d.kind, d.metadata.namespace, d.metadata.name));
      expect(all(b)).toEqual(all(a));
    }), { numRuns: 80, seed: SEED });
  });

  afterAll(() => {
    // The worlds are built so that routes compete: many decisions are compared, most of them reach a
    // backend, and ties broken by document order do occur (and do change the winner in some runs).
    expect(seen.compared).toBeGreaterThan(1000);
    expect(seen.forwarded).toBeGreaterThan(200);
    expect(seen.flagged).toBeGreaterThan(10);
    expect(seen.differingWhenFlagged).toBeGreaterThan(0);
  });
});
