/** A throwaway self-signed certificate for *.example.com (EC P-256, generated for these tests; not secret). */
export const TEST_CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIBoTCCAUegAwIBAgIUYxvo2iHNApkVHGyz63R8ZsnthVswCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNKi5leGFtcGxlLmNvbTAgFw0yNjExMjYxNTUyNTdaGA8yMTI2
MTEwMjE1NTI1N1owGDEWMBQGA1UEAwwNKi5leGFtcGxlLmNvbTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABAaQBdb0+/xFTxuz4ZtAEvwUcaX6sI9iA3NtPRpIjFN4
FqWTLlzzcifWUIt0EaTDTjDnUPh5Nl1FLgUSqKqGFzijbTBrMB0GA1UdDgQWBBS6
2Bwr3kMR1KKyNQ9KRoMmvKy6wDAfBgNVHSMEGDAWgBS62Bwr3kMR1KKyNQ9KRoMm
vKy6wDAPBgNVHRMBAf8EBTADAQH/MBgGA1UdEQQRMA+CDSouZXhhbXBsZS5jb20w
CgYIKoZIzj0EAwIDSAAwRQIhANN9aWv/kRGcem97RjKcoNklrt3BgW1ti0wMNZKE
fL4oAiAV5sr3Z89XOoMtwvgEtme4snuSOVdMK8/TW6Jws3VNfw==
-----END CERTIFICATE-----\n`;
/** The private key of {@link TEST_CERT_PEM}. */
export const TEST_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAcWJPu0n56xOfUSY
hdQR9x2ChuwYsu0bBJPfFArEtR+hRANCAAQGkAXW9Pv8RU8bs+GbQBL8FHGl+rCP
YgNzbT0aSIxTeBalky5c83In1lCLdBGkw04w51D4eTZdRS4FEqiqhhc4
-----END PRIVATE KEY-----\n`;

/** A kubernetes.io/tls Secret holding the test certificate. */
export function tlsSecret(namespace: string, name: string): any {
  return { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { namespace, name }, data: { 'tls.crt': Buffer.from(TEST_CERT_PEM).toString('base64'), 'tls.key': Buffer.from(TEST_KEY_PEM).toString('base64') } };
}
