import Ajv from 'ajv';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import * as fc from 'fast-check';
import { STANDARD_CRDS } from '../generated';
import {
  AllowedListeners, CaCertificate, DefaultGatewayScope, Certificate, FrontendValidationMode, Gateway, GatewayAddress, GatewayClass,
  LabelSelectorOperator, ListenerProtocol, ListenerTls, ReferenceGrantPolicy,
} from '../src';
import { listenerSetRefusal } from '../src/model';

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
      metadata,
      gatewayClass,
      listeners: [{ name: 'http', ...HTTP }],
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
    // what they admit is decided by the model's rule (test/model/allowed-listeners.test.ts)
    expect(listenerSetRefusal(AllowedListeners.same()._render(), 'x', { namespace: 'x' })).toBeUndefined();
    expect(listenerSetRefusal(AllowedListeners.same()._render(), 'x', { namespace: 'y' })).toMatchObject({ from: 'Same' });
    expect(listenerSetRefusal(AllowedListeners.fromNamespacesWithLabels({ a: 'b' })._render(), 'x', { namespace: 'y' })).toBe('unknown');
  });

  test('renders gateway-wide TLS: frontend default and per-port validation, backend client certificate', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', {
      metadata,
      gatewayClass,
      listeners: [{ name: 'http', ...HTTP }],
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
      metadata,
      gatewayClass,
      listeners: [{ name: 'http', ...HTTP }],
      tls: { frontendPerPort: [{ port: 443, validation: { caCertificates: [CaCertificate.fromConfigMapName('ca')] } }] },
    });
    expect(spec(chart).tls.frontend.default).toEqual({});
  });

  test('creates the ReferenceGrants cross-namespace certificates need', () => {
    const { chart, gatewayClass, metadata } = setup();
    new Gateway(chart, 'Gw', {
      metadata,
      gatewayClass,
      listeners: [{
        name: 'https',
        port: 443,
        protocol: ListenerProtocol.HTTPS,
        tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard', { namespace: 'certs' }), Certificate.fromSecretName('local')]),
      }],
      tls: { frontendValidation: { caCertificates: [CaCertificate.fromConfigMapName('ca', { namespace: 'pki' })] } },
    });
    const grants = Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant');
    expect(grants).toEqual([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'allow-gateway-from-infra', namespace: 'certs' },
        spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret', name: 'wildcard' }] },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'ReferenceGrant',
        metadata: { name: 'allow-gateway-from-infra', namespace: 'pki' },
        spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'ConfigMap', name: 'ca' }] },
      },
    ]);
  });

  test('fails if a certificate Secret of the app has data without tls.crt and tls.key', () => {
    const { chart, gatewayClass, metadata } = setup();
    const secret = new kplus.Secret(chart, 'Tls', { metadata: { name: 'tls', namespace: 'infra' }, stringData: { 'tls.crt': 'pem' } });
    new Gateway(chart, 'Gw', {
      metadata,
      gatewayClass,
      listeners: [{ name: 'https', port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecret(secret)]) }],
    });
    expect(() => Testing.synth(chart)).toThrow(/\[c\/Gw\] listener 'https' tls certificate 0 \(Secret 'tls'\): Secret 'c\/Tls' has data but no tls.key key.* \[construct\/missing-key\]/);
  });

  test('accepts certificate Secrets without data (filled in by another controller) and complete ones', () => {
    const { chart, gatewayClass, metadata } = setup();
    const empty = new kplus.Secret(chart, 'Empty', { metadata: { name: 'empty', namespace: 'infra' } });
    const full = new kplus.Secret(chart, 'Full', { metadata: { name: 'full', namespace: 'infra' }, stringData: { 'tls.crt': 'c', 'tls.key': 'k' } });
    new Gateway(chart, 'Gw', {
      metadata,
      gatewayClass,
      listeners: [{ name: 'https', port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecret(empty), Certificate.fromSecret(full)]) }],
    });
    expect(spec(chart).listeners[0].tls.certificateRefs).toEqual([{ name: 'empty' }, { name: 'full' }]);
  });

  test('fails if a CA bundle ConfigMap of the app has data without ca.crt', () => {
    const { chart, gatewayClass, metadata } = setup();
    const cm = new kplus.ConfigMap(chart, 'Ca', { metadata: { name: 'ca', namespace: 'infra' }, data: { 'bundle.pem': 'x' } });
    new Gateway(chart, 'Gw', {
      metadata,
      gatewayClass,
      listeners: [{ name: 'http', ...HTTP }],
      tls: { frontendValidation: { caCertificates: [CaCertificate.fromConfigMap(cm)] } },
    });
    expect(() => Testing.synth(chart)).toThrow(/tls.frontendValidation.caCertificates\[0\] \(ConfigMap 'ca'\): ConfigMap 'c\/Ca' has data but no ca.crt key/);
  });

  test('fails if referenceGrants is NONE and no grant permits a cross-namespace certificate', () => {
    const { chart, gatewayClass, metadata } = setup();
    new Gateway(chart, 'Gw', {
      metadata,
      gatewayClass,
      referenceGrants: ReferenceGrantPolicy.NONE,
      listeners: [{ name: 'https', port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard', { namespace: 'certs' })]) }],
    });
    expect(() => Testing.synth(chart)).toThrow(/\[c\/Gw\] listener 'https' tls certificate 0 \(Secret 'wildcard'\): refers to Secret 'wildcard' in namespace 'certs', which needs a ReferenceGrant there/);
  });

  test('the escape hatch reaches the L1 object with wire names', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    ApiObject.of(gw).addJsonPatch(JsonPatch.add('/spec/listeners/0/allowedRoutes', { namespaces: { from: 'All' } }));
    expect(spec(chart).listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'All' } });
  });

  test('writes experimental fields only when opted in', () => {
    const { chart, gatewayClass, metadata } = setup();
    new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }], experimental: { defaultScope: DefaultGatewayScope.ALL } });
    expect(spec(chart).defaultScope).toBe('All');
  });

  test('fails if referenceGrants or defaultScope is not one of the enum values', () => {
    const { chart, gatewayClass, metadata } = setup();
    expect(() => new Gateway(chart, 'A', { metadata, gatewayClass, referenceGrants: 'Sometimes' as ReferenceGrantPolicy }))
      .toThrow(/referenceGrants "Sometimes" is invalid; expected ReferenceGrantPolicy.AUTO or ReferenceGrantPolicy.NONE/);
    expect(() => new Gateway(chart, 'B', { metadata, gatewayClass, experimental: { defaultScope: 'Some' as DefaultGatewayScope } }))
      .toThrow(/experimental.defaultScope "Some" is invalid/);
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
    expect(() => Testing.synth(chart)).toThrow(/\[c\/Gw\] listeners: the Gateway has no listeners; add at least one with addListener\(\).* \[construct\/missing\]/);
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
      .toThrow(/listener 'c' \(port 80, HTTP\) conflicts with listener 'a' \(port 80, HTTP\) \(HostnameConflict\): both would take the same hostname a.example.com on that port; give them distinct hostnames or ports/);
    expect(() => gw.addListener('d', HTTP)).toThrow(/listener 'd' \(port 80, HTTP\) conflicts with listener 'b' \(port 80, HTTP\) \(HostnameConflict\): both would take the same hostname-less traffic on that port/);
    expect(() => gw.addListener('e', { ...HTTP, hostname: 'b.example.com' })).not.toThrow();
  });

  test('a refused listener leaves nothing behind (no ReferenceGrant, no synth check)', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    const tls = ListenerTls.terminate([Certificate.fromSecretName('tls', { namespace: 'certs' })]);
    expect(() => gw.addListener('https', { port: 80, protocol: ListenerProtocol.HTTPS, hostname: 'a.example.com', tls })).toThrow(/ProtocolConflict/);
    expect(() => gw.addListener('http', { port: 443, protocol: ListenerProtocol.HTTPS, hostname: 'a.example.com', tls })).toThrow(/already exists/);
    expect(Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant')).toEqual([]);
    expect(gw.listeners.map(l => l.name)).toEqual(['http']);
    // the same listener, accepted, gets its grant
    gw.addListener('https', { port: 443, protocol: ListenerProtocol.HTTPS, hostname: 'a.example.com', tls });
    expect(Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant').map(o => o.metadata)).toEqual([{ name: 'allow-gateway-from-infra', namespace: 'certs' }]);
  });

  test('a refused frontend TLS port configuration leaves nothing behind', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    const validation = { caCertificates: [CaCertificate.fromConfigMapName('ca', { namespace: 'pki' })] };
    gw.addFrontendTlsPortConfig({ port: 8443 });
    expect(() => gw.addFrontendTlsPortConfig({ port: 8443, validation })).toThrow(/configured twice/);
    for (let p = 9000; p < 9063; p++) gw.addFrontendTlsPortConfig({ port: p });
    expect(() => gw.addFrontendTlsPortConfig({ port: 10000, validation })).toThrow(/tls.frontendPerPort/);
    expect(Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant')).toEqual([]);
  });

  test('fails if protocols cannot share a port (the rule synth validation applies, checked at addListener)', () => {
    const { chart, gatewayClass, metadata } = setup();
    const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass, listeners: [{ name: 'http', ...HTTP }] });
    const tls = ListenerTls.terminate([Certificate.fromSecretName('tls')]);
    expect(() => gw.addListener('https', { port: 80, protocol: ListenerProtocol.HTTPS, hostname: 'a.example.com', tls }))
      .toThrow(/listener 'https' \(port 80, HTTPS\) conflicts with listener 'http' \(port 80, HTTP\) \(ProtocolConflict\): HTTP and HTTPS cannot share a port/);
    expect(() => gw.addListener('tcp', { port: 80, protocol: ListenerProtocol.TCP })).toThrow(/\(ProtocolConflict\)/);
    // UDP has its own transport; HTTPS and TLS share a port told apart by SNI
    expect(() => gw.addListener('udp', { port: 80, protocol: ListenerProtocol.UDP })).not.toThrow();
    gw.addListener('https', { port: 443, protocol: ListenerProtocol.HTTPS, hostname: 'a.example.com', tls });
    expect(() => gw.addListener('tls', { port: 443, protocol: ListenerProtocol.TLS, hostname: 'b.example.com', tls: ListenerTls.passthrough() })).not.toThrow();
    expect(() => gw.addListener('tls2', { port: 443, protocol: ListenerProtocol.TLS, hostname: 'a.example.com', tls: ListenerTls.passthrough() })).toThrow(/\(HostnameConflict\)/);
    expect(gw.listeners.map(l => l.name)).toEqual(['http', 'udp', 'https', 'tls']);
    expect(() => Testing.synth(chart)).not.toThrow();
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

describe('Gateway (properties)', () => {
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(STANDARD_CRDS.Gateway.schema);

  const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,8}[a-z0-9])?$/);
  const anyText = fc.string({ maxLength: 12 });
  const hostname = fc.oneof(
    fc.array(label, { minLength: 1, maxLength: 3 }).map(ls => ls.join('.')),
    fc.array(label, { minLength: 1, maxLength: 3 }).map(ls => `*.${ls.join('.')}`),
    anyText,
  );
  const protocol = fc.constantFrom(ListenerProtocol.HTTP, ListenerProtocol.HTTPS, ListenerProtocol.TLS, ListenerProtocol.TCP, ListenerProtocol.UDP);
  const tls = fc.option(fc.oneof(
    fc.constant(ListenerTls.passthrough()),
    fc.array(label, { minLength: 1, maxLength: 2 }).map(names => ListenerTls.terminate(names.map(n => Certificate.fromSecretName(n)))),
  ), { nil: undefined });
  const listener = fc.record({
    name: fc.oneof(label, anyText),
    port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: -5, max: 70000 })),
    protocol,
    hostname: fc.option(hostname, { nil: undefined }),
    tls,
  });

  test('whatever addListener accepts is valid for the Gateway schema', () => {
    let accepted = 0;
    fc.assert(fc.property(fc.array(listener, { minLength: 1, maxLength: 5 }), ls => {
      const { chart, gatewayClass, metadata } = setup();
      const gw = new Gateway(chart, 'Gw', { metadata, gatewayClass });
      for (const l of ls) {
        const { name, ...options } = l;
        try {
          gw.addListener(name, options);
          accepted++;
        } catch (e) {
          expect((e as Error).message).toMatch(/^Gateway 'c\/Gw': /);
        }
      }
      if (gw.listeners.length === 0) return;
      const obj = Testing.synth(chart).find(o => o.kind === 'Gateway');
      if (!validate(obj)) throw new Error(`schema rejects ${JSON.stringify(obj.spec.listeners)}: ${JSON.stringify(validate.errors)}`);
    }), { numRuns: 300, seed: 42 });
    expect(accepted).toBeGreaterThan(50);
  });
});
