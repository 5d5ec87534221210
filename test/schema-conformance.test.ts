/**
 * Everything the gateway-side constructs can emit, with every option set,
 * checked against the v1.6.1 CRD structural schemas (types, patterns,
 * lengths, enums, list sizes). The CEL rules are checked by src/validation.
 */
import Ajv from 'ajv';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { EXPERIMENTAL_CRDS, STANDARD_CRDS } from '../generated';
import {
  AllowedListeners, AllowedRoutes, BackendTlsPolicy, BackendTlsTrust, CaCertificate, Certificate, DefaultGatewayScope,
  FrontendValidationMode, Gateway, GatewayAddress, GatewayClass, LabelSelectorOperator, ListenerProtocol, ListenerSet,
  ListenerTls, PolicyTarget, ReferenceGrant, RouteKind, SubjectAltName,
} from '../src';

function fullApp(): Chart {
  const chart = new Chart(Testing.app(), 'all', { namespace: 'infra' });
  const gatewayClass = new GatewayClass(chart, 'Class', {
    metadata: { name: 'eg' },
    controllerName: 'example.com/gateway-controller',
    description: 'every field',
    parametersRef: { group: 'example.com', kind: 'Params', name: 'p', namespace: 'infra' },
  });
  const gw = new Gateway(chart, 'Gw', {
    metadata: { name: 'gw' },
    gatewayClass,
    addresses: [GatewayAddress.ipAddress('10.0.0.1'), GatewayAddress.ipAddress('2001:db8::1'), GatewayAddress.hostname('lb.example.com'), GatewayAddress.namedAddress('n'), GatewayAddress.custom('example.com/vip', 'v'), GatewayAddress.hostname()],
    infrastructure: { labels: { team: 'edge' }, annotations: { 'example.com/a': 'b' }, parametersRef: { group: '', kind: 'ConfigMap', name: 'infra' } },
    allowedListeners: AllowedListeners.fromNamespaces({ matchLabels: { a: 'b' }, matchExpressions: [{ key: 'x', operator: LabelSelectorOperator.NOT_IN, values: ['y'] }] }),
    tls: {
      frontendValidation: { caCertificates: [CaCertificate.fromConfigMapName('ca'), CaCertificate.fromSecretName('ca2', { namespace: 'pki' })], mode: FrontendValidationMode.ALLOW_INSECURE_FALLBACK },
      frontendPerPort: [{ port: 8443, validation: { caCertificates: [CaCertificate.custom({ group: 'example.com', kind: 'Bundle', name: 'b' })] } }, { port: 9443 }],
      backendClientCertificate: Certificate.fromSecretName('client', { namespace: 'certs' }),
    },
  });
  gw.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP, hostname: '*.example.com', allowedRoutes: AllowedRoutes.all({ kinds: [RouteKind.HTTP_ROUTE, RouteKind.GRPC_ROUTE] }) });
  gw.addListener('https', {
    port: 443,
    protocol: ListenerProtocol.HTTPS,
    hostname: 'api.example.com',
    tls: ListenerTls.terminate([Certificate.fromSecretName('tls'), Certificate.custom({ group: 'example.com', kind: 'Cert', name: 'c', namespace: 'certs' })], { options: { 'example.com/min': '1.3' } }),
    allowedRoutes: AllowedRoutes.fromNamespacesWithLabels({ 'gateway-access': 'true' }),
  });
  gw.addListener('tls', { port: 8443, protocol: ListenerProtocol.TLS, tls: ListenerTls.passthrough(), allowedRoutes: AllowedRoutes.kinds(RouteKind.TLS_ROUTE) });
  gw.addListener('tcp', { port: 5432, protocol: ListenerProtocol.TCP, allowedRoutes: AllowedRoutes.same() });
  gw.addListener('udp', { port: 53, protocol: ListenerProtocol.UDP });
  gw.addListener('custom', { port: 7000, protocol: ListenerProtocol.custom('example.com/quic'), allowedRoutes: AllowedRoutes.kinds(RouteKind.custom('example.com', 'QuicRoute')) });
  gw.listener('tcp').allowRoutesFrom('database');

  const set = new ListenerSet(chart, 'Set', { metadata: { name: 'team', namespace: 'team-a' }, gateway: gw });
  set.addListener('shop', { port: 443, protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com', tls: ListenerTls.terminate([Certificate.fromSecretName('shop', { namespace: 'certs' })]) });

  new ReferenceGrant(chart, 'Grant', {
    metadata: { name: 'g' },
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }],
    to: [{ group: '', kind: 'Service' }, { group: '', kind: 'Secret', name: 's' }],
  });

  const svc = new kplus.Service(chart, 'Svc', { metadata: { name: 'secure' }, ports: [{ port: 443, name: 'https' }] });
  new BackendTlsPolicy(chart, 'Btls', {
    metadata: { name: 'btls' },
    targets: [PolicyTarget.fromService(svc, { sectionName: 'https' }), PolicyTarget.fromServiceName('other')],
    hostname: 'secure.infra.svc.cluster.local',
    trust: BackendTlsTrust.caCertificates(CaCertificate.fromConfigMapName('ca')),
    subjectAltNames: [SubjectAltName.hostname('*.internal'), SubjectAltName.uri('spiffe://cluster.local/ns/infra/sa/secure')],
    options: { 'example.com/x': 'y' },
  });
  new BackendTlsPolicy(chart, 'BtlsSystem', {
    metadata: { name: 'btls-system' }, targets: [PolicyTarget.fromServiceName('public')], hostname: 'public.example.com', trust: BackendTlsTrust.system(),
  });
  return chart;
}

describe('gateway-side output against the v1.6.1 standard CRD schemas', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

  test('every object with every option set is schema-valid', () => {
    const objects = Testing.synth(fullApp()).filter(o => o.apiVersion.startsWith('gateway.networking.k8s.io/'));
    expect(objects.map(o => o.kind).sort()).toEqual([
      'BackendTLSPolicy', 'BackendTLSPolicy', 'Gateway', 'GatewayClass', 'ListenerSet',
      'ReferenceGrant', 'ReferenceGrant', 'ReferenceGrant', 'ReferenceGrant',
    ]);
    const problems: string[] = [];
    for (const o of objects) {
      const crd = STANDARD_CRDS[o.kind];
      if (!ajv.validate(crd.schema, o)) problems.push(`${o.kind} ${o.metadata.name}: ${ajv.errorsText(ajv.errors)}`);
    }
    expect(problems).toEqual([]);
    // and the check itself bites: a listener with a bad port is caught
    const gw = objects.find(o => o.kind === 'Gateway');
    const broken = { ...gw, spec: { ...gw.spec, listeners: [{ ...gw.spec.listeners[0], port: 0 }] } };
    expect(ajv.validate(STANDARD_CRDS.Gateway.schema, broken)).toBe(false);
  });

  test('the experimental defaultScope is valid for the experimental CRD only', () => {
    const chart = Testing.chart();
    new Gateway(chart, 'Gw', {
      metadata: { name: 'gw', namespace: 'infra' },
      gatewayClass: GatewayClass.fromGatewayClassName(chart, 'C', 'eg'),
      listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }],
      experimental: { defaultScope: DefaultGatewayScope.ALL },
    });
    const gw = Testing.synth(chart)[0];
    expect(ajv.validate(EXPERIMENTAL_CRDS.Gateway.schema, gw)).toBe(true);
    // the standard schema prunes unknown fields rather than rejecting them; it has no defaultScope at all
    expect(STANDARD_CRDS.Gateway.schema.properties.spec.properties.defaultScope).toBeUndefined();
  });
});
