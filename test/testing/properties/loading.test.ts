import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { SEED, World, garbage, httpRequests, world } from './arbitraries';
import { EXPERIMENTAL_CRDS } from '../../../generated';
import { DataPlane, HttpRequest } from '../../../src/testing';
import { formatDiagnostic } from '../../../src/validation';

const GROUP = 'gateway.networking.k8s.io';
const CORE_KINDS = ['Namespace', 'Service', 'Secret', 'ConfigMap'];

/** Whether the plane models a document (so it must be stored or diagnosed, never silently dropped). */
function modelled(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const { apiVersion, kind } = doc as any;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '') return false;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group === GROUP ? kind in EXPERIMENTAL_CRDS : group === '' && CORE_KINDS.includes(kind);
}

function keyOf(doc: any): string {
  const clusterScoped = doc.kind === 'GatewayClass' || doc.kind === 'Namespace';
  return `${doc.kind}|${clusterScoped ? '' : (doc.metadata?.namespace || 'default')}|${doc.metadata?.name}`;
}

/** Every kind of request to every Gateway of a world; none of these may throw. */
function exercise(plane: DataPlane, w: World, requests: readonly HttpRequest[]): void {
  for (const r of requests) {
    plane.http(r);
    plane.explain(r);
    plane.distribution(r);
  }
  for (const g of w.gateways) {
    plane.grpc({ gateway: g.ref, port: g.ports[0], host: 'a.example.com', service: 'pkg.Svc', method: 'Get' });
    plane.http({ gateway: g.ref, port: g.ports[0], scheme: 'https', host: 'a.example.com' });
  }
  if (plane.status('Gateway', 'infra', 'l4')) {
    plane.tls({ gateway: 'infra/l4', port: 443, sni: 'db.example.com' });
    plane.tcp({ gateway: 'infra/l4', port: 5432 });
    plane.udp({ gateway: 'infra/l4', port: 53 });
    plane.distribution({ protocol: 'tcp', gateway: 'infra/l4', port: 5432 });
  }
  for (const o of plane.objects()) plane.status(o.kind, o.metadata.namespace, o.metadata.name);
}

