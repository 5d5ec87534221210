/**
 * Regression guard for the data plane's memory that measures no bytes: what
 * the plane keeps per route is counted by kind (one object per compiled
 * match, one resolution per backend, shared empty maps, no construction-only
 * state after the controller is built), so a change that brings back a
 * per-match closure, a per-backendRef copy or a per-route empty Map fails
 * here, whatever the machine. Issue 18: 100,000 routes under 1 GB.
 */
import * as v8 from 'v8';
import { DataPlane } from '../../src/testing';
import type { RouteState } from '../../src/testing/controller';
import type { HttpEntry } from '../../src/testing/http-engine';
import type { BackendResolution } from '../../src/testing/references';
import { resetWorkCounters, snapshotWorkCounters } from '../../src/validation/work-counters';

const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const gatewayClass = { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } };
const gateway = {
  apiVersion: G,
  kind: 'Gateway',
  metadata: { namespace: 'infra', name: 'gw' },
  spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }] },
};
const svc = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { ports: [{ port: 80 }, { port: 8080 }] } });

/** HTTPRoute `r-<i>` in namespace `ns`: a rule with a header match and a regex match, a rule without matches, two backends. */
function route(i: number, ns = 'apps', extra: object = {}): object {
  return {
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace: ns, name: `r-${i}` },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      hostnames: [`app-${i % 3}.example.com`],
      rules: [
        {
          matches: [
            { path: { type: 'PathPrefix', value: `/r${i}` }, headers: [{ name: 'x-v', value: '2' }] },
            { path: { type: 'RegularExpression', value: `/r${i}/[0-9]+` }, queryParams: [{ name: 'q', type: 'RegularExpression', value: 'a|b' }] },
            { path: { type: 'Exact', value: `/r${i}/x` }, method: 'GET' },
          ],
          backendRefs: [{ name: 'a', port: 80, weight: 9 }, { name: 'b', port: 8080, weight: 1 }],
        },
        { backendRefs: [{ name: 'a', port: 80 }] },
      ],
      ...extra,
    },
  };
}

function plane(objects: object[]): DataPlane {
  const p = DataPlane.fromManifests(objects);
  expect(p.diagnostics).toEqual([]);
  return p;
}

function routes(p: DataPlane): RouteState[] {
  return [...p._loadedRoutes().controller.routes.values()];
}

/** Every entry of every hostname bucket of every HTTP listener's table. */
function tableEntries(p: DataPlane): HttpEntry[] {
  const loaded = p._loadedRoutes();
  const out: HttpEntry[] = [];
  for (const gw of loaded.controller.gateways.values()) {
    for (const l of gw.serving) for (const b of loaded.httpTable(l).all()) out.push(...b.entries);
  }
  return out;
}

describe('routing tables', () => {
  const p = plane([gatewayClass, gateway, svc('apps', 'a'), svc('apps', 'b'), ...Array.from({ length: 12 }, (_, i) => route(i))]);
  const entries = tableEntries(p);

  test('hold one object per match: the entry is its compiled match, without getters of its own', () => {
    // 12 routes x (3 matches + the default match of the rule without matches), on three hostnames.
    expect(entries).toHaveLength(48);
    expect(new Set(entries).size).toBe(48);
    for (const e of entries) {
      expect(e.compiled).toBe(e);
      const own = Object.getOwnPropertyDescriptors(e);
      expect(Object.values(own).filter((d) => d.get !== undefined || d.set !== undefined)).toEqual([]);
      expect(Object.keys(own)).not.toContain('compiled');
    }
    // Every entry has the same own keys (one shape), whatever its match.
    const shapes = new Set(entries.map((e) => Object.keys(e).join(',')));
    expect(shapes.size).toBe(1);
  });

  test('matches without header or query conditions share one empty list; those with conditions have their own', () => {
    const noHeaders = entries.filter((e) => e.compiled.headers.length === 0).map((e) => e.compiled.headers);
    const noQuery = entries.filter((e) => e.compiled.query.length === 0).map((e) => e.compiled.query);
    expect(noHeaders).toHaveLength(36);
    expect(noQuery).toHaveLength(36);
    expect(new Set([...noHeaders, ...noQuery]).size).toBe(1);
    const withHeaders = entries.filter((e) => e.compiled.headers.length > 0).map((e) => e.compiled.headers);
    expect(new Set(withHeaders).size).toBe(12);
  });

  test('a pattern is compiled on first use, once, and only for a regular expression', () => {
    const re = entries.find((e) => e.compiled.pathType === 'RegularExpression')!;
    expect(re.compiled.pathRe).toBeDefined();
    expect(re.compiled.pathRe).toBe(re.compiled.pathRe);
    expect(re.compiled.pathRe!.matches('/r0/12') || re.compiled.pathRe!.matches(`/r${re.route.obj.name.slice(2)}/12`)).toBe(true);
    const q = re.compiled.query[0];
    expect(q.re).toBe(q.re);
    expect(q.re!.matches('a')).toBe(true);
    const exact = entries.find((e) => e.compiled.pathType === 'Exact')!;
    expect(exact.compiled.pathRe).toBeUndefined();
    const header = entries.find((e) => e.compiled.headers.length > 0)!.compiled.headers[0];
    expect(header.type).toBe('Exact');
    expect(header.re).toBeUndefined();
  });

  test('decisions through the compiled entries: regex path with regex query, exact path with method, prefix with header', () => {
    // One route without the catch-all rule (a PathPrefix / would win over any regular expression).
    const r = route(4) as { spec: { rules: object[] } };
    const q = plane([gatewayClass, gateway, svc('apps', 'a'), svc('apps', 'b'), { ...r, spec: { ...r.spec, rules: [r.spec.rules[0]] } }]);
    const at = (path: string, extra: object = {}) => q.http({ gateway: 'infra/gw', host: 'app-1.example.com', path, ...extra });
    expect(at('/r4/17?q=b')).toMatchObject({ status: 200, route: { name: 'r-4', rule: 0, match: 1 } });
    expect(at('/r4/17?q=c')).toMatchObject({ outcome: 'no-route', status: 404 });
    expect(at('/r4/x')).toMatchObject({ status: 200, route: { name: 'r-4', rule: 0, match: 2 } });
    expect(at('/r4/x', { method: 'POST' })).toMatchObject({ outcome: 'no-route', status: 404 });
    expect(at('/r4/x', { method: 'POST', headers: { 'x-v': '2' } })).toMatchObject({ status: 200, route: { name: 'r-4', rule: 0, match: 0 } });
  });
});

