import { Testing } from 'cdk8s';
import {
  AllowedRoutes, Certificate, Gateway, GatewayClass, LabelSelectorOperator, ListenerProtocol, ListenerTls, ListenerTlsMode, RouteKind,
} from '../src';

function gateway(namespace: string | null = 'infra') {
  const chart = Testing.chart();
  const gatewayClass = GatewayClass.fromGatewayClassName(chart, 'Class', 'eg');
  const gw = new Gateway(chart, 'Gw', { metadata: { name: 'gw', namespace: namespace ?? undefined }, gatewayClass });
  return { chart, gw };
}

describe('ListenerProtocol', () => {
  test('has the five Gateway API protocols and domain-prefixed custom ones', () => {
    expect([ListenerProtocol.HTTP, ListenerProtocol.HTTPS, ListenerProtocol.TLS, ListenerProtocol.TCP, ListenerProtocol.UDP].map(p => p.value))
      .toEqual(['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP']);
    expect(ListenerProtocol.custom('example.com/quic').value).toBe('example.com/quic');
  });

  test('fails if a custom protocol is not domain-prefixed', () => {
    expect(() => ListenerProtocol.custom('QUIC')).toThrow(/protocol "QUIC" is invalid; implementation-specific protocols are domain-prefixed/);
  });
});

describe('RouteKind', () => {
  test('renders Gateway API kinds without group and custom kinds with it', () => {
    expect(RouteKind.HTTP_ROUTE._render()).toEqual({ kind: 'HTTPRoute' });
    expect(RouteKind.custom('example.com', 'KafkaRoute')._render()).toEqual({ group: 'example.com', kind: 'KafkaRoute' });
  });

  test('fails if a custom kind is malformed', () => {
    expect(() => RouteKind.custom('example.com', 'Kafka Route')).toThrow(/kind "Kafka Route" is invalid/);
  });
});

describe('AllowedRoutes', () => {
  test('same, all and kinds', () => {
    expect(AllowedRoutes.same()._render()).toEqual({ namespaces: { from: 'Same' } });
    expect(AllowedRoutes.all({ kinds: [RouteKind.HTTP_ROUTE, RouteKind.GRPC_ROUTE] })._render())
      .toEqual({ kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }], namespaces: { from: 'All' } });
    expect(AllowedRoutes.kinds(RouteKind.TLS_ROUTE)._render()).toEqual({ kinds: [{ kind: 'TLSRoute' }] });
  });

  test('selectors with labels and expressions', () => {
    expect(AllowedRoutes.fromNamespacesWithLabels({ 'gateway-access': 'true' })._render())
      .toEqual({ namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'true' } } } });
    expect(AllowedRoutes.fromNamespaces({
      matchLabels: { team: 'edge' },
      matchExpressions: [
        { key: 'env', operator: LabelSelectorOperator.IN, values: ['prod', 'staging'] },
        { key: 'legacy', operator: LabelSelectorOperator.DOES_NOT_EXIST },
      ],
    })._render()).toEqual({
      namespaces: {
        from: 'Selector',
        selector: {
          matchLabels: { team: 'edge' },
          matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }, { key: 'legacy', operator: 'DoesNotExist' }],
        },
      },
    });
  });

  test('fails if the selector is empty', () => {
    expect(() => AllowedRoutes.fromNamespaces({})).toThrow(/the namespace selector is empty and would select every namespace/);
  });

  test('fails if In has no values or Exists has values', () => {
    expect(() => AllowedRoutes.fromNamespaces({ matchExpressions: [{ key: 'env', operator: LabelSelectorOperator.IN }] }))
      .toThrow(/matchExpressions\[0\] uses In on 'env' without values/);
    expect(() => AllowedRoutes.fromNamespaces({ matchExpressions: [{ key: 'env', operator: LabelSelectorOperator.EXISTS, values: ['x'] }] }))
      .toThrow(/uses Exists on 'env' with values \["x"\]; Exists takes no values/);
  });

  test('fails if a label value is malformed', () => {
    expect(() => AllowedRoutes.fromNamespacesWithLabels({ team: 'a b' })).toThrow(/matchLabels\['team'\] "a b" is invalid/);
  });

  test('fails if a kind is repeated or more than 8 are given', () => {
    expect(() => AllowedRoutes.all({ kinds: [RouteKind.HTTP_ROUTE, RouteKind.HTTP_ROUTE] })).toThrow(/kinds lists HTTPRoute .* twice/);
    const many = Array.from({ length: 9 }, (_, i) => RouteKind.custom('example.com', `K${i}`));
    expect(() => AllowedRoutes.all({ kinds: many })).toThrow(/kinds has 9 entries; the Gateway API allows at most 8/);
    expect(() => AllowedRoutes.kinds()).toThrow(/give at least one route kind/);
  });
});

