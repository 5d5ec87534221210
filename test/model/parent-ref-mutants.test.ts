import { normalizeParentRef, parentRefTargets, sameParentRef } from '../../src/model';

// Each field of a parentRef on its own decides whether it names a parent, or equals another entry.
describe('parentRef fields, one at a time', () => {
  test('normalizeParentRef leaves sectionName and port absent (not undefined keys) when not given', () => {
    const ref = normalizeParentRef({ name: 'gw' }, 'apps');
    expect(ref).toStrictEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'apps', name: 'gw' });
    expect('sectionName' in ref).toBe(false);
    expect('port' in ref).toBe(false);
    expect(Object.keys(normalizeParentRef({ name: 'gw', port: 443 }, 'apps'))).toEqual(['group', 'kind', 'namespace', 'name', 'port']);
    expect(Object.keys(normalizeParentRef({ name: 'gw', sectionName: 'https' }, 'apps'))).toEqual(['group', 'kind', 'namespace', 'name', 'sectionName']);
  });

  test('parentRefTargets: another group or another name is another parent', () => {
    const ref = normalizeParentRef({ name: 'gw' }, 'apps');
    const parent = { kind: 'Gateway', namespace: 'apps', name: 'gw' };
    expect(parentRefTargets(ref, parent)).toBe(true);
    expect(parentRefTargets(ref, { ...parent, group: 'gateway.networking.k8s.io' })).toBe(true);
    expect(parentRefTargets(ref, { ...parent, group: 'example.com' })).toBe(false);
    expect(parentRefTargets(ref, { ...parent, name: 'other' })).toBe(false);
    expect(parentRefTargets(normalizeParentRef({ name: 'gw', group: 'example.com' }, 'apps'), parent)).toBe(false);
  });

  test('sameParentRef: equal when all six fields are equal, different when any one field differs', () => {
    const base = normalizeParentRef({ name: 'gw', sectionName: 'http', port: 80 }, 'apps');
    expect(sameParentRef(base, { ...base })).toBe(true);
    expect(sameParentRef(normalizeParentRef({ name: 'gw' }, 'apps'), normalizeParentRef({ name: 'gw' }, 'apps'))).toBe(true);
    const changes: Record<string, object> = {
      group: { group: 'example.com' },
      kind: { kind: 'ListenerSet' },
      namespace: { namespace: 'infra' },
      name: { name: 'other' },
      sectionName: { sectionName: 'https' },
      port: { port: 443 },
    };
    for (const [field, change] of Object.entries(changes)) {
      const other = { ...base, ...change };
      expect([field, sameParentRef(base, other)]).toEqual([field, false]);
      expect([field, sameParentRef(other, base)]).toEqual([field, false]);
    }
    // a ref without sectionName/port is not the same entry as one with them
    expect(sameParentRef(normalizeParentRef({ name: 'gw' }, 'apps'), base)).toBe(false);
  });
});