describe('backend resolutions', () => {
  test('routes of one namespace that resolve the same backend share one resolution', () => {
    const p = plane([gatewayClass, gateway, svc('apps', 'a'), svc('apps', 'b'), ...Array.from({ length: 10 }, (_, i) => route(i))]);
    const resolutions = routes(p).flatMap((r) => [...r.backends.values()]);
    // 10 routes x 3 backendRefs; two backends (a:80 and b:8080).
    expect(resolutions).toHaveLength(30);
    expect(new Set(resolutions).size).toBe(2);
    expect(resolutions.every((r) => r.ok)).toBe(true);
  });

  test('are not shared across namespaces, nor when they do not resolve (the message names the route)', () => {
    const grant = { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { namespace: 'shared', name: 'g' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] } };
    const cross = (i: number, ns: string) => route(i, ns, { rules: [{ backendRefs: [{ name: 'a', namespace: 'shared', port: 80 }] }] });
    const p = DataPlane.fromManifests([gatewayClass, gateway, svc('shared', 'a'), grant, cross(1, 'apps'), cross(2, 'apps'), cross(3, 'other'), cross(4, 'other')]);
    const of = (name: string) => [...routes(p).find((r) => r.obj.name === name)!.backends.values()][0];
    // Permitted from apps (one shared resolution), refused from other (each route's own, naming it).
    expect(of('r-1')).toBe(of('r-2'));
    expect(of('r-1').ok).toBe(true);
    expect(of('r-3')).not.toBe(of('r-1'));
    expect(of('r-3')).not.toBe(of('r-4'));
    expect(of('r-3')).toMatchObject({ ok: false, reason: 'RefNotPermitted' });
    expect(of('r-3').message).toContain('HTTPRoute other/r-3');
    expect(of('r-4').message).toContain('HTTPRoute other/r-4');
  });

  test('have one hidden class whatever the outcome path (no object spread giving each its own)', () => {
    v8.setFlagsFromString('--allow-natives-syntax');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const sameShape = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    v8.setFlagsFromString('--no-allow-natives-syntax');
    const p = plane([gatewayClass, gateway, svc('apps', 'a'), svc('apps', 'b'), ...Array.from({ length: 40 }, (_, i) => route(i, `ns-${i}`)), ...Array.from({ length: 40 }, (_, i) => svc(`ns-${i}`, 'a')), ...Array.from({ length: 40 }, (_, i) => svc(`ns-${i}`, 'b'))]);
    const resolutions: BackendResolution[] = [...new Set(routes(p).flatMap((r) => [...r.backends.values()]))];
    expect(resolutions).toHaveLength(80);
    const shapes: BackendResolution[] = [];
    for (const r of resolutions) if (!shapes.some((s) => sameShape(s, r))) shapes.push(r);
    expect(shapes).toHaveLength(1);
  });
});