describe('loading (property)', () => {
  test('schema-valid worlds of every kind load without a diagnostic, without touching the input, and serve requests without throwing', () => {
    const arb = fc.oneof(world({ allKinds: true }), world({ allKinds: true, wide: true, timestamps: true }))
      .chain((w) => fc.record({ w: fc.constant(w), requests: httpRequests(w, 6) }));
    fc.assert(fc.property(arb, ({ w, requests }) => {
      const before = JSON.stringify(w.docs);
      const plane = DataPlane.fromManifests(w.docs);
      expect(plane.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(JSON.stringify(w.docs)).toBe(before);
      // Every document is modelled here, and each one is held by the plane.
      expect(plane.objects().map(keyOf).sort()).toEqual(w.docs.map(keyOf).sort());
      for (const d of w.docs) {
        if (['Gateway', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'].includes(d.kind)) {
          expect(plane.status(d.kind, d.metadata.namespace, d.metadata.name)).toBeDefined();
        }
      }
      exercise(plane, w, requests);
      // The same documents as YAML text give the same objects.
      const yaml = DataPlane.fromYaml(w.docs.map((d) => YAML.stringify(d)).join('---\n'));
      expect(yaml.diagnostics).toEqual([]);
      expect(yaml.objects()).toEqual(plane.objects());
    }), { numRuns: 60, seed: SEED });
  });

  test('garbage among valid documents becomes diagnostics, never a throw or a silent drop', () => {
    const arb = world({ allKinds: true }).chain((w) => fc.record({
      w: fc.constant(w),
      junk: fc.array(fc.tuple(garbage, fc.nat()), { minLength: 1, maxLength: 6 }),
      requests: httpRequests(w, 4),
    }));
    fc.assert(fc.property(arb, ({ w, junk, requests }) => {
      const docs: unknown[] = [...w.docs];
      for (const [g, at] of junk) docs.splice(at % (docs.length + 1), 0, g);
      const validIndexes = new Set(w.docs.map((d) => docs.indexOf(d)));
      const plane = DataPlane.fromManifests(docs);
      // `manifests#3`, or `manifests#3.[1]` for an element of an array document.
      const indexOf = (d: { source?: string }) => Number(/^manifests#(\d+)(?:\.|$)/.exec(d.source ?? '')?.[1]);
      for (const d of plane.diagnostics) {
        const index = indexOf(d);
        expect(Number.isInteger(index) && index >= 0 && index < docs.length).toBe(true);
        expect(d.severity).toBe('error');
        expect(d.code).toMatch(/^[a-z]+\//);
        expect(d.message.length).toBeGreaterThan(0);
        expect(validIndexes.has(index)).toBe(false);
        expect(formatDiagnostic(d)).toContain(d.message);
      }
      const held = new Set(plane.objects().map(keyOf));
      const diagnosed = new Set(plane.diagnostics.map(indexOf));
      docs.forEach((d, i) => {
        if (modelled(d) && !diagnosed.has(i)) expect({ index: i, held: held.has(keyOf(d)) }).toEqual({ index: i, held: true });
      });
      // Requests to the Gateways that are still reconciled do not throw.
      const live = { ...w, gateways: w.gateways.filter((g) => plane.status('Gateway', g.ref.split('/')[0], g.ref.split('/')[1])) };
      exercise(plane, live, requests.filter((r) => live.gateways.some((g) => g.ref === r.gateway)));
    }), { numRuns: 150, seed: SEED });
  });

  test('arbitrary YAML text never throws: it loads or becomes diagnostics naming the document', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fc.oneof(fc.string({ maxLength: 60 }), garbage.map((g) => {
        try {
          return YAML.stringify(g) ?? '';
        } catch {
          return '';
        }
      })), { maxLength: 5 }).map((parts) => parts.join('\n---\n')),
    );
    fc.assert(fc.property(text, (t) => {
      const plane = DataPlane.fromYaml(t, { source: 'input.yaml' });
      for (const d of plane.diagnostics) {
        expect(d.source).toMatch(/^input\.yaml#\d+/);
        expect(d.message.length).toBeGreaterThan(0);
      }
      plane.objects();
    }), { numRuns: 300, seed: SEED });
  });

  // Found by the property above (seed 20261126): YAML that parses but refers to an anchor it never defines.
  test('YAML with an unresolved alias becomes a diagnostic naming the document (minimal counterexample)', () => {
    const plane = DataPlane.fromYaml('apiVersion: v1\nkind: Service\nmetadata: { name: s }\n---\na: *missing\n', { source: 'in.yaml' });
    expect(plane.diagnostics).toEqual([expect.objectContaining({ source: 'in.yaml#1', code: 'input/yaml-error' })]);
  });

  test('requests with arbitrary hosts, paths, methods and headers never throw', () => {
    const arb = world().chain((w) => fc.record({
      w: fc.constant(w),
      requests: fc.array(fc.record({
        gateway: fc.constantFrom(...w.gateways.map((g) => g.ref)),
        port: fc.constantFrom(...w.gateways.flatMap((g) => g.ports)),
        scheme: fc.constantFrom('http' as const, 'https' as const),
        host: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
        sni: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
        method: fc.string({ maxLength: 8 }),
        path: fc.string({ maxLength: 40 }),
        headers: fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string({ maxLength: 10 }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }))),
        seed: fc.option(fc.integer(), { nil: undefined }),
      }, { requiredKeys: ['gateway', 'port'] }), { minLength: 1, maxLength: 8 }),
    }));
    fc.assert(fc.property(arb, ({ w, requests }) => {
      const plane = DataPlane.fromManifests(w.docs);
      for (const r of requests) {
        const res = plane.http(r);
        expect(['forwarded', 'redirect', 'direct-response', 'no-route', 'refused']).toContain(res.outcome);
        plane.explain(r);
      }
    }), { numRuns: 120, seed: SEED });
  });
});
