import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  AllowedListeners, CaCertificate, Certificate, FrontendValidationMode, Gateway, GatewayAddress, GatewayClass,
  LabelSelectorOperator, ListenerProtocol, ListenerTls, ReferenceGrantPolicy,
} from '../src';

function setup(namespace = 'infra') {
  const chart = new Chart(Testing.app(), 'c');
  const gatewayClass = GatewayClass.fromGatewayClassName(chart, 'Class', 'eg');
  return { chart, gatewayClass, metadata: { name: 'gw', namespace } };
}

const HTTP = { port: 80, protocol: ListenerProtocol.HTTP };

function spec(chart: Chart, kind = 'Gateway'): any {
  return Testing.synth(chart).find(o => o.kind === kind)?.spec;
}

describe('Gateway', () => {
  test('renders class and listeners only, in insertion order', () => {
    // GIVEN
    const { chart, gatewayClass, metadata } = setup();
    // WHEN
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    gw.addListener('tcp', { port: 5432, protocol: ListenerProtocol.TCP });
    // THEN
    expect(spec(chart)).toEqual({
      gatewayClassName: 'eg',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }, { name: 'tcp', port: 5432, protocol: 'TCP' }],
    });
    expect(gw.listeners.map(l => l.name)).toEqual(['http', 'tcp']);
  });

  test('takes a GatewayClass construct', () => {
    const { chart, metadata } = setup();
    const gatewayClass = new GatewayClass(chart, 'Own', { metadata: { name: 'own' }, controllerName: 'example.com/c' });
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    expect(spec(chart).gatewayClassName).toBe('own');
    expect(gw.gatewayClass).toBe(gatewayClass);
  });

  test('is a route parent, and its listeners are section-scoped parents', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    expect(gw.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', namespace: 'infra' });
    expect(gw.parentResource).toBe(gw);
    expect(gw.listener('http').parentRef.sectionName).toBe('http');
  });

  test('renders addresses, infrastructure and allowedListeners', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', {
      metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }],
      addresses: [GatewayAddress.ipAddress('203.0.113.10'), GatewayAddress.hostname('lb.example.com')],
      infrastructure: {
        labels: { team: 'edge' },
        annotations: { 'example.com/lb-class': 'external' },
        parametersRef: { group: '', kind: 'ConfigMap', name: 'gw-params' },
      },
      allowedListeners: AllowedListeners.fromNamespaces({ matchExpressions: [{ key: 'team', operator: LabelSelectorOperator.EXISTS }] }),
    });
    gw.addAddresses(GatewayAddress.namedAddress('reserved'), GatewayAddress.custom('example.com/vip'), GatewayAddress.ipAddress());
    expect(spec(chart)).toEqual({
      gatewayClassName: 'eg',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
      addresses: [
        { type: 'IPAddress', value: '203.0.113.10' },
        { type: 'Hostname', value: 'lb.example.com' },
        { type: 'NamedAddress', value: 'reserved' },
        { type: 'example.com/vip' },
        { type: 'IPAddress' },
      ],
      infrastructure: {
        labels: { team: 'edge' },
        annotations: { 'example.com/lb-class': 'external' },
        parametersRef: { group: '', kind: 'ConfigMap', name: 'gw-params' },
      },
      allowedListeners: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } } },
    });
  });

  test('AllowedListeners factories', () => {
    expect(AllowedListeners.none()._render()).toEqual({ namespaces: { from: 'None' } });
    expect(AllowedListeners.same()._render()).toEqual({ namespaces: { from: 'Same' } });
    expect(AllowedListeners.all()._render()).toEqual({ namespaces: { from: 'All' } });
    expect(AllowedListeners.fromNamespacesWithLabels({ a: 'b' })._render()).toEqual({ namespaces: { from: 'Selector', selector: { matchLabels: { a: 'b' } } } });
    expect(AllowedListeners.same()._permits('x', 'x')).toBe(true);
    expect(AllowedListeners.same()._permits('y', 'x')).toBe(false);
    expect(AllowedListeners.fromNamespacesWithLabels({ a: 'b' })._permits('y', 'x')).toBeUndefined();
  });

  test('renders gateway-wide TLS: frontend default and per-port validation, backend client certificate', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', {
      metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }],
      tls: {
        frontendValidation: { caCertificates: [CaCertificate.fromConfigMapName('client-ca')] },
        frontendPerPort: [{ port: 8443, validation: { caCertificates: [CaCertificate.fromConfigMapName('partner-ca')], mode: FrontendValidationMode.ALLOW_INSECURE_FALLBACK } }],
        backendClientCertificate: Certificate.fromSecretName('gw-client'),
      },
    });
    gw.addFrontendTlsPortConfig({ port: 9443 });
    expect(spec(chart).tls).toEqual({
      backend: { clientCertificateRef: { name: 'gw-client' } },
      frontend: {
        default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'client-ca' }] } },
        perPort: [
          { port: 8443, tls: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'partner-ca' }], mode: 'AllowInsecureFallback' } } },
          { port: 9443, tls: {} },
        ],
      },
    });
  });

  test('writes the required empty frontend default when only per-port validation is given', () => {
    const { chart, gatewayClass, metadata } = setup();
    new Gateway(chart, 'Gw', {
      metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }],
      tls: { frontendPerPort: [{ port: 443, validation: { caCertificates: [CaCertificate.fromConfigMapName('ca')] } }] },
    });
    expect(spec(chart).tls.frontend.default).toEqual({});
  });

  test('creates the ReferenceGrants cross-namespace certificates need', () => {
    const { chart, gatewayClass, metadata } = setup();
    new Gateway(chart, 'Gw', {
      metadata, gatewayClass,
      listeners: [{
        name: 'https', port: 443, protocol: ListenerProtocol.HTTPS,
        tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard', { namespace: 'certs' }), Certificate.fromSecretName('local')]),
      }],
      tls: { frontendValidation: { caCertificates: [CaCertificate.fromConfigMapName('ca', { namespace: 'pki' })] } },
    });
    const grants = Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant');
    expect(grants).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ReferenceGrant',
        metadata: { name: 'allow-gateway-from-infra', namespace: 'certs' },
        spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret', name: 'wildcard' }] },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ReferenceGrant',
        metadata: { name: 'allow-gateway-from-infra', namespace: 'pki' },
        spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'ConfigMap', name: 'ca' }] },
      },
    ]);
  });

  test('fails if referenceGrants is NONE and no grant permits a cross-namespace certificate', () => {
    const { chart, gatewayClass, metadata } = setup();
    new Gateway(chart, 'Gw', {
      metadata, gatewayClass, referenceGrants: ReferenceGrantPolicy.NONE,
      listeners: [{ name: 'https', port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard', { namespace: 'certs' })]) }],
    });
    expect(() => Testing.synth(chart)).toThrow(/listener 'https' tls certificate 0 \(Secret 'wildcard'\) refers to Secret 'wildcard' in namespace 'certs', which needs a ReferenceGrant there/);
  });

  test('the escape hatch reaches the L1 object with wire names', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    ApiObject.of(gw).addJsonPatch(JsonPatch.add('/spec/listeners/0/allowedRoutes', { namespaces: { from: 'All' } }));
    expect(spec(chart).listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'All' } });
  });

  test('fromGatewayName imports a Gateway whose listeners are parents too', () => {
    const { chart } = setup();
    const gw = Gateway.fromGatewayName(chart, 'Shared', 'main', { namespace: 'infra' });
    expect(gw.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'main', namespace: 'infra' });
    expect(gw.parentResource).toBeUndefined();
    expect(gw.listener('https').parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'main', namespace: 'infra', sectionName: 'https' });
    expect(Gateway.fromGatewayName(chart, 'Local', 'edge').parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge' });
  });

  test('fails if an imported listener name is malformed', () => {
    const { chart } = setup();
    expect(() => Gateway.fromGatewayName(chart, 'Shared', 'main').listener('Bad')).toThrow(/listener name "Bad" is invalid/);
  });

  test('fails if it has no listeners at synthesis', () => {
    const { chart, gatewayClass, metadata } = setup();
    new Gateway(chart, 'Gw', { metadata, gatewayClass });
    expect(() => Testing.synth(chart)).toThrow(/Gateway 'c\/Gw': the Gateway has no listeners; add at least one with addListener\(\)/);
  });

  test('fails if a listener name is taken', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    expect(() => gw.addListener('http', { port: 8080, protocol: ListenerProtocol.HTTP })).toThrow(/a listener named 'http' already exists \(port 80, HTTP\); listener names must be unique/);
  });

  test('fails if port, protocol and hostname repeat', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'a', ...HTTP, hostname: 'a.example.com' }, { name: 'b', ...HTTP }] });
    expect(() => gw.addListener('c', { ...HTTP, hostname: 'a.example.com' }))
      .toThrow(/listener 'c' conflicts with listener 'a': both accept HTTP on port 80 for host name 'a.example.com'/);
    expect(() => gw.addListener('d', HTTP)).toThrow(/listener 'd' conflicts with listener 'b': both accept HTTP on port 80 for every host name/);
    expect(() => gw.addListener('e', { ...HTTP, hostname: 'b.example.com' })).not.toThrow();
  });

  test('fails if a missing listener is looked up', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    expect(() => gw.listener('https')).toThrow(/no listener named 'https'; its listeners are 'http'/);
  });

  test('fails if more than 64 listeners are added', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass });
    for (let i = 0; i < 64; i++) gw.addListener(`l${i}`, { port: 1000 + i, protocol: ListenerProtocol.HTTP });
    expect(() => gw.addListener('l64', { port: 2000, protocol: ListenerProtocol.HTTP })).toThrow(/listeners has 65 entries; the Gateway API allows at most 64/);
  });

  test('fails if an address is repeated, malformed, or there are more than 16', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, addresses: [GatewayAddress.ipAddress('10.0.0.1')] });
    expect(() => gw.addAddresses(GatewayAddress.ipAddress('10.0.0.1'))).toThrow(/address IPAddress '10.0.0.1' is already requested; IPAddress values must be unique/);
    expect(() => GatewayAddress.ipAddress('10.0.0.300')).toThrow(/value "10.0.0.300" is invalid; expected an IPv4 or IPv6 address/);
    expect(() => GatewayAddress.hostname('LB')).toThrow(/value "LB" is invalid/);
    expect(() => GatewayAddress.custom('vip')).toThrow(/type "vip" is invalid; expected a domain-prefixed path/);
    for (let i = 2; i <= 16; i++) gw.addAddresses(GatewayAddress.ipAddress(`10.0.0.${i}`));
    expect(() => gw.addAddresses(GatewayAddress.ipAddress('10.0.1.1'))).toThrow(/addresses has 17 entries; the Gateway API allows at most 16/);
  });

  test('fails if infrastructure labels or annotations are malformed or too many', () => {
    const { chart, gatewayClass, metadata } = setup();
    expect(() => new Gateway(chart, 'A', { metadata, gatewayClass, infrastructure: { labels: { 'bad key!': 'x' } } })).toThrow(/infrastructure.labels key "bad key!" is invalid/);
    expect(() => new Gateway(chart, 'B', { metadata, gatewayClass, infrastructure: { labels: { team: 'a b' } } })).toThrow(/infrastructure.labels\['team'\] "a b" is invalid/);
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`l${i}`, 'v']));
    expect(() => new Gateway(chart, 'C', { metadata, gatewayClass, infrastructure: { labels: nine } })).toThrow(/infrastructure.labels has 9 entries; the Gateway API allows at most 8/);
    expect(() => new Gateway(chart, 'D', { metadata, gatewayClass, infrastructure: { parametersRef: { group: 'core', kind: 'ConfigMap', name: 'x' } } })).toThrow(/infrastructure.parametersRef.group "core" is invalid/);
  });

  test('fails if frontend validation has no CA or a port repeats', () => {
    const { chart, gatewayClass, metadata } = setup();
    expect(() => new Gateway(chart, 'A', { metadata, gatewayClass, tls: { frontendValidation: { caCertificates: [] } } }))
      .toThrow(/tls.frontendValidation.caCertificates is empty; give 1-16 CA bundles/);
    const gw = new Gateway(chart, 'B', { metadata, gatewayClass, tls: { frontendPerPort: [{ port: 443 }] } });
    expect(() => gw.addFrontendTlsPortConfig({ port: 443 })).toThrow(/tls.frontendPerPort port 443 is configured twice/);
  });
});
