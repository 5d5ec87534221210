import { DataPlane } from '../../src/testing';
import { SubtreeSharing, sameParts } from '../../src/testing/shared-subtrees';
import { resetWorkCounters, workCounters } from '../../src/validation/work-counters';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('SubtreeSharing', () => {
  beforeEach(() => resetWorkCounters());

  test('an equal part of a later object becomes the earlier object\'s part; the objects themselves stay distinct', () => {
    // GIVEN
    const part = { name: 'svc', port: 80, weight: 1, filters: [{ type: 'X', x: { set: [{ name: 'a', value: 'b' }] } }] };
    const first = { spec: { backendRefs: [clone(part)] } };
    const second = { spec: { backendRefs: [clone(part)] } };
    const sharing = new SubtreeSharing(2);
    // WHEN
    const a = sharing.shareParts(first);
    const b = sharing.shareParts(second);
    // THEN
    expect(a).toBe(first);
    expect(b).toBe(second);
    expect(b).not.toBe(a);
    expect(b.spec).toBe(a.spec);
    expect(b).toEqual({ spec: { backendRefs: [part] } });
    // Each equal part is replaced on the way up, nested ones included: spec, backendRefs, the ref, filters, the
    // filter, x, set and its entry.
    expect(workCounters.partsShared).toBe(8);
  });

  test('the largest equal part is shared, and only the part that is equal', () => {
    // GIVEN
    const sharing = new SubtreeSharing(2);
    const a = sharing.shareParts({ spec: { parentRefs: [{ name: 'gw', kind: 'Gateway' }], rules: [{ backendRefs: [{ name: 'one', port: 80 }] }] } });
    // WHEN
    const b = sharing.shareParts({ spec: { parentRefs: [{ name: 'gw', kind: 'Gateway' }], rules: [{ backendRefs: [{ name: 'two', port: 80 }] }] } });
    // THEN
    expect(b.spec.parentRefs).toBe(a.spec.parentRefs);
    expect(b.spec).not.toBe(a.spec);
    expect(b.spec.rules).not.toBe(a.spec.rules);
    expect(b.spec.rules[0].backendRefs[0]).not.toBe(a.spec.rules[0].backendRefs[0]);
    expect(b.spec.rules[0].backendRefs[0].name).toBe('two');
  });

  test.each([
    ['a value differs', { a: 1, b: 'x' }, { a: 1, b: 'y' }],
    ['a number differs', { port: 80 }, { port: 81 }],
    ['a number and its text', { port: 80 }, { port: '80' }],
    ['true and false', { on: true }, { on: false }],
    ['null and a string', { v: null }, { v: 'null' }],
    ['the keys are in another order', { a: 1, b: 2 }, { b: 2, a: 1 }],
    ['one has a key more', { a: 1 }, { a: 1, b: 2 }],
    ['one has a key less', { a: 1, b: 2 }, { a: 1 }],
    ['a key differs', { a: 1 }, { b: 1 }],
    ['an array and an object with the same indexes', [1, 2], { 0: 1, 1: 2 }],
    ['arrays of different lengths', [1, 2], [1, 2, 2]],
    ['arrays in another order', [1, 2], [2, 1]],
    ['a fraction differs', { f: 0.5 }, { f: 0.25 }],
    ['a nested part differs', { m: { path: { type: 'Exact', value: '/a' } } }, { m: { path: { type: 'Exact', value: '/b' } } }],
  ])('parts are not shared when %s', (_what, left, right) => {
    const sharing = new SubtreeSharing(2);
    const a = sharing.shareParts({ part: left });
    const b = sharing.shareParts({ part: right });
    expect(b.part).not.toBe(a.part);
    expect(b.part).toEqual(right);
    expect(workCounters.partsShared).toBe(0);
  });

  test('two equal parts of one object stay two objects (the plane keys state by a backendRef\'s identity within a route)', () => {
    // GIVEN
    const ref = { name: 'svc', port: 80 };
    const sharing = new SubtreeSharing(1);
    // WHEN
    const one = sharing.shareParts({ rules: [{ backendRefs: [clone(ref)] }, { backendRefs: [clone(ref)] }] });
    // THEN
    expect(one.rules[1].backendRefs[0]).not.toBe(one.rules[0].backendRefs[0]);
    expect(one.rules[1]).not.toBe(one.rules[0]);
    expect(workCounters.partsShared).toBe(0);
  });

  test('a part shared from an earlier object is not shared again within the object, not even as the child of a shared part', () => {
    // GIVEN
    const sharing = new SubtreeSharing(2);
    const first = sharing.shareParts({ p: { a: { x: 1 } } });
    // WHEN
    const second = sharing.shareParts({ p: { a: { x: 1 } }, q: { x: 1 } });
    // THEN
    expect(second.p).toBe(first.p);
    expect(second.q).toEqual({ x: 1 });
    expect(second.q).not.toBe(first.p.a);
  });

  test('an equal part of a third object is shared with the first object that held it', () => {
    const sharing = new SubtreeSharing(3);
    const objects = [0, 1, 2].map(() => sharing.shareParts({ labels: { app: 'web' } }));
    expect(objects[1].labels).toBe(objects[0].labels);
    expect(objects[2].labels).toBe(objects[0].labels);
    expect(workCounters.partsShared).toBe(2);
  });

  test('scalars and empty containers at the top are given back as they are', () => {
    const sharing = new SubtreeSharing(1);
    expect(sharing.shareParts('text')).toBe('text');
    expect(sharing.shareParts(null)).toBeNull();
    const empty = {};
    expect(sharing.shareParts(empty)).toBe(empty);
  });

  test('the table is bounded: with more distinct parts than slots, equal parts still come out equal, some shared', () => {
    // GIVEN a 256-slot table (one document) and 2,000 distinct parts between two sightings of each
    const sharing = new SubtreeSharing(1);
    const make = (i: number) => ({ part: { name: `svc-${i}`, port: i } });
    const first = Array.from({ length: 2000 }, (_, i) => sharing.shareParts(make(i)));
    // WHEN
    const second = Array.from({ length: 2000 }, (_, i) => sharing.shareParts(make(i)));
    // THEN every object is equal to what it was given, and fewer parts than objects were shared (others were evicted)
    second.forEach((o, i) => expect(o).toEqual(make(i)));
    const shared = second.filter((o, i) => o.part === first[i].part).length;
    expect(workCounters.partsShared).toBe(shared);
    expect(shared).toBeGreaterThan(0);
    expect(shared).toBeLessThan(2000);
  });
});

