import { isReferencePermitted, normalizeGroup } from '../../src/model';

describe('isReferencePermitted: each field of a from and a to entry counts', () => {
  const route = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' };
  const svc = { group: '', kind: 'Service', namespace: 'backends', name: 'api' };
  const fromEntry = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' };
  const toService = { group: '', kind: 'Service' };
  const grant = (spec: { from?: object[]; to?: object[] }) => ({ metadata: { namespace: 'backends' }, spec: spec as never });

  test('normalizeGroup: absent and core are the core group ""; any other group is kept', () => {
    expect(normalizeGroup(undefined)).toBe('');
    expect(normalizeGroup('core')).toBe('');
    expect(normalizeGroup('')).toBe('');
    expect(normalizeGroup('gateway.networking.k8s.io')).toBe('gateway.networking.k8s.io');
    expect(normalizeGroup('Core')).toBe('Core');
  });

  test('a from entry of another group does not match the referrer', () => {
    expect(isReferencePermitted(route, svc, [grant({ from: [{ ...fromEntry, group: 'example.com' }], to: [toService] })])).toBe(false);
    expect(isReferencePermitted(route, svc, [grant({ from: [{ ...fromEntry, group: '' }], to: [toService] })])).toBe(false);
    expect(isReferencePermitted(route, svc, [grant({ from: [fromEntry], to: [toService] })])).toBe(true);
  });

  test('a to entry must match both group and kind', () => {
    // right kind, wrong group
    expect(isReferencePermitted(route, svc, [grant({ from: [fromEntry], to: [{ group: 'example.com', kind: 'Service' }] })])).toBe(false);
    // right group, wrong kind
    expect(isReferencePermitted(route, svc, [grant({ from: [fromEntry], to: [{ group: '', kind: 'Secret' }] })])).toBe(false);
    // a Gateway-group target is not matched by a core entry of the same kind
    const gw = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'backends', name: 'g' };
    expect(isReferencePermitted(route, gw, [grant({ from: [fromEntry], to: [{ group: '', kind: 'Gateway' }] })])).toBe(false);
    expect(isReferencePermitted(route, gw, [grant({ from: [fromEntry], to: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway' }] })])).toBe(true);
  });

  test('a to entry written without a group means the core group', () => {
    expect(isReferencePermitted(route, svc, [grant({ from: [fromEntry], to: [{ kind: 'Service' }] })])).toBe(true);
    expect(isReferencePermitted(route, { ...svc, group: 'core' }, [grant({ from: [fromEntry], to: [{ kind: 'Service' }] })])).toBe(true);
  });

  test('one matching entry among several is enough, in from and in to', () => {
    const otherFrom = { ...fromEntry, kind: 'GRPCRoute' };
    const otherTo = { group: '', kind: 'Secret' };
    expect(isReferencePermitted(route, svc, [grant({ from: [otherFrom, fromEntry], to: [toService] })])).toBe(true);
    expect(isReferencePermitted(route, svc, [grant({ from: [fromEntry], to: [otherTo, toService] })])).toBe(true);
    expect(isReferencePermitted(route, svc, [grant({ from: [otherFrom], to: [otherTo, toService] })])).toBe(false);
  });

  test('an empty name in a to entry covers every object of the kind, like an absent one', () => {
    expect(isReferencePermitted(route, svc, [grant({ from: [fromEntry], to: [{ ...toService, name: '' }] })])).toBe(true);
    expect(isReferencePermitted(route, svc, [grant({ from: [fromEntry], to: [{ ...toService, name: 'api' }] })])).toBe(true);
    expect(isReferencePermitted(route, svc, [grant({ from: [fromEntry], to: [{ ...toService, name: 'ap' }] })])).toBe(false);
  });

  test('a grant without spec, or without from or to, permits nothing (and does not throw)', () => {
    expect(isReferencePermitted(route, svc, [{ metadata: { namespace: 'backends' } }])).toBe(false);
    expect(isReferencePermitted(route, svc, [grant({ to: [toService] })])).toBe(false);
    expect(isReferencePermitted(route, svc, [grant({ from: [fromEntry] })])).toBe(false);
    // a later valid grant still permits
    expect(isReferencePermitted(route, svc, [{ metadata: { namespace: 'backends' } }, grant({ from: [fromEntry], to: [toService] })])).toBe(true);
  });
});
