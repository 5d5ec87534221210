import { X509Certificate, createPrivateKey, createPublicKey } from 'crypto';
import { selfSignedCertificate } from '../../src/testing/self-signed';

describe('selfSignedCertificate', () => {
  test('a parseable certificate for the names, signed by its own key, valid for a very long time', () => {
    const c = selfSignedCertificate('assumed infra/cert', ['*.example.com', 'api.example.org']);
    const x = new X509Certificate(c.certPem);
    expect(x.subject).toBe('CN=assumed infra/cert');
    expect(x.issuer).toBe(x.subject);
    expect(x.subjectAltName).toBe('DNS:*.example.com, DNS:api.example.org');
    expect(x.checkHost('shop.example.com')).toBe('*.example.com');
    expect(x.checkHost('api.example.org')).toBe('api.example.org');
    expect(x.checkHost('example.net')).toBeUndefined();
    expect(x.verify(x.publicKey)).toBe(true);
    expect(new Date(x.validFrom).getUTCFullYear()).toBe(2000);
    expect(new Date(x.validTo).getUTCFullYear()).toBe(9999);
    expect(x.ca).toBe(false);
    const key = createPrivateKey(c.keyPem);
    expect(createPublicKey(key).export({ format: 'der', type: 'spki' })).toEqual(x.publicKey.export({ format: 'der', type: 'spki' }));
  });

  test('deterministic: the same names give the same certificate, other names another', () => {
    expect(selfSignedCertificate('a', ['x.example.com']).certPem).toBe(selfSignedCertificate('a', ['x.example.com']).certPem);
    expect(selfSignedCertificate('a', ['y.example.com']).certPem).not.toBe(selfSignedCertificate('a', ['x.example.com']).certPem);
  });

  test('a CA certificate has basicConstraints cA and may have no names', () => {
    const x = new X509Certificate(selfSignedCertificate('assumed CA', [], true).certPem);
    expect(x.ca).toBe(true);
    expect(x.subjectAltName).toBeUndefined();
  });

  test('long names need multi-byte DER lengths', () => {
    const names = Array.from({ length: 40 }, (_, i) => `host-${i}.a-rather-long-domain-name.example.com`);
    expect(new X509Certificate(selfSignedCertificate('many', names).certPem).subjectAltName?.split(', ')).toHaveLength(40);
  });
});
