/** The index the cross-object checks look objects up in. */
import { indexManifests, uncheckedSpec } from '../../src/validation/manifest-index';

const svc = (namespace: string, name: string): object => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name } });

describe('indexManifests find', () => {
  test('group, kind, namespace and name are told apart however their characters split', () => {
    // GIVEN objects whose parts, joined without a separator, would read the same
    const index = indexManifests([
      { object: svc('a', 'bc') },
      { object: svc('ab', 'c') },
      { object: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { namespace: 'x', name: 'y' } } },
    ].map((o, i) => ({ ...o, source: `o${i}` })), { channel: 'standard' });
    // WHEN / THEN
    expect(index.find('', 'Service', 'a', 'bc')?.source).toBe('o0');
    expect(index.find('', 'Service', 'ab', 'c')?.source).toBe('o1');
    expect(index.find('', 'Service', 'a', 'b')).toBeUndefined();
    expect(index.find('', 'Service', 'abc', '')).toBeUndefined();
    expect(index.find('gateway.networking.k8s.io', 'Gateway', 'x', 'y')?.source).toBe('o2');
    expect(index.find('gateway.networking.k8s.io', 'Gatewayx', '', 'y')).toBeUndefined();
    expect(index.find('gateway.networking.k8s.io', 'Service', 'a', 'bc')).toBeUndefined();
    // a group, kind or namespace the set does not hold at all is not found either (nothing to look further in)
    expect(index.find('example.com', 'Service', 'a', 'bc')).toBeUndefined();
    expect(index.find('', 'ConfigMap', 'a', 'bc')).toBeUndefined();
    expect(index.find('', 'Service', 'zz', 'bc')).toBeUndefined();
  });

  test('the core group is found as core or as the empty group; the first of two same objects wins', () => {
    const index = indexManifests([svc('n', 's'), svc('n', 's')].map((object, i) => ({ object, source: `o${i}` })), { channel: 'standard' });
    expect(index.find('core', 'Service', 'n', 's')?.source).toBe('o0');
    expect(index.find('', 'Service', 'n', 's')?.source).toBe('o0');
    expect(index.ofKind('', 'Service').map((o) => o.source)).toEqual(['o0', 'o1']);
  });
});

const GW = 'gateway.networking.k8s.io';

describe('indexManifests: what is indexed, and where', () => {
  test('objects without an apiVersion, a kind or a name, and non-objects, are left out', () => {
    const index = indexManifests([
      null, 'text', [svc('n', 'list')],
      { kind: 'Service', metadata: { namespace: 'n', name: 'no-api-version' } },
      { apiVersion: 'v1', metadata: { namespace: 'n', name: 'no-kind' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'n' } },
      { apiVersion: 'v1', kind: 'Service' },
      svc('n', 'ok'),
    ].map((object) => ({ object })), { channel: 'standard' });
    expect(index.all.map((o) => [o.index, o.name])).toEqual([[7, 'ok']]);
  });

  test('a namespaced object without a namespace is in default; cluster-scoped ones (GatewayClass, core Namespace) in none', () => {
    const index = indexManifests([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } },
      { apiVersion: `${GW}/v1`, kind: 'GatewayClass', metadata: { name: 'gc' }, spec: { controllerName: 'example.com/c' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } },
      { apiVersion: 'example.com/v1', kind: 'Namespace', metadata: { name: 'custom' } },
      { apiVersion: `${GW}/v1`, kind: 'HTTPRoute', metadata: { name: 'r' } },
    ].map((object) => ({ object })), { channel: 'standard' });
    expect(index.all.map((o) => [o.id.kind, o.namespace])).toEqual([
      ['Service', 'default'], ['GatewayClass', ''], ['Namespace', ''], ['Namespace', 'default'], ['HTTPRoute', 'default'],
    ]);
    expect(index.find('', 'Service', 'default', 's')?.index).toBe(0);
    expect(index.find(GW, 'GatewayClass', '', 'gc')?.index).toBe(1);
    expect(index.find('core', 'Namespace', '', 'apps')?.index).toBe(2);
    expect(index.find('example.com', 'Namespace', 'default', 'custom')?.index).toBe(3);
  });

  test('Gateway API objects are defaulted (or taken from defaulted[]); other groups, even with a Gateway API kind, are as given', () => {
    const objects: any[] = [
      { apiVersion: `${GW}/v1`, kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { parentRefs: [{ name: 'gw' }] } },
      { apiVersion: 'example.com/v1', kind: 'HTTPRoute', metadata: { name: 'other' }, spec: { parentRefs: [{ name: 'gw' }] } },
      { apiVersion: `${GW}/v1`, kind: 'HTTPRoute', metadata: { name: 'pre' }, spec: {} },
    ];
    const pre = { ...objects[2], spec: { marker: 'already defaulted' } };
    // WHEN indexed without defaulted[], and with it given for the last object only
    const plain = indexManifests(objects.map((object) => ({ object })), { channel: 'standard' });
    const given = indexManifests(objects.map((object) => ({ object })), { channel: 'standard' }, [undefined, undefined, pre]);
    // THEN
    for (const index of [plain, given]) {
      expect((index.all[0].obj.spec as any).parentRefs[0].kind).toBe('Gateway');
      expect(index.all[1].obj).toBe(objects[1]);
      expect(objects[0].spec.parentRefs[0]).toEqual({ name: 'gw' });
    }
    expect((plain.all[2].obj.spec as any).rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }]);
    expect(given.all[2].obj).toBe(pre);
  });

  test('the source is kept when known and absent otherwise', () => {
    const index = indexManifests([{ object: svc('n', 'a'), source: 'a.yaml' }, { object: svc('n', 'b') }], { channel: 'standard' });
    expect(index.all[0].source).toBe('a.yaml');
    expect(index.all[1]).not.toHaveProperty('source');
  });

  test('ofKind of a kind the set does not hold is empty', () => {
    const index = indexManifests([{ object: svc('n', 'a') }], { channel: 'standard' });
    expect(index.ofKind('', 'Service')).toHaveLength(1);
    expect(index.ofKind('', 'ConfigMap')).toEqual([]);
    expect(index.ofKind(GW, 'Service')).toEqual([]);
  });
});

describe('uncheckedSpec', () => {
  test('the spec when it is an object; undefined when it is absent or not an object', () => {
    const index = indexManifests([svc('n', 'a'), { ...svc('n', 'b'), spec: ['x'] }, { ...svc('n', 'c'), spec: { type: 'ClusterIP' } }]
      .map((object) => ({ object })), { channel: 'standard' });
    expect(index.all.map((o) => uncheckedSpec(o))).toEqual([undefined, undefined, { type: 'ClusterIP' }]);
  });
});
