import { ObjectStore, ageDependsOnDocumentOrder, compareAge } from '../../src/testing/object-store';
import { resetWorkCounters, workCounters } from '../../src/validation/work-counters';

const doc = (name: string, creationTimestamp?: string) => ({ doc: { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'a', name, creationTimestamp } }, source: 'test', index: 0 });

describe('ObjectStore ages', () => {
  const store = new ObjectStore([doc('late'), doc('old', '2020-01-01T00:00:00Z'), doc('early'), doc('older', '2019-01-01T00:00:00Z')]);
  test('stamped objects first by time, then unstamped ones in document order', () => {
    expect(store.list('Service').map((o) => o.name)).toEqual(['older', 'old', 'late', 'early']);
  });
  test('document order is reported only between two unstamped objects', () => {
    const [older, old, late, early] = store.list('Service');
    expect(ageDependsOnDocumentOrder(late, early)).toBe(true);
    expect(ageDependsOnDocumentOrder(old, late)).toBe(false);
    expect(compareAge(older, old)).toBeLessThan(0);
  });
  test('an update keeps the age of the object it replaces', () => {
    const s = new ObjectStore([doc('x'), doc('y')]);
    s.apply(doc('x'));
    expect(s.list('Service').map((o) => o.name)).toEqual(['x', 'y']);
    expect(s.delete('Service', 'a', 'x')).toBe(true);
    expect(s.list('Service').map((o) => o.name)).toEqual(['y']);
  });
  test('fails if a creationTimestamp is not a time', () => {
    const s = new ObjectStore([doc('bad', 'yesterday')]);
    expect(s.diagnostics[0]).toMatchObject({ field: 'metadata.creationTimestamp', code: 'metadata/creation-timestamp-invalid', message: 'creationTimestamp "yesterday" is not an RFC 3339 time such as 2024-05-01T12:00:00Z' });
  });
});

describe('ObjectStore copies', () => {
  const G = 'gateway.networking.k8s.io/v1';
  let serial = 0;
  /** An HTTPRoute with a name no other test of the process uses (the admission cache is keyed by the document's text). */
  const route = (backend: Record<string, unknown> = {}) => ({
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace: 'apps', name: `copies-${++serial}` },
    spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'svc', port: 80, ...backend }] }] },
  });
  const sourced = (doc: object, index = 0) => ({ doc, source: 'test', index });
  beforeEach(() => resetWorkCounters());

  test('a Gateway API object is stored as admission\'s defaulted copy: defaults applied, status left out, nothing shared with the caller\'s object', () => {
    // GIVEN
    const doc = { ...route(), status: { parents: [] } };
    // WHEN
    const store = new ObjectStore([sourced(doc)]);
    // THEN
    const obj = store.list('HTTPRoute')[0].obj as any;
    expect(workCounters.admittedWithoutRoundTrip).toBe(1);
    expect(obj.spec.rules[0].backendRefs[0]).toEqual({ name: 'svc', port: 80, group: '', kind: 'Service', weight: 1 });
    expect(obj.status).toBeUndefined();
    expect('status' in doc).toBe(true);
    expect(obj).not.toBe(doc);
    expect(obj.spec).not.toBe(doc.spec);
    expect(obj.spec.rules[0].backendRefs[0]).not.toBe(doc.spec.rules[0].backendRefs[0]);
    expect(obj.spec.parentRefs[0]).not.toBe(doc.spec.parentRefs[0]);
    expect(obj.metadata).not.toBe(doc.metadata);
  });

  test('an object whose copy holds undefined or -0 is stored as its JSON round trip: the key is absent, the number is 0', () => {
    // GIVEN
    const doc = route({ weight: -0, namespace: undefined });
    // WHEN
    const store = new ObjectStore([sourced(doc)]);
    // THEN
    const ref = (store.list('HTTPRoute')[0].obj as any).spec.rules[0].backendRefs[0];
    expect(store.diagnostics).toEqual([]);
    expect(workCounters.admittedWithoutRoundTrip).toBe(0);
    expect('namespace' in ref).toBe(false);
    expect(Object.is(ref.weight, 0)).toBe(true);
  });

  test('a kind without defaults (a Service) is stored as a copy, not the caller\'s object', () => {
    // GIVEN
    const doc = { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: `copies-svc-${++serial}` }, spec: { ports: [{ port: 80 }] } };
    // WHEN
    const store = new ObjectStore([sourced(doc)]);
    // THEN
    const obj = store.list('Service')[0].obj as any;
    expect(workCounters.admittedWithoutRoundTrip).toBe(0);
    expect(obj).toEqual(doc);
    expect(obj).not.toBe(doc);
    expect(obj.spec).not.toBe(doc.spec);
    expect(obj.spec.ports[0]).not.toBe(doc.spec.ports[0]);
  });

  test('the same document in two stores: the second is admitted from the cache, each store with its own copy', () => {
    // GIVEN
    const doc = route();
    // WHEN
    const a = new ObjectStore([sourced(doc)]).list('HTTPRoute')[0].obj as any;
    const b = new ObjectStore([sourced(doc)]).list('HTTPRoute')[0].obj as any;
    // THEN
    expect(workCounters.admissionsReused).toBe(1);
    expect(workCounters.admittedWithoutRoundTrip).toBe(1);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    expect(b.spec.rules[0].backendRefs[0]).not.toBe(a.spec.rules[0].backendRefs[0]);
  });

  test('a refused object is stored neither the first time nor from the cache', () => {
    const doc = route({ port: 0 });
    for (let i = 0; i < 2; i++) {
      const store = new ObjectStore([sourced(doc)]);
      expect(store.list('HTTPRoute')).toEqual([]);
      expect(store.diagnostics.map((d) => d.field)).toEqual(['spec.rules[0].backendRefs[0].port']);
    }
    expect(workCounters.admissionsReused).toBe(1);
    expect(workCounters.admittedWithoutRoundTrip).toBe(0);
  });

  test('a store checks objects against its channel: an experimental-only field is refused by a standard store', () => {
    const doc = { ...route(), spec: { parentRefs: [{ name: 'gw' }], rules: [{ retry: { attempts: 2 }, backendRefs: [{ name: 'svc', port: 80 }] }] } };
    expect(new ObjectStore([sourced(doc)], [], 'standard').list('HTTPRoute')).toEqual([]);
    expect(new ObjectStore([sourced(doc)], [], 'experimental').list('HTTPRoute')).toHaveLength(1);
  });
});

