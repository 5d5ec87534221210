import { ObjectStore, ageDependsOnDocumentOrder, compareAge } from '../../src/testing/object-store';

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
