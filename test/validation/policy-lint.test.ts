import { validateObject } from '../../src/validation';

const policy = (validation: object): any => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'BackendTLSPolicy',
  metadata: { name: 'p', namespace: 'apps' },
  spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', ...validation } },
});
const codes = (o: any) => validateObject(o).map((d) => d.code);

describe('BackendTLSPolicy wellKnownCACertificates (policy/well-known-ca-unrecognized)', () => {
  test('System, the one value Gateway API defines, is not reported', () => {
    expect(validateObject(policy({ wellKnownCACertificates: 'System' }))).toEqual([]);
  });

  test('an implementation-specific prefixed set is a warning naming the field and what an implementation that does not know it does', () => {
    expect(validateObject(policy({ wellKnownCACertificates: 'example.com/System' }))).toEqual([{
      code: 'policy/well-known-ca-unrecognized',
      severity: 'warning',
      object: { kind: 'BackendTLSPolicy', namespace: 'apps', name: 'p' },
      field: 'spec.validation.wellKnownCACertificates',
      fix: "use 'System', or caCertificateRefs naming a ConfigMap or Secret with the CA in 'ca.crt'",
      message: "'example.com/System' is an implementation-specific set of CA certificates (Gateway API defines only 'System'); an implementation that does not recognize it marks the policy Accepted=False (reason Invalid) and requests to the targeted Services fail with a 5xx",
    }]);
  });

  test('a value the CRD refuses (wrong case) is the schema error alone, not also this warning', () => {
    const c = codes(policy({ wellKnownCACertificates: 'system' }));
    expect(c).not.toContain('policy/well-known-ca-unrecognized');
    expect(c.some((x) => x.startsWith('schema/'))).toBe(true);
  });

  test('caCertificateRefs alone (no wellKnownCACertificates) is not reported', () => {
    expect(codes(policy({ caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] }))).not.toContain('policy/well-known-ca-unrecognized');
  });
});
