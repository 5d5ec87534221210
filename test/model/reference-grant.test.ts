import { isReferencePermitted } from '../../src/model';

describe('isReferencePermitted', () => {
  const from = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' };
  const svc = { group: '', kind: 'Service', namespace: 'backends', name: 'api' };
  const grant = (to: { group: string; kind: string; name?: string }, ns = 'backends', f = from) => ({ metadata: { namespace: ns }, spec: { from: [f], to: [to] } });

  test('same namespace needs no grant', () => {
    expect(isReferencePermitted(from, { ...svc, namespace: 'apps' }, [])).toBe(true);
  });
  test('cross namespace needs a grant in the target namespace', () => {
    expect(isReferencePermitted(from, svc, [])).toBe(false);
    expect(isReferencePermitted(from, svc, [grant({ group: '', kind: 'Service' })])).toBe(true);
    expect(isReferencePermitted(from, svc, [grant({ group: '', kind: 'Service' }, 'apps')])).toBe(false);
  });
  test('a named grant covers only that name; core and empty group are the same', () => {
    expect(isReferencePermitted(from, svc, [grant({ group: 'core', kind: 'Service', name: 'api' })])).toBe(true);
    expect(isReferencePermitted(from, svc, [grant({ group: '', kind: 'Service', name: 'other' })])).toBe(false);
  });
  test('the from entry must match kind and namespace', () => {
    expect(isReferencePermitted(from, svc, [grant({ group: '', kind: 'Service' }, 'backends', { ...from, kind: 'GRPCRoute' })])).toBe(false);
    expect(isReferencePermitted(from, svc, [grant({ group: '', kind: 'Service' }, 'backends', { ...from, namespace: 'x' })])).toBe(false);
  });
  test('a grant written without a namespace is in default: it permits references into default, and into no other namespace', () => {
    const toDefault = { ...svc, namespace: 'default' };
    const bare = (metadata?: { namespace?: string }) => ({ ...(metadata ? { metadata } : {}), spec: { from: [from], to: [{ group: '', kind: 'Service' }] } });
    for (const g of [bare(), bare({}), bare({ namespace: '' })]) {
      expect(isReferencePermitted(from, toDefault, [g])).toBe(true);
      expect(isReferencePermitted(from, svc, [g])).toBe(false);
    }
    expect(isReferencePermitted(from, toDefault, [bare({ namespace: 'backends' })])).toBe(false);
  });
});