describe('route state', () => {
  test('keeps no construction-only state, and shares the empty dropped-rules and lost-listeners maps', () => {
    const p = plane([gatewayClass, gateway, svc('apps', 'a'), svc('apps', 'b'), ...Array.from({ length: 5 }, (_, i) => route(i))]);
    const rs = routes(p);
    expect(rs).toHaveLength(5);
    for (const r of rs) {
      expect(r.parentStates).toBeUndefined();
      expect(r.droppedRules.size).toBe(0);
      expect(r.lostListeners.size).toBe(0);
      expect(r.droppedRules).toBe(rs[0].droppedRules);
      expect(r.lostListeners).toBe(rs[0].lostListeners);
    }
  });

  test('a route that loses a listener to the other kind gets a map of its own; the shared empty one stays empty', () => {
    const both = (kind: string, name: string, creationTimestamp: string) => ({
      apiVersion: G,
      kind,
      metadata: { namespace: 'apps', name, creationTimestamp },
      spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['a.example.com'], rules: [{ backendRefs: [{ name: 'a', port: 80 }] }] },
    });
    const p = plane([gatewayClass, gateway, svc('apps', 'a'), both('GRPCRoute', 'g', '2024-01-01T00:00:01Z'), both('HTTPRoute', 'h', '2024-01-01T00:00:00Z'), route(7)]);
    const byName = (n: string) => routes(p).find((r) => r.obj.name === n)!;
    const lost = byName('g').lostListeners;
    expect([...lost.values()].map((w) => w.obj.name)).toEqual(['h']);
    expect(byName('h').lostListeners.size).toBe(0);
    expect(byName('h').lostListeners).toBe(byName('r-7').lostListeners);
    expect(byName('h').lostListeners).not.toBe(lost);
    // The loser's status says why, computed before the construction-only state was dropped.
    const accepted = p.status('GRPCRoute', 'apps', 'g')!.parents[0].conditions.find((c) => c.type === 'Accepted');
    expect(accepted).toMatchObject({ status: 'False', reason: 'NotAllowedByListeners' });
    expect(byName('g').parentStates).toBeUndefined();
  });

  test('the controller keeps the parents\' construction state of its routes only when it holds both HTTPRoutes and GRPCRoutes', () => {
    const grpc = { apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'apps', name: 'g' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'a', port: 80 }] }] } };
    const http = Array.from({ length: 3 }, (_, i) => route(i));
    const kept = (objects: object[]) => {
      resetWorkCounters();
      plane([gatewayClass, gateway, svc('apps', 'a'), svc('apps', 'b'), ...objects]);
      return snapshotWorkCounters().parentStatesKept;
    };
    expect(kept(http)).toBe(0);
    expect(kept([grpc])).toBe(0);
    expect(kept([...http, grpc])).toBe(4);
  });

  test('a route that drops a rule (drop-rule) has its own dropped-rules map', () => {
    const bad = route(1, 'apps', { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(?=x)' } }], backendRefs: [{ name: 'a', port: 80 }] }, { backendRefs: [{ name: 'a', port: 80 }] }] });
    const p = DataPlane.fromManifests([gatewayClass, gateway, svc('apps', 'a'), bad, route(2)], { partiallyInvalid: 'drop-rule' });
    const byName = (n: string) => routes(p).find((r) => r.obj.name === n)!;
    expect([...byName('r-1').droppedRules.keys()]).toEqual([0]);
    expect(byName('r-2').droppedRules.size).toBe(0);
    expect(byName('r-1').droppedRules).not.toBe(byName('r-2').droppedRules);
  });
});

describe('admission cache', () => {
  const ns = (i: number, label: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${i}`, labels: { test: label } } });

  test('a load of more documents than the cache holds neither fills it nor reads it; a load it can hold does both', () => {
    // GIVEN 2,001 documents (one more than the cache holds) and 2,000 others (as many as it holds)
    const big = Array.from({ length: 2001 }, (_, i) => ns(i, 'admission-big'));
    const small = Array.from({ length: 2000 }, (_, i) => ns(i, 'admission-small'));
    const reused = (run: () => void) => {
      resetWorkCounters();
      run();
      return snapshotWorkCounters().admissionsReused;
    };
    // WHEN each is loaded twice
    const bigPlanes = [DataPlane.fromManifests(big), DataPlane.fromManifests(big)];
    // THEN the second large load reused nothing, and a small load of one of its documents finds nothing cached
    expect(reused(() => DataPlane.fromManifests(big))).toBe(0);
    expect(reused(() => DataPlane.fromManifests([big[5]]))).toBe(0);
    // (the small load cached it: a second small load of it reuses it)
    expect(reused(() => DataPlane.fromManifests([big[5]]))).toBe(1);
    // A load of exactly as many documents as the cache holds goes through it: its last document is there after it.
    expect(reused(() => DataPlane.fromManifests(small))).toBe(0);
    expect(reused(() => DataPlane.fromManifests([small[1999]]))).toBe(1);
    expect(reused(() => DataPlane.fromManifests([big[2000]]))).toBe(0);
    // The planes are the same either way.
    expect(bigPlanes[0].diagnostics).toEqual([]);
    expect(bigPlanes[1].objects().length).toBe(bigPlanes[0].objects().length);
  });
});
