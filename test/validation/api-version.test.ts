import { validateObject } from '../../src/validation';

const obj = (apiVersion: string, kind: string, spec: any = {}): any => ({ apiVersion, kind, metadata: { name: 'x', namespace: 'apps' }, spec });

describe('served versions and kinds', () => {
  test('fails if a version is listed but not served, naming the version to use (api/version-not-served)', () => {
    const d = validateObject(obj('gateway.networking.k8s.io/v1alpha2', 'TCPRoute', { rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] }));
    expect(d).toEqual([{
      code: 'api/version-not-served',
      severity: 'error',
      object: { kind: 'TCPRoute', namespace: 'apps', name: 'x' },
      field: 'apiVersion',
      fix: 'set apiVersion to gateway.networking.k8s.io/v1, and make the changes the other diagnostics about this object name (it was checked against the v1 schema)',
      message: 'TCPRoute gateway.networking.k8s.io/v1alpha2 is not served by Gateway API v1.6.1 (standard channel): the CRD keeps v1alpha2 only to read ' +
        'old stored objects; use gateway.networking.k8s.io/v1 (the object was also checked against the v1 schema; see the other diagnostics for what else must change)',
    }]);
  });

  test('fails if the CRD does not define the version at all', () => {
    const [d] = validateObject(obj('gateway.networking.k8s.io/v1alpha2', 'GRPCRoute', { rules: [{ backendRefs: [{ name: 'g', port: 9000 }] }] }));
    expect(d.code).toBe('api/version-not-served');
    expect(d.message).toMatch(/^GRPCRoute gateway\.networking\.k8s\.io\/v1alpha2 is not served by Gateway API v1\.6\.1 \(standard channel\): the CRD serves only v1; use gateway\.networking\.k8s\.io\/v1/);
  });

  test('still validates the body against v1, showing what else must change', () => {
    const old = obj('gateway.networking.k8s.io/v1alpha3', 'BackendTLSPolicy', {
      targetRef: { group: '', kind: 'Service', name: 'api' }, tls: { caCertRefs: [{ name: 'ca', group: '', kind: 'ConfigMap' }], hostname: 'api.example.com' },
    });
    expect(validateObject(old).map((d) => `${d.code} ${d.field}`)).toEqual([
      'api/version-not-served apiVersion',
      'schema/required spec.targetRefs',
      'schema/required spec.validation',
      'schema/unknown-field spec.targetRef',
      'schema/unknown-field spec.tls',
    ]);
  });

  test('warns about a served older version (api/older-version)', () => {
    const grant = obj('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'a' }], to: [{ group: '', kind: 'Service' }] });
    expect(validateObject(grant)).toEqual([expect.objectContaining({
      code: 'api/older-version',
      severity: 'warning',
      message: expect.stringMatching(/^ReferenceGrant gateway\.networking\.k8s\.io\/v1beta1 is still served .* prefer gateway\.networking\.k8s\.io\/v1/),
    })]);
  });

  test('a null field of an object at a served older version is pruned and reported where it is', () => {
    const grant = obj('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'a' }], to: [{ group: '', kind: 'Service', name: null }] });
    expect(validateObject(grant).map((d) => `${d.code} ${d.field}`)).toEqual(['api/older-version apiVersion', 'schema/null-value spec.to[0].name']);
  });

  test('the experimental channel serves v1alpha2 TCPRoute, with a warning', () => {
    const d = validateObject(obj('gateway.networking.k8s.io/v1alpha2', 'TCPRoute', { rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] }), { channel: 'experimental' });
    expect(d.map((x) => `${x.severity} ${x.code}`)).toEqual(['warning api/older-version']);
  });

  test('fails on a kind the group does not have (api/unknown-kind)', () => {
    const [d] = validateObject(obj('gateway.networking.k8s.io/v1', 'HttpRoute'));
    expect(d.code).toBe('api/unknown-kind');
    expect(d.message).toMatch(/has no kind 'HttpRoute' in Gateway API v1\.6\.1 \(standard channel\); known kinds: BackendTLSPolicy, .*HTTPRoute/);
  });

  test('fails on something that is not an object, or has no apiVersion or kind', () => {
    expect(validateObject([1, 2])[0]).toEqual(expect.objectContaining({ code: 'object/not-an-object', message: expect.stringMatching(/got a list$/) }));
    expect(validateObject({ kind: 'HTTPRoute', metadata: { name: 'x' } })[0]).toEqual(expect.objectContaining({
      code: 'object/missing-type', message: expect.stringMatching(/^the object has no apiVersion/), object: { kind: 'HTTPRoute', name: 'x' },
    }));
  });

  test('objects of other API groups get only the metadata checks every object gets', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'apps' }, spec: { bogus: true } })).toEqual([]);
    expect(validateObject({ apiVersion: 'v1', kind: 'Service', metadata: {} }).map((d) => d.code)).toEqual(['metadata/name-required']);
    expect(validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Apps' } }).map((d) => d.code)).toEqual(['metadata/name-invalid']);
    expect(validateObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm', creationTimestamp: 'now' } }).map((d) => d.code))
      .toEqual(['metadata/creation-timestamp-invalid']);
  });
});
