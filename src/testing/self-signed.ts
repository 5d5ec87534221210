import { createHash, createPrivateKey, createPublicKey, sign } from 'crypto';

/**
 * Self-signed X.509 certificates for stand-in objects, made with node:crypto
 * alone (Node 20 parses certificates but cannot issue them, so the DER is
 * encoded here). Ed25519 keys derived from the certificate's names and
 * Ed25519's deterministic signatures make the output identical for the same
 * names on every run, so snapshots of assumed objects are stable. These are
 * test fixtures: the private key is derivable from the names and is no secret.
 */
interface SelfSignedCertificate {
  /** The certificate, PEM. */
  readonly certPem: string;
  /** The private key, PKCS#8 PEM. */
  readonly keyPem: string;
}

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const ED25519 = '1.3.101.112';
const COMMON_NAME = '2.5.4.3';
const SUBJECT_ALT_NAME = '2.5.29.17';
const BASIC_CONSTRAINTS = '2.5.29.19';

function name(cn: string): Buffer {
  return seq(set(seq(oid(COMMON_NAME), tlv(0x0c, Buffer.from(cn, 'utf8')))));
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/**
 * A self-signed certificate for `dnsNames` (subjectAltName DNS entries;
 * wildcards such as `*.example.com` allowed), with `commonName` as subject
 * and issuer. Valid from 2000-01-01 to 9999-12-31. `ca` marks it as a CA
 * certificate (basicConstraints cA), for stand-in CA bundles.
 */
export function selfSignedCertificate(commonName: string, dnsNames: readonly string[], ca = false): SelfSignedCertificate {
  const seed = createHash('sha256').update(`cdk8s-gateway-api assumed\n${commonName}\n${dnsNames.join('\n')}\n${ca}`).digest();
  // PKCS#8 wrapping of an Ed25519 seed (RFC 8410).
  const pkcs8 = seq(tlv(0x02, Buffer.from([0])), seq(oid(ED25519)), tlv(0x04, tlv(0x04, seed)));
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' }) as Buffer;
  const serial = Buffer.concat([Buffer.from([0x01]), seed.subarray(0, 15)]);
  const extensions: Buffer[] = [];
  if (dnsNames.length > 0) {
    const names = seq(...dnsNames.map((d) => tlv(0x82, Buffer.from(d, 'ascii'))));
    extensions.push(seq(oid(SUBJECT_ALT_NAME), tlv(0x04, names)));
  }
  if (ca) extensions.push(seq(oid(BASIC_CONSTRAINTS), tlv(0x01, Buffer.from([0xff])), tlv(0x04, seq(tlv(0x01, Buffer.from([0xff]))))));
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    seq(oid(ED25519)),
    name(commonName),
    seq(tlv(0x17, Buffer.from('000101000000Z', 'ascii')), tlv(0x18, Buffer.from('99991231235959Z', 'ascii'))),
    name(commonName),
    spki,
    ...(extensions.length ? [tlv(0xa3, seq(...extensions))] : []),
  );
  const signature = sign(null, tbs, key);
  const cert = seq(tbs, seq(oid(ED25519)), tlv(0x03, Buffer.from([0]), signature));
  return { certPem: pem('CERTIFICATE', cert), keyPem: pem('PRIVATE KEY', pkcs8) };
}
