import { App, Testing } from 'cdk8s';
import { Node } from 'constructs';
import { Backend, Filter, HeaderMatch, HttpMatch, HttpRoute, ReferenceGrant, validateApp } from '../../src';
import * as constructValidation from '../../src/private/construct-validation';
import { appended, listOf } from '../../src/private/lists';
import { rootOf } from '../../src/private/tree-state';
import { chartWithGateway, plainRule } from '../support/bench-routes';

/**
 * What building and synthesizing routes keeps per route (bench/README.md, fixes 42-43): every object kept per
 * route is copied by the garbage collector with the construct tree, and an entry in a weak collection costs it
 * more than a property. Counted, not timed.
 */


/** Counts, while `run` runs: WeakMap and WeakSet entries added, Maps made, and walks up the tree (`node.scopes`, which `node.root` and `node.path` build). */
function count(run: () => void): { weak: number; maps: number; scopes: number } {
  const counts = { weak: 0, maps: 0, scopes: 0 };
  const weakSet = WeakMap.prototype.set;
  const weakAdd = WeakSet.prototype.add;
  const scopes = Object.getOwnPropertyDescriptor(Node.prototype, 'scopes')!;
  const RealMap = globalThis.Map;
  WeakMap.prototype.set = function (this: WeakMap<object, unknown>, k: object, v: unknown) {
    counts.weak++;
    return weakSet.call(this, k, v);
  };
  WeakSet.prototype.add = function (this: WeakSet<object>, v: object) {
    counts.weak++;
    return weakAdd.call(this, v);
  };
  Object.defineProperty(Node.prototype, 'scopes', {
    configurable: true,
    get(this: Node) {
      counts.scopes++;
      return scopes.get!.call(this);
    },
  });
  class CountingMap<K, V> extends RealMap<K, V> {
    constructor(entries?: Iterable<readonly [K, V]> | null) {
      super(entries);
      counts.maps++;
    }
  }
  globalThis.Map = CountingMap as MapConstructor;
  try {
    run();
  } finally {
    WeakMap.prototype.set = weakSet;
    WeakSet.prototype.add = weakAdd;
    Object.defineProperty(Node.prototype, 'scopes', scopes);
    globalThis.Map = RealMap;
  }
  return counts;
}

