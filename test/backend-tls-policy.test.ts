import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { BackendTlsPolicy, BackendTlsTrust, CaCertificate, PolicyTarget, SubjectAltName } from '../src';

function setup() {
  return new Chart(Testing.app(), 'c', { namespace: 'production' });
}

const trust = BackendTlsTrust.caCertificates(CaCertificate.fromConfigMapName('ca'));

describe('BackendTlsPolicy', () => {
  test('renders targets, trust, hostname, subjectAltNames and options', () => {
    // GIVEN
    const chart = setup();
    const svc = new kplus.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 443, name: 'https' }] });
    // WHEN
    const policy = new BackendTlsPolicy(chart, 'Policy', {
      metadata: { name: 'p' },
      targets: [PolicyTarget.fromService(svc, { sectionName: 'https' })],
      hostname: 'api.internal',
      trust: BackendTlsTrust.system(),
      subjectAltNames: [SubjectAltName.hostname('api.internal')],
      options: { 'example.com/min-tls': '1.3' },
    });
    policy.addTargets(PolicyTarget.custom({ group: 'example.com', kind: 'Backend', name: 'legacy' }));
    policy.addSubjectAltNames(SubjectAltName.uri('spiffe://cluster.local/ns/production/sa/api'));
    // THEN
    expect(Testing.synth(chart).find(o => o.kind === 'BackendTLSPolicy').spec).toEqual({
      targetRefs: [
        { group: '', kind: 'Service', name: 'api', sectionName: 'https' },
        { group: 'example.com', kind: 'Backend', name: 'legacy' },
      ],
      validation: {
        wellKnownCACertificates: 'System',
        hostname: 'api.internal',
        subjectAltNames: [{ type: 'Hostname', hostname: 'api.internal' }, { type: 'URI', uri: 'spiffe://cluster.local/ns/production/sa/api' }],
      },
      options: { 'example.com/min-tls': '1.3' },
    });
    expect(policy.targets).toHaveLength(2);
  });

  test('renders CA bundles as local references', () => {
    const chart = setup();
    const cm = new kplus.ConfigMap(chart, 'Ca', { metadata: { name: 'ca-from-construct' } });
    new BackendTlsPolicy(chart, 'Policy', {
      targets: [PolicyTarget.fromServiceName('api')],
      hostname: 'api.internal',
      trust: BackendTlsTrust.caCertificates(CaCertificate.fromConfigMapName('ca', { namespace: 'production' }), CaCertificate.fromConfigMap(cm)),
    });
    expect(Testing.synth(chart).find(o => o.kind === 'BackendTLSPolicy').spec.validation.caCertificateRefs).toEqual([
      { group: '', kind: 'ConfigMap', name: 'ca' },
      { group: '', kind: 'ConfigMap', name: 'ca-from-construct' },
    ]);
  });

  test('BackendTlsTrust factories', () => {
    expect(BackendTlsTrust.system().wellKnownCaCertificates).toBe('System');
    expect(BackendTlsTrust.wellKnown('System').wellKnownCaCertificates).toBe('System');
    expect(BackendTlsTrust.wellKnown('example.com/roots').wellKnownCaCertificates).toBe('example.com/roots');
    expect(trust.caCertificates.map(c => c.name)).toEqual(['ca']);
  });

  test('fails if no CA bundle, more than 8, or a malformed well-known name is given', () => {
    expect(() => BackendTlsTrust.caCertificates()).toThrow(/give at least one CA bundle, or use BackendTlsTrust.system\(\)/);
    expect(() => BackendTlsTrust.caCertificates(...Array.from({ length: 9 }, (_, i) => CaCertificate.fromConfigMapName(`c${i}`)))).toThrow(/certificates has 9 entries; the Gateway API allows at most 8/);
    expect(() => BackendTlsTrust.wellKnown('Mozilla')).toThrow(/name "Mozilla" is invalid; expected 'System' or a domain-prefixed name/);
  });

  test('fails if a CA bundle is in another namespace', () => {
    expect(() => new BackendTlsPolicy(setup(), 'P', {
      targets: [PolicyTarget.fromServiceName('api')],
      hostname: 'api.internal',
      trust: BackendTlsTrust.caCertificates(CaCertificate.fromConfigMapName('ca', { namespace: 'pki' })),
    })).toThrow(/trust CA bundle 0 \(ConfigMap 'ca'\) is in namespace 'pki'; a BackendTLSPolicy can only use CA bundles in its own namespace \('production'\)/);
  });

  test('fails if the hostname has a wildcard', () => {
    expect(() => new BackendTlsPolicy(setup(), 'P', { hostname: '*.internal', trust })).toThrow(/hostname "\*.internal" is invalid; expected a lowercase DNS name without wildcard/);
  });

  test('fails if a target is in another namespace', () => {
    const chart = setup();
    const other = new kplus.Service(new Chart(Testing.app(), 'o', { namespace: 'other' }), 'S', { ports: [{ port: 80 }] });
    const policy = new BackendTlsPolicy(chart, 'P', { hostname: 'api.internal', trust });
    expect(() => policy.addTargets(PolicyTarget.fromService(other))).toThrow(/targets\[0\] \(Service '.*'\) is in namespace 'other'; a BackendTLSPolicy only targets objects in its own namespace/);
  });

  test('fails if a target repeats, or one object is targeted whole and by section', () => {
    const policy = new BackendTlsPolicy(setup(), 'P', { hostname: 'api.internal', trust, targets: [PolicyTarget.fromServiceName('api')] });
    expect(() => policy.addTargets(PolicyTarget.fromServiceName('api'))).toThrow(/targets\[1\] targets Service 'api' twice/);
    expect(() => policy.addTargets(PolicyTarget.fromServiceName('api', { sectionName: 'https' })))
      .toThrow(/targets Service 'api' again; when one object is targeted more than once, every entry needs a distinct sectionName/);
    const ok = new BackendTlsPolicy(setup(), 'Q', { hostname: 'api.internal', trust, targets: [PolicyTarget.fromServiceName('api', { sectionName: 'a' })] });
    expect(() => ok.addTargets(PolicyTarget.fromServiceName('api', { sectionName: 'b' }))).not.toThrow();
  });

  test('fails if more than 16 targets or 5 subject alt names are given', () => {
    const policy = new BackendTlsPolicy(setup(), 'P', { hostname: 'api.internal', trust });
    for (let i = 0; i < 16; i++) policy.addTargets(PolicyTarget.fromServiceName(`s${i}`));
    expect(() => policy.addTargets(PolicyTarget.fromServiceName('s16'))).toThrow(/targets has 17 entries; the Gateway API allows at most 16/);
    for (let i = 0; i < 5; i++) policy.addSubjectAltNames(SubjectAltName.hostname(`h${i}.internal`));
    expect(() => policy.addSubjectAltNames(SubjectAltName.hostname('h5.internal'))).toThrow(/subjectAltNames has 6 entries; the Gateway API allows at most 5/);
    expect(() => policy.addSubjectAltNames(SubjectAltName.hostname('h0.internal'))).toThrow(/lists Hostname 'h0.internal' twice/);
  });

  test('fails if it has no targets at synthesis', () => {
    const chart = setup();
    new BackendTlsPolicy(chart, 'P', { hostname: 'api.internal', trust });
    expect(() => Testing.synth(chart)).toThrow(/\[c\/P\] targets: the policy has no targets; add at least one with addTargets\(\).* \[construct\/missing\]/);
  });

  test('fails if a sectionName names no port of a Service of the app', () => {
    const chart = setup();
    const svc = new kplus.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 443, name: 'https' }, { port: 80 }] });
    new BackendTlsPolicy(chart, 'P', { hostname: 'api.internal', trust, targets: [PolicyTarget.fromService(svc, { sectionName: 'tls' })] });
    expect(() => Testing.synth(chart)).toThrow(/\[c\/P\] targets\[0\].sectionName: 'tls' names no port of Service 'c\/Api'; its named ports are 'https' \[construct\/not-found\]/);
  });

  test('fails if a CA ConfigMap of the app lacks ca.crt', () => {
    const chart = setup();
    const cm = new kplus.ConfigMap(chart, 'Ca', { metadata: { name: 'ca' }, data: { 'root.pem': 'x' } });
    new BackendTlsPolicy(chart, 'P', { hostname: 'api.internal', trust: BackendTlsTrust.caCertificates(CaCertificate.fromConfigMap(cm)), targets: [PolicyTarget.fromServiceName('api')] });
    expect(() => Testing.synth(chart)).toThrow(/trust CA bundle 0: ConfigMap 'c\/Ca' has data but no ca.crt key/);
  });

  test('fails if PolicyTarget.fromService gets something other than a Service', () => {
    const chart = setup();
    expect(() => PolicyTarget.fromService(new kplus.ConfigMap(chart, 'Cm'))).toThrow(/is a v1 ConfigMap; expected a core Service/);
  });

  test('fails if a subject alt name URI is malformed', () => {
    expect(() => SubjectAltName.uri('not a uri')).toThrow(/uri "not a uri" is invalid; expected an absolute URI/);
  });
});
