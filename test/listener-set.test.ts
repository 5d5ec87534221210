import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import {
  AllowedListeners, Certificate, Gateway, GatewayClass, ListenerProtocol, ListenerSet, ListenerTls, ReferenceGrantPolicy,
} from '../src';

function setup(allowedListeners?: AllowedListeners) {
  const chart = new Chart(Testing.app(), 'c');
  const gatewayClass = GatewayClass.fromGatewayClassName(chart, 'Class', 'eg');
  const gateway = new Gateway(chart, 'Gw', {
    metadata: { name: 'shared', namespace: 'infra' },
    gatewayClass,
    allowedListeners,
    listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }],
  });
  return { chart, gateway };
}

const HTTPS = (secret: string, namespace?: string) => ({
  port: 443,
  protocol: ListenerProtocol.HTTPS,
  hostname: 'shop.example.com',
  tls: ListenerTls.terminate([Certificate.fromSecretName(secret, { namespace })]),
});

describe('ListenerSet', () => {
  test('renders the parent Gateway (namespace only when it differs) and the listeners', () => {
    // GIVEN
    const { chart, gateway } = setup(AllowedListeners.all());
    // WHEN
    const set = new ListenerSet(chart, 'Set', { metadata: { name: 'team-a', namespace: 'team-a' }, gateway, listeners: [{ name: 'shop', ...HTTPS('shop-tls') }] });
    set.addListener('blog', { port: 8080, protocol: ListenerProtocol.HTTP, hostname: 'blog.example.com' });
    // THEN
    const obj = Testing.synth(chart).find(o => o.kind === 'ListenerSet');
    expect(obj).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ListenerSet',
      metadata: { name: 'team-a', namespace: 'team-a' },
      spec: {
        parentRef: { name: 'shared', namespace: 'infra' },
        listeners: [
          { name: 'shop', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-tls' }] } },
          { name: 'blog', port: 8080, protocol: 'HTTP', hostname: 'blog.example.com' },
        ],
      },
    });
  });

  test('omits the parent namespace in the Gateway\'s own namespace', () => {
    const { chart, gateway } = setup(AllowedListeners.same());
    new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'infra' }, gateway, listeners: [{ name: 'x', port: 81, protocol: ListenerProtocol.HTTP }] });
    expect(Testing.synth(chart).find(o => o.kind === 'ListenerSet').spec.parentRef).toEqual({ name: 'shared' });
  });

  test('is a route parent, and so are its listeners', () => {
    const { chart, gateway } = setup(AllowedListeners.all());
    const set = new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'team-a' }, gateway, listeners: [{ name: 'shop', ...HTTPS('t') }] });
    expect(set.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 's', namespace: 'team-a' });
    expect(set.listener('shop').parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 's', namespace: 'team-a', sectionName: 'shop' });
    expect(set.listener('shop').parentResource).toBe(set);
    expect(set.parentResource).toBe(set);
  });

  test('attaches to an imported Gateway without checking it', () => {
    const chart = Testing.chart();
    const gateway = Gateway.fromGatewayName(chart, 'Gw', 'shared', { namespace: 'infra' });
    new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'team-a' }, gateway, listeners: [{ name: 'x', port: 81, protocol: ListenerProtocol.HTTP }] });
    expect(Testing.synth(chart)[0].spec.parentRef).toEqual({ name: 'shared', namespace: 'infra' });
  });

  test('creates the ReferenceGrant a cross-namespace certificate needs, from the ListenerSet kind', () => {
    const { chart, gateway } = setup(AllowedListeners.all());
    new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'team-a' }, gateway, listeners: [{ name: 'shop', ...HTTPS('shop-tls', 'certs') }] });
    const grant = Testing.synth(chart).find(o => o.kind === 'ReferenceGrant');
    expect(grant.metadata).toEqual({ name: 'allow-listenerset-from-team-a', namespace: 'certs' });
    expect(grant.spec.from).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', namespace: 'team-a' }]);
  });

  test('fromListenerSetName imports a ListenerSet', () => {
    const set = ListenerSet.fromListenerSetName(Testing.chart(), 'S', 'team-a-listeners', { namespace: 'team-a' });
    expect(set.listener('shop').parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'team-a-listeners', namespace: 'team-a', sectionName: 'shop' });
    expect(set.parentResource).toBeUndefined();
  });

  test('fails if the Gateway does not accept ListenerSets from its namespace', () => {
    const { chart, gateway } = setup();
    new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'team-a' }, gateway, listeners: [{ name: 'x', port: 81, protocol: ListenerProtocol.HTTP }] });
    expect(() => Testing.synth(chart)).toThrow(/\[c\/Set\] spec.parentRef: Gateway infra\/shared accepts no ListenerSets \(spec.allowedListeners.namespaces.from is None, the default\); set spec.allowedListeners.namespaces.from on the Gateway \(Same, All or Selector\) \[xref\/listener-set-not-allowed\]/);
  });

  test('reports a refusal once, with one code', () => {
    const { chart, gateway } = setup();
    new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'team-a' }, gateway, listeners: [{ name: 'x', port: 81, protocol: ListenerProtocol.HTTP }] });
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e: any) {
      message = e.message;
    }
    expect(message.match(/ListenerSets/g)).toHaveLength(1);
  });

  test('fails if the Gateway accepts only its own namespace', () => {
    const { chart, gateway } = setup(AllowedListeners.same());
    new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'team-a' }, gateway, listeners: [{ name: 'x', port: 81, protocol: ListenerProtocol.HTTP }] });
    expect(() => Testing.synth(chart)).toThrow(/Gateway infra\/shared accepts ListenerSets only from its own namespace infra, not from team-a; .* \[xref\/listener-set-not-allowed\]/);
  });

  test('passes for a selector the app cannot evaluate', () => {
    const { chart, gateway } = setup(AllowedListeners.fromNamespacesWithLabels({ team: 'a' }));
    new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'team-a' }, gateway, listeners: [{ name: 'x', port: 81, protocol: ListenerProtocol.HTTP }] });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('fails at once, naming the prop, if gateway is missing (a JavaScript caller)', () => {
    const chart = Testing.chart();
    expect(() => new ListenerSet(chart, 'Set', {} as never)).toThrow(/gateway is required: the Gateway this ListenerSet adds listeners to/);
  });

  test('fails if it has no listeners', () => {
    const { chart, gateway } = setup(AllowedListeners.all());
    new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'team-a' }, gateway });
    expect(() => Testing.synth(chart)).toThrow(/the ListenerSet has no listeners/);
  });

  test('fails if a certificate Secret of the app lacks tls.key', () => {
    const { chart, gateway } = setup(AllowedListeners.all());
    const secret = new kplus.Secret(chart, 'Tls', { metadata: { name: 'shop-tls', namespace: 'team-a' }, stringData: { 'tls.crt': 'x' } });
    new ListenerSet(chart, 'Set', {
      metadata: { name: 's', namespace: 'team-a' },
      gateway,
      listeners: [{ name: 'shop', port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecret(secret)]) }],
    });
    expect(() => Testing.synth(chart)).toThrow(/\[c\/Set\] listener 'shop' tls certificate 0 \(Secret 'shop-tls'\): Secret 'c\/Tls' has data but no tls.key key/);
  });

  test('fails if listeners conflict', () => {
    const { chart, gateway } = setup(AllowedListeners.all());
    const set = new ListenerSet(chart, 'Set', { metadata: { name: 's', namespace: 'team-a' }, gateway, listeners: [{ name: 'a', port: 81, protocol: ListenerProtocol.HTTP }] });
    expect(() => set.addListener('a', { port: 82, protocol: ListenerProtocol.HTTP })).toThrow(/ListenerSet 'c\/Set': a listener named 'a' already exists/);
    expect(() => set.addListener('b', { port: 81, protocol: ListenerProtocol.HTTP })).toThrow(/listener 'b' \(port 81, HTTP\) conflicts with listener 'a'/);
  });

  test('fails if referenceGrants is NONE and a certificate is in another namespace', () => {
    const { chart, gateway } = setup(AllowedListeners.all());
    new ListenerSet(chart, 'Set', {
      metadata: { name: 's', namespace: 'team-a' },
      gateway,
      referenceGrants: ReferenceGrantPolicy.NONE,
      listeners: [{ name: 'shop', ...HTTPS('shop-tls', 'certs') }],
    });
    expect(() => Testing.synth(chart)).toThrow(/which needs a ReferenceGrant there/);
  });

  test('an unknown referenceGrants policy is refused, naming the valid ones; AUTO and NONE are taken', () => {
    const { chart, gateway } = setup(AllowedListeners.all());
    const listeners = [{ name: 'x', port: 81, protocol: ListenerProtocol.HTTP }];
    expect(() => new ListenerSet(chart, 'Bad', { metadata: { name: 'b', namespace: 'team-a' }, gateway, listeners, referenceGrants: 'Sometimes' as ReferenceGrantPolicy }))
      .toThrow(/referenceGrants "Sometimes" is invalid; expected ReferenceGrantPolicy.AUTO or ReferenceGrantPolicy.NONE/);
    for (const policy of [ReferenceGrantPolicy.AUTO, ReferenceGrantPolicy.NONE]) {
      expect(new ListenerSet(chart, `Set${policy}`, { metadata: { name: `s-${policy.toLowerCase()}`, namespace: 'team-a' }, gateway, listeners, referenceGrants: policy }).referenceGrants).toBe(policy);
    }
  });
});