describe('SubtreeSharing table size', () => {
  test.each([
    [0, 256],
    [1, 256],
    [4, 256],
    [5, 512],
    [8, 512],
    [9, 1024],
    [1023, 65536],
    [1024, 65536],
    [1025, 65536],
    [100000, 65536],
  ])('%d documents: %d slots (64 per document, a power of two between 256 and 65,536)', (documents, slots) => {
    expect(new SubtreeSharing(documents).size).toBe(slots);
  });
});

describe('SubtreeSharing spreads parts over its table', () => {
  beforeEach(() => resetWorkCounters());

  // With a hash that tells the parts apart, a part keeps its slot until another part's hash falls on it: of 100
  // distinct parts in 256 slots, about two thirds (255/256 to the 99th power) are still there on their second
  // sighting. A hash that gives a few values for all of them keeps only a few.
  test.each([
    ['integers', (i: number) => ({ port: i + 1 })],
    // Equal modulo 2 ** 32, so a hash of their 32-bit truncation would not tell them apart.
    ['integers beyond 32 bits', (i: number) => ({ big: (i + 1) * 2 ** 32 + 5 })],
    ['fractions of one integer part', (i: number) => ({ weight: 1 + i / 1000 })],
    ['strings', (i: number) => ({ name: `svc-${i}` })],
    ['keys', (i: number) => ({ [`k${i}`]: true })],
    ['array elements', (i: number) => ({ list: [`v${i}`] })],
  ])('parts that differ in %s', (_what, make) => {
    const sharing = new SubtreeSharing(4);
    for (let i = 0; i < 100; i++) sharing.shareParts({ p: make(i) });
    for (let i = 0; i < 100; i++) sharing.shareParts({ p: make(i) });
    expect(workCounters.partsShared).toBeGreaterThan(45);
  });

  test('booleans and null: parts that differ only there are still told apart and shared', () => {
    const sharing = new SubtreeSharing(1);
    const values = [true, false, null, 'x'];
    const first = values.map((v) => sharing.shareParts({ p: { v } }));
    const second = values.map((v) => sharing.shareParts({ p: { v } }));
    second.forEach((o, i) => expect(o.p).toBe(first[i].p));
  });
});

