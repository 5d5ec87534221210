import { DataPlane } from '../../src/testing';

const G = 'gateway.networking.k8s.io/v1';
const objects = [
  { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/gw' } },
  { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: 'a' }, spec: { ports: [{ port: 8080 }] } },
  {
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace: 'apps', name: 'r' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      rules: [
        { matches: [{ path: { type: 'RegularExpression', value: '/(?=look)ahead' } }], backendRefs: [{ name: 'a', port: 8080 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/ok' } }], backendRefs: [{ name: 'a', port: 8080 }] },
      ],
    },
  },
];
const conditions = (plane: DataPlane) => plane.status('HTTPRoute', 'apps', 'r')!.parents[0].conditions;

describe('routes with some invalid rules (PartiallyInvalid)', () => {
  test('by default the whole route is rejected, and explain() says so', () => {
    const plane = DataPlane.fromManifests(objects);
    expect(conditions(plane).find((c) => c.type === 'Accepted')).toMatchObject({ status: 'False', reason: 'UnsupportedValue', message: expect.stringMatching(/partiallyInvalid: 'drop-rule'/) });
    expect(conditions(plane).find((c) => c.type === 'PartiallyInvalid')).toBeUndefined();
    expect(plane.http({ gateway: 'infra/gw', path: '/ok' }).status).toBe(404);
    expect(plane.explain({ gateway: 'infra/gw', path: '/ok' })).toMatch(/rejected: HTTPRoute apps\/r is not Accepted \(UnsupportedValue\): rules\[0\]: path/);
  });

  test('with drop-rule the invalid rule is dropped, the others serve, and explain() says which', () => {
    const plane = DataPlane.fromManifests(objects, { partiallyInvalid: 'drop-rule' });
    expect(conditions(plane).find((c) => c.type === 'Accepted')).toMatchObject({ status: 'True' });
    expect(conditions(plane).find((c) => c.type === 'PartiallyInvalid')).toMatchObject({ status: 'True', reason: 'UnsupportedValue', message: expect.stringMatching(/^Dropped Rule\(s\) 0: rules\[0\]: path/) });
    expect(plane.http({ gateway: 'infra/gw', path: '/ok' })).toMatchObject({ outcome: 'forwarded', route: { rule: 1 } });
    expect(plane.http({ gateway: 'infra/gw', path: '/lookahead' }).status).toBe(404);
    expect(plane.explain({ gateway: 'infra/gw', path: '/ok' })).toMatch(/dropped: HTTPRoute apps\/r rule 0: .*approach drop-rule/);
  });

  test('a route whose rules are all invalid is rejected under either approach', () => {
    const onlyBad = objects.map((o: any) => (o.kind === 'HTTPRoute' ? { ...o, spec: { ...o.spec, rules: [o.spec.rules[0]] } } : o));
    const plane = DataPlane.fromManifests(onlyBad, { partiallyInvalid: 'drop-rule' });
    expect(conditions(plane).find((c) => c.type === 'Accepted')).toMatchObject({ status: 'False', reason: 'UnsupportedValue' });
    expect(conditions(plane).find((c) => c.type === 'PartiallyInvalid')).toBeUndefined();
  });
});