describe('ListenerTls', () => {
  test('terminate writes mode and certificates; passthrough writes mode', () => {
    expect(ListenerTls.terminate([Certificate.fromSecretName('a'), Certificate.fromSecretName('b', { namespace: 'certs' })], { options: { 'example.com/min-tls': '1.3' } })._render('infra'))
      .toEqual({ mode: 'Terminate', certificateRefs: [{ name: 'a' }, { name: 'b', namespace: 'certs' }], options: { 'example.com/min-tls': '1.3' } });
    expect(ListenerTls.passthrough()._render('infra')).toEqual({ mode: 'Passthrough' });
    expect(ListenerTls.passthrough().mode).toBe(ListenerTlsMode.PASSTHROUGH);
  });

  test('terminate accepts options alone', () => {
    expect(ListenerTls.terminate([], { options: { 'example.com/cert': 'vault:x' } })._render(undefined)).toEqual({ mode: 'Terminate', options: { 'example.com/cert': 'vault:x' } });
  });

  test('fails if terminate has neither certificates nor options', () => {
    expect(() => ListenerTls.terminate([])).toThrow(/give at least one certificate/);
  });

  test('fails if an option key is malformed or there are more than 16', () => {
    expect(() => ListenerTls.passthrough({ options: { 'bad key': 'x' } })).toThrow(/options key "bad key" is invalid/);
    const options = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    expect(() => ListenerTls.passthrough({ options })).toThrow(/options has 17 entries; the Gateway API allows at most 16/);
  });
});

describe('Listener', () => {
  test('is a route parent scoped to its section', () => {
    const { gw } = gateway();
    const l = gw.addListener('https', { port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecretName('tls')]) });
    expect(l.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw', namespace: 'infra', sectionName: 'https' });
    expect(l.parentResource).toBe(gw);
    expect(gw.listener('https')).toBe(l);
  });

  test.each([
    ['HTTP with tls', { port: 80, protocol: ListenerProtocol.HTTP, tls: ListenerTls.passthrough() }, /listener 'l' has protocol HTTP and tls; only HTTPS and TLS listeners take tls/],
    ['HTTPS without tls', { port: 443, protocol: ListenerProtocol.HTTPS }, /listener 'l' has protocol HTTPS without tls; pass tls: ListenerTls.terminate/],
    ['HTTPS passthrough', { port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.passthrough() }, /has protocol HTTPS with TLS mode Passthrough; HTTPS listeners terminate TLS/],
    ['TLS without tls', { port: 443, protocol: ListenerProtocol.TLS }, /has protocol TLS without tls/],
    ['TCP with hostname', { port: 5432, protocol: ListenerProtocol.TCP, hostname: 'db.example.com' }, /has protocol TCP and hostname 'db.example.com'; TCP listeners match no host names/],
    ['UDP with tls', { port: 53, protocol: ListenerProtocol.UDP, tls: ListenerTls.passthrough() }, /has protocol UDP and tls/],
    ['port 0', { port: 0, protocol: ListenerProtocol.HTTP }, /listener 'l' port 0 is invalid; expected an integer port from 1 to 65535/],
    ['bad hostname', { port: 80, protocol: ListenerProtocol.HTTP, hostname: 'Example.com' }, /listener 'l' hostname "Example.com" is invalid/],
    ['route kind the protocol cannot serve', { port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.kinds(RouteKind.TCP_ROUTE) }, /allows route kind TCPRoute, which a HTTP listener cannot serve; HTTP listeners take HTTPRoute, GRPCRoute/],
  ])('fails if %s', (_title, options, message) => {
    const { gw } = gateway();
    expect(() => gw.addListener('l', options)).toThrow(message);
  });

  test('fails if the name is not a section name', () => {
    const { gw } = gateway();
    expect(() => gw.addListener('HTTP', { port: 80, protocol: ListenerProtocol.HTTP })).toThrow(/Gateway 'test\/Gw': listener name "HTTP" is invalid/);
  });

  test('custom protocols are not checked for tls or hostname', () => {
    const { gw } = gateway();
    expect(() => gw.addListener('quic', { port: 443, protocol: ListenerProtocol.custom('example.com/quic'), hostname: 'a.example.com' })).not.toThrow();
  });

  describe('allowRoutesFrom', () => {
    test('turns the default into a name selector of the own and the given namespaces', () => {
      const { gw } = gateway();
      const l = gw.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.kinds(RouteKind.HTTP_ROUTE) });
      l.allowRoutesFrom('production');
      l.allowRoutesFrom('staging', 'production');
      expect(l._render().allowedRoutes).toEqual({
        kinds: [{ kind: 'HTTPRoute' }],
        namespaces: {
          from: 'Selector',
          selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['infra', 'production', 'staging'] }] },
        },
      });
    });

    test('changes nothing for the own namespace or a listener open to all', () => {
      const { gw } = gateway();
      const own = gw.addListener('a', { port: 80, protocol: ListenerProtocol.HTTP });
      own.allowRoutesFrom('infra');
      expect(own._render().allowedRoutes).toBeUndefined();
      const all = gw.addListener('b', { port: 81, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.all() });
      all.allowRoutesFrom('production');
      expect(all._render().allowedRoutes).toEqual({ namespaces: { from: 'All' } });
    });

    test('fails if the listener selects namespaces by labels', () => {
      const { gw } = gateway();
      const l = gw.addListener('a', { port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.fromNamespacesWithLabels({ team: 'edge' }) });
      expect(() => l.allowRoutesFrom('production')).toThrow(/listener 'a': cannot allow routes from namespace 'production': the listener selects namespaces by labels/);
    });

    test('fails if the Gateway has no namespace', () => {
      const { gw } = gateway(null);
      const l = gw.addListener('a', { port: 80, protocol: ListenerProtocol.HTTP });
      expect(() => l.allowRoutesFrom('production')).toThrow(/because the Gateway has no namespace/);
    });
  });
});