describe('sameParts', () => {
  const shared = { x: 1 };
  test.each([
    ['equal arrays', [1, 'a', shared], [1, 'a', shared], true],
    ['empty arrays', [], [], true],
    ['equal objects', { a: 1, b: shared }, { a: 1, b: shared }, true],
    ['empty objects', {}, {}, true],
    ['arrays of another length', [1, 2], [1, 2, 3], false],
    ['a longer first array', [1, 2, 3], [1, 2], false],
    ['arrays with another last element', [1, 2], [1, 3], false],
    ['arrays with another first element', [0, 2], [1, 2], false],
    ['equal-looking children that are not the same object', [{ x: 1 }], [{ x: 1 }], false],
    ['an array and an object with its indexes', [1, 2], { 0: 1, 1: 2, length: 2 }, false],
    ['an object and an array', { 0: 1, 1: 2 }, [1, 2], false],
    ['objects with a key more', { a: 1 }, { a: 1, b: 2 }, false],
    ['objects with a key less', { a: 1, b: 2 }, { a: 1 }, false],
    ['objects with the keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }, false],
    ['objects with another last value', { a: 1, b: 2 }, { a: 1, b: 3 }, false],
    ['objects with another key and the same value', { a: 1, b: 2 }, { a: 1, c: 2 }, false],
    ['objects whose second has an undefined-valued key the first lacks', { a: 1 }, { b: undefined }, false],
  ])('%s: %s', (_what, a, b, same) => {
    expect(sameParts(a as object, b as object)).toBe(same);
  });
});

describe('the data plane stores equal parts once', () => {
  const G = 'gateway.networking.k8s.io/v1';
  const route = (name: string, backend: string) => ({
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace: 'apps', name },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/a' } }], backendRefs: [{ name: backend, port: 80 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/b' } }], backendRefs: [{ name: backend, port: 80 }] },
      ],
    },
  });
  const gateway = {
    apiVersion: G,
    kind: 'Gateway',
    metadata: { namespace: 'infra', name: 'gw' },
    spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
  };

  test('routes naming the same parent share its parentRefs; decisions and status are those of unshared objects', () => {
    // GIVEN
    resetWorkCounters();
    const plane = DataPlane.fromManifests([gateway, route('r1', 'one'), route('r2', 'two')], { assumeMissing: true });
    const routes = (plane as any).store.list('HTTPRoute').map((o: any) => o.obj);
    // THEN
    expect(routes[1].spec.parentRefs).toBe(routes[0].spec.parentRefs);
    expect(routes[1].spec.rules).not.toBe(routes[0].spec.rules);
    // Within one route, the two equal backendRefs stay two objects.
    expect(routes[0].spec.rules[1].backendRefs[0]).not.toBe(routes[0].spec.rules[0].backendRefs[0]);
    expect(workCounters.partsShared).toBeGreaterThan(0);
    expect(plane.diagnostics).toEqual([]);
    for (const [name, backend] of [['r1', 'one'], ['r2', 'two']]) {
      expect(plane.status('HTTPRoute', 'apps', name)!.parents[0].conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Accepted=True', 'ResolvedRefs=True']);
      void backend;
    }
    const d = plane.http({ gateway: 'infra/gw', host: 'x.example.com', path: '/b' });
    expect(d.outcome).toBe('forwarded');
  });
});
