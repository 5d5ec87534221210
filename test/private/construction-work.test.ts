import { ApiObject, App } from 'cdk8s';
import { Backend, Filter, HeaderMatch, HttpMatch, HttpRoute, validateApp } from '../../src';
import { SynthValidation } from '../../src/synth-validation';
import { chartWithGateway, plainRule } from '../support/bench-routes';

/**
 * What building the L2 constructs allocates per rule and per backend: the synthesis benchmark builds 5,000
 * routes of two rules and four backends each, and every map, set and object made per rule is garbage the
 * collector then pays for (bench/README.md, fix 30). Counted, not timed: `Map` and `Set` are replaced by
 * counting subclasses while the routes are built.
 */
function countMapsAndSets(build: () => void): number {
  const realMap = globalThis.Map;
  const realSet = globalThis.Set;
  let made = 0;
  class CountingMap<K, V> extends realMap<K, V> {
    constructor(entries?: Iterable<readonly [K, V]> | null) {
      super(entries);
      made++;
    }
  }
  class CountingSet<T> extends realSet<T> {
    constructor(values?: Iterable<T> | null) {
      super(values);
      made++;
    }
  }
  globalThis.Map = CountingMap as MapConstructor;
  globalThis.Set = CountingSet as SetConstructor;
  try {
    build();
  } finally {
    globalThis.Map = realMap;
    globalThis.Set = realSet;
  }
  return made;
}


describe('building routes makes no map or set per rule, match or backend', () => {
  test('a route of 4 plain rules makes as many maps and sets as a route of 1', () => {
    // GIVEN
    const { chart, gateway } = chartWithGateway();
    // a first route declares the Services its backends name (the app's first sighting of each makes its entry)
    new HttpRoute(chart, 'First', { parents: [gateway], rules: [plainRule(9)] });
    // WHEN: the matches and backends are made inside the count too
    const one = countMapsAndSets(() => new HttpRoute(chart, 'One', { parents: [gateway], rules: [plainRule(0)] }));
    const four = countMapsAndSets(() => new HttpRoute(chart, 'Four', { parents: [gateway], rules: [0, 1, 2, 3].map(plainRule) }));
    // THEN (before: 2 per match for its header and query-parameter names, 1 per filter list: 5 per rule)
    expect(four - one).toBe(0);
    // and the routes are as valid as before
    expect(validateApp(chart.node.root as App).filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('the checks the skipped maps and sets made still throw: repeated header names, repeated filter kinds', () => {
    expect(() => HttpMatch.pathPrefix('/', { headers: [HeaderMatch.exact('X-A', '1'), HeaderMatch.exact('x-a', '2')] }))
      .toThrow(/headers must not repeat a name; 'X-A' and 'x-a' name the same entry/);
    const { chart, gateway } = chartWithGateway();
    const twice = Filter.requestHeaders({ set: { a: '1' } });
    expect(() => new HttpRoute(chart, 'R', { parents: [gateway], rules: [{ filters: [twice, Filter.requestHeaders({ set: { b: '2' } })] }] }))
      .toThrow(/rules\[0\]\.filters has more than one RequestHeaderModifier filter/);
    expect(() => new HttpRoute(chart, 'R2', {
      parents: [gateway],
      rules: [{ backends: [Backend.fromServiceName('web', { port: 80, filters: [twice, Filter.requestHeaders({ set: { b: '2' } })] })] }],
    })).toThrow(/rules\[0\]\.backends\[0\]\.filters has more than one RequestHeaderModifier filter/);
  });
});

describe('a Service named by many backends is declared external once', () => {
  test('4 routes of 2 backends each naming 2 Services in one namespace declare 2 external objects', () => {
    // GIVEN
    const { chart, gateway } = chartWithGateway();
    // WHEN
    for (let r = 0; r < 4; r++) new HttpRoute(chart, `R${r}`, { metadata: { namespace: 'apps' }, parents: [gateway], rules: [plainRule(r)] });
    // THEN (before: one per backend, 8)
    expect(SynthValidation.of(chart)._externalCount).toBe(2);
  });

  test('the same name in another namespace, or with no namespace, is another external object', () => {
    const { chart, gateway } = chartWithGateway();
    new HttpRoute(chart, 'A', { metadata: { namespace: 'apps' }, parents: [gateway], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    new HttpRoute(chart, 'B', { metadata: { namespace: 'other' }, parents: [gateway], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    new HttpRoute(chart, 'C', { parents: [gateway], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    new HttpRoute(chart, 'D', { parents: [gateway], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    expect(SynthValidation.of(chart)._externalCount).toBe(3);
  });
});

describe('only a backend made from a Service of the app has a port check to run at synthesis', () => {
  test('backends named by Service name run no check; one from an app Service runs one and still fails on a wrong port', () => {
    // GIVEN a route with two backends by name and one from a Service of the app that does not expose the port
    const { chart, gateway } = chartWithGateway();
    const svc = new ApiObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'app' }, spec: { ports: [{ port: 8080 }] } });
    new HttpRoute(chart, 'R', {
      parents: [gateway],
      rules: [{ backends: [Backend.fromServiceName('web', { port: 80 }), Backend.fromServiceName('web2', { port: 80 }), Backend.fromService(svc, { port: 80 })] }],
    });
    const spy = jest.spyOn(Backend.prototype, '_checkServicePort');
    try {
      // WHEN
      const found = validateApp(chart.node.root as App).filter((d) => d.code === 'xref/service-port-not-exposed');
      // THEN (before: one check per backend, 3)
      expect(spy).toHaveBeenCalledTimes(1);
      expect(found.map((d) => [d.source, d.field])).toEqual([['test/R', "rules[0].backends[2] (Service 'app')"]]);
    } finally {
      spy.mockRestore();
    }
  });
});