describe('a route keeps no weak-collection entry, no per-route map, and does not walk up the tree', () => {
  test('building a named route of two plain rules: no weak entry, no Map, no walk to the root', () => {
    // GIVEN a first route (the app's first sighting of each Service and of the tree state)
    const { chart, gateway } = chartWithGateway();
    new HttpRoute(chart, 'First', { metadata: { name: 'first' }, parents: [gateway], rules: [plainRule(9)] });
    // WHEN a second one is built (its matches and backends inside the count too)
    const built = count(() => new HttpRoute(chart, 'Second', { metadata: { name: 'second' }, parents: [gateway], rules: [plainRule(0), plainRule(1)] }));
    // THEN (before: a WeakSet entry for the owner and a WeakMap entry for its checks, a Map of backend fields,
    // and a list of every ancestor built for each tree-state lookup: one per construct and per named backend)
    expect(built).toEqual({ weak: 0, maps: 0, scopes: 0 });
  });

  test('a synthesis after the first adds no weak entry for its objects (paths and toJson marks are properties)', () => {
    const { chart, gateway } = chartWithGateway();
    for (let r = 0; r < 3; r++) new HttpRoute(chart, `R${r}`, { metadata: { name: `r${r}` }, parents: [gateway], rules: [plainRule(r)] });
    Testing.synth(chart);
    // WHEN more routes are added and the app synthesized again
    for (let r = 3; r < 6; r++) new HttpRoute(chart, `R${r}`, { metadata: { name: `r${r}` }, parents: [gateway], rules: [plainRule(r)] });
    const synth = count(() => Testing.synth(chart));
    // THEN (before: a WeakMap entry for each object's path and a WeakSet entry for each memoized toJson: 2 per object)
    expect(synth.weak).toBe(0);
  });

  test('a synthesis looks for a diagnostics collector only where there is a problem, not once per construct', () => {
    // GIVEN an app of valid routes, synthesized once
    const { chart, gateway } = chartWithGateway();
    for (let r = 0; r < 6; r++) new HttpRoute(chart, `R${r}`, { metadata: { name: `r${r}` }, parents: [gateway], rules: [plainRule(r)] });
    Testing.synth(chart);
    const spy = jest.spyOn(constructValidation, 'diagnosticSink');
    try {
      // WHEN it is synthesized again (cdk8s validates every construct twice: app and chart)
      Testing.synth(chart);
      // THEN (before: one lookup per library object at each of cdk8s's validations: 9 seen here)
      expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
    // and a problem is still reported, through the collector when validateApp collects
    new HttpRoute(chart, 'Orphan', { metadata: { name: 'orphan' } });
    expect(validateApp(chart.node.root as App).filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      expect.stringContaining('the route is not attached to any parent'),
    ]);
    expect(() => Testing.synth(chart)).toThrow(/the route is not attached to any parent/);
  });

  test('a backend in another namespace still gets its entry: replacing it prunes the grant only it needed', () => {
    // GIVEN a route whose rule sends traffic to a Service in another namespace (an automatic ReferenceGrant)
    const { chart, gateway } = chartWithGateway();
    const route = new HttpRoute(chart, 'R', { metadata: { namespace: 'apps' }, parents: [gateway], rules: [{ backends: [Backend.fromServiceName('db', { namespace: 'data', port: 5432 })] }] });
    const grants = () => chart.node.findAll().filter((c) => c instanceof ReferenceGrant).length;
    expect(grants()).toBe(1);
    // WHEN its backends are replaced by one in the route's own namespace
    route.rules[0].replaceBackends(Backend.fromServiceName('web', { port: 80 }));
    // THEN the grant goes, and the app validates
    expect(grants()).toBe(0);
    expect(validateApp(chart.node.root as App).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('the marks the library keeps on constructs are hidden and fixed', () => {
  test('symbol properties: not enumerable (a copy or spread of a construct does not carry them), not reconfigurable', () => {
    const { chart, gateway } = chartWithGateway();
    const route = new HttpRoute(chart, 'R', { metadata: { name: 'r' }, parents: [gateway], rules: [plainRule(0)] });
    Testing.synth(chart);
    const marked = [route, route.node.defaultChild!];
    const symbols = marked.flatMap((c) => Object.getOwnPropertySymbols(c).map((sym) => ({ c, sym })))
      .filter(({ sym }) => String(sym.description).startsWith('cdk8s-gateway-api'));
    // the owner mark and the checks on the route, the path and the memoized toJson on its object
    expect(symbols.map(({ sym }) => sym.description).sort()).toEqual([
      'cdk8s-gateway-api construct checks', 'cdk8s-gateway-api construct path', 'cdk8s-gateway-api memoized toJson', 'cdk8s-gateway-api object owner',
    ]);
    for (const { c, sym } of symbols) {
      const d = Object.getOwnPropertyDescriptor(c, sym)!;
      // only the list of checks is replaced when a check is added; the other marks are set once
      const writable = sym.description === 'cdk8s-gateway-api construct checks';
      expect([String(sym.description), d.enumerable, d.configurable, d.writable]).toEqual([String(sym.description), false, false, writable]);
    }
  });
});

describe('an object\'s toJson is memoized once', () => {
  test('a later synthesis keeps the toJson the first gave the object (no wrapper around the wrapper), and renders anew outside one', () => {
    const { chart, gateway } = chartWithGateway();
    const route = new HttpRoute(chart, 'R', { metadata: { name: 'r' }, parents: [gateway], rules: [plainRule(0)] });
    const object = route.node.defaultChild as unknown as { toJson(): { spec: { hostnames?: string[] } } };
    Testing.synth(chart);
    const first = object.toJson;
    Testing.synth(chart);
    Testing.synth(chart);
    expect(object.toJson).toBe(first);
    route.addHostnames('a.example.com');
    expect(object.toJson().spec.hostnames).toEqual(['a.example.com']);
  });
});

describe('lists of exactly their length, and one shared empty list', () => {
  test('appended returns a new list of the items and the new one, leaving the old list as it was', () => {
    const one = appended([], 'a');
    const two = appended(one, 'b');
    expect([one, two]).toEqual([['a'], ['a', 'b']]);
    expect(two).not.toBe(one);
    expect(two.length).toBe(2);
  });

  test('listOf copies a list, and gives the same frozen empty list for none', () => {
    const given = ['x'];
    const copy = listOf(given);
    given.push('y');
    expect(copy).toEqual(['x']);
    expect(listOf(undefined)).toBe(listOf([]));
    expect(Object.isFrozen(listOf(undefined))).toBe(true);
    expect(listOf(undefined)).toEqual([]);
  });

  test('backends and matches without filters, headers or query parameters share the empty list; adding some makes a new one', () => {
    const a = Backend.fromServiceName('a', { port: 80 });
    const b = Backend.fromServiceName('b', { port: 80 });
    expect(a.filters).toBe(b.filters);
    const filtered = a.withFilters(Filter.requestHeaders({ set: { x: '1' } }));
    expect([a.filters.length, filtered.filters.length]).toEqual([0, 1]);
    expect(HttpMatch.pathPrefix('/a').headers).toEqual([]);
    expect(HttpMatch.pathPrefix('/a', { headers: [HeaderMatch.exact('x', '1')] }).headers.map((h) => h.name)).toEqual(['x']);
  });
});

describe('rootOf', () => {
  test('is the root of the tree, from any depth, without walking through node.root', () => {
    const { chart, gateway } = chartWithGateway();
    const app = chart.node.scope!;
    const deep = new HttpRoute(chart, 'R', { parents: [gateway] });
    const found = count(() => {
      expect(rootOf(deep)).toBe(app);
      expect(rootOf(deep.node.defaultChild!)).toBe(app);
      expect(rootOf(app)).toBe(app);
    });
    expect(found.scopes).toBe(0);
  });
});
