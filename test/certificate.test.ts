import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { CaCertificate, Certificate } from '../src';

describe('Certificate', () => {
  test('fromSecretName renders name, and namespace only when given', () => {
    expect(Certificate.fromSecretName('tls')._render('apps')).toEqual({ name: 'tls' });
    expect(Certificate.fromSecretName('tls', { namespace: 'apps' })._render('apps')).toEqual({ name: 'tls', namespace: 'apps' });
  });

  test('fromSecret reads name and namespace from any Secret construct, writing the namespace only when it differs', () => {
    const chart = Testing.chart();
    const secret = new kplus.Secret(chart, 'Tls', { metadata: { name: 'tls', namespace: 'certs' } });
    const cert = Certificate.fromSecret(secret);
    expect([cert.group, cert.kind, cert.name, cert.namespace]).toEqual(['', 'Secret', 'tls', 'certs']);
    expect(cert._render('certs')).toEqual({ name: 'tls' });
    expect(cert._render('apps')).toEqual({ name: 'tls', namespace: 'certs' });
  });

  test('custom writes group and kind', () => {
    expect(Certificate.custom({ group: 'example.com', kind: 'Cert', name: 'c' })._render(undefined)).toEqual({ group: 'example.com', kind: 'Cert', name: 'c' });
  });

  test('fails if the construct is not a Secret', () => {
    const chart = Testing.chart();
    const cm = new kplus.ConfigMap(chart, 'Cm');
    expect(() => Certificate.fromSecret(cm)).toThrow(/Certificate.fromSecret\(\): 'test\/Cm' is a v1 ConfigMap; expected a core Secret/);
  });

  test('fails if the namespace is malformed', () => {
    expect(() => Certificate.fromSecretName('tls', { namespace: 'Bad' })).toThrow(/namespace "Bad" is invalid/);
  });
});

describe('CaCertificate', () => {
  test('renders group and kind always', () => {
    expect(CaCertificate.fromConfigMapName('ca')._render('apps')).toEqual({ group: '', kind: 'ConfigMap', name: 'ca' });
    expect(CaCertificate.fromSecretName('ca', { namespace: 'pki' })._render('apps')).toEqual({ group: '', kind: 'Secret', name: 'ca', namespace: 'pki' });
    expect(CaCertificate.custom({ group: 'example.com', kind: 'Bundle', name: 'b' })._renderLocal()).toEqual({ group: 'example.com', kind: 'Bundle', name: 'b' });
  });

  test('fromConfigMap and fromSecret read constructs', () => {
    const chart = Testing.chart();
    const cm = new kplus.ConfigMap(chart, 'Ca', { metadata: { name: 'ca' } });
    expect(CaCertificate.fromConfigMap(cm)._renderLocal()).toEqual({ group: '', kind: 'ConfigMap', name: 'ca' });
    const secret = new kplus.Secret(chart, 'S', { metadata: { name: 's' } });
    expect(CaCertificate.fromSecret(secret).kind).toBe('Secret');
  });

  test('fails if the kind is malformed', () => {
    expect(() => CaCertificate.custom({ group: '', kind: 'no space', name: 'x' })).toThrow(/kind "no space" is invalid/);
  });
});
