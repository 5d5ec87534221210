import { listenerRouteKinds } from '../../src/model';

describe('listenerRouteKinds: listing several kinds', () => {
  test('an HTTP listener listing HTTPRoute and GRPCRoute supports both, in the listed order', () => {
    const G = 'gateway.networking.k8s.io';
    expect(listenerRouteKinds('HTTP', { kinds: [{ kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] })).toStrictEqual({
      supported: [{ group: G, kind: 'HTTPRoute' }, { group: G, kind: 'GRPCRoute' }],
      invalid: [],
    });
    expect(listenerRouteKinds('HTTPS', { kinds: [{ kind: 'GRPCRoute' }, { kind: 'HTTPRoute' }, { kind: 'GRPCRoute' }] }).supported)
      .toStrictEqual([{ group: G, kind: 'GRPCRoute' }, { group: G, kind: 'HTTPRoute' }]);
  });
});
