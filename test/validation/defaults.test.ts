import { applyDefaults } from '../../src/validation';

describe('applyDefaults', () => {
  test('fills absent properties at every depth, including inside array items and defaulted values', () => {
    // GIVEN an HTTPRoute with a rule without matches and a bare parentRef and backendRef
    const input = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r' },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }, { matches: [{ headers: [{ name: 'x', value: 'y' }] }] }] },
    };
    // WHEN defaulted
    const out: any = applyDefaults(input);
    // THEN the API server's defaults are there, and the input is untouched
    expect(out.spec.parentRefs[0]).toEqual({ name: 'gw', group: 'gateway.networking.k8s.io', kind: 'Gateway' });
    expect(out.spec.rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);
    expect(out.spec.rules[0].backendRefs[0]).toEqual({ name: 'api', port: 80, group: '', kind: 'Service', weight: 1 });
    expect(out.spec.rules[1].matches[0]).toEqual({ headers: [{ name: 'x', value: 'y', type: 'Exact' }], path: { type: 'PathPrefix', value: '/' } });
    expect(input.spec.rules[0]).toEqual({ backendRefs: [{ name: 'api', port: 80 }] });
  });

  test('an absent spec.rules gets the default rule, and given values are kept', () => {
    const out: any = applyDefaults({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { parentRefs: [{ name: 'gw', kind: 'ListenerSet' }] } });
    expect(out.spec.rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }]);
    expect(out.spec.parentRefs[0].kind).toBe('ListenerSet');
  });

  test('Gateway listeners get allowedRoutes Same, and TLS mode Terminate', () => {
    const out: any = applyDefaults({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'g' },
      spec: { gatewayClassName: 'c', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } }] },
    });
    expect(out.spec.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Same' } });
    expect(out.spec.listeners[0].tls.mode).toBe('Terminate');
    expect(out.spec.listeners[0].tls.certificateRefs[0]).toEqual({ name: 'cert', group: '', kind: 'Secret' });
  });

  test('a Gateway without status gets the initial status the CRD defines', () => {
    const out: any = applyDefaults({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { gatewayClassName: 'c', listeners: [] } });
    expect(out.status.conditions.map((c: any) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Accepted=Unknown/Pending', 'Programmed=Unknown/Pending']);
  });

  test('null fields are dropped and then defaulted', () => {
    const out: any = applyDefaults({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { parentRefs: [{ name: 'gw', kind: null }], hostnames: null } });
    expect(out.spec.parentRefs[0].kind).toBe('Gateway');
    expect('hostnames' in out.spec).toBe(false);
  });

  test('objects of other kinds come back as an unchanged copy', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } };
    const out = applyDefaults(svc);
    expect(out).toEqual(svc);
    expect(out).not.toBe(svc);
    expect(applyDefaults('text')).toBe('text');
  });

  test('the experimental channel applies its own defaults', () => {
    const obj = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { rules: [{ sessionPersistence: { sessionName: 's' } }] } };
    const out: any = applyDefaults(obj, { channel: 'experimental' });
    expect(out.spec.rules[0].sessionPersistence.type).toBe('Cookie');
  });
});