describe('ObjectStore admission cache', () => {
  /** A fresh copy of the store's module (an empty cache) and of the counters it counts with. */
  const fresh = () => {
    let m: { ObjectStore: typeof ObjectStore; workCounters: typeof workCounters } | undefined;
    jest.isolateModules(() => {
      m = { ObjectStore: require('../../src/testing/object-store').ObjectStore, workCounters: require('../../src/validation/work-counters').workCounters };
    });
    return m!;
  };
  const namespaces = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ doc: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `cache-${i}` } }, source: 'test', index: i }));

  test('holds 2,000 checks: the 2,001st clears it, so a check from before is made again', () => {
    // GIVEN a load of 2,000 documents (the most the cache takes), then one more document
    const { ObjectStore: Store, workCounters: counters } = fresh();
    const docs = namespaces(2001);
    new Store(docs.slice(0, 2000));
    new Store([docs[2000]]);
    // WHEN the first and the last document come again
    new Store([docs[0]]);
    new Store([docs[2000]]);
    // THEN the first is checked again (the cache was cleared), the last is not
    expect(counters.admissionsReused).toBe(1);
  });

  test('until it is full, every check of a load is kept', () => {
    const { ObjectStore: Store, workCounters: counters } = fresh();
    const docs = namespaces(2000);
    new Store(docs);
    expect(counters.admissionsReused).toBe(0);
    new Store([docs[0], docs[1998], docs[1999]]);
    expect(counters.admissionsReused).toBe(3);
  });

  test('a load of more documents than the cache holds leaves nothing in it', () => {
    const { ObjectStore: Store, workCounters: counters } = fresh();
    const docs = namespaces(2001);
    const big = new Store(docs);
    new Store([docs[0], docs[2000]]);
    expect(counters.admissionsReused).toBe(0);
    // Every object of the big load is stored all the same.
    expect(big.list('Namespace').map((o) => o.obj.metadata.name)).toEqual(docs.map((d) => d.doc.metadata.name));
  });
});
