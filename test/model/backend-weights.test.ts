import { backendShares, backendWeight, backendsTakingTraffic, formatShare, pickBackend } from '../../src/model';
import { DataPlane } from '../../src/testing';

describe('backendShares: weight / sum, unset weight 1, weight 0 no traffic', () => {
  test('shares in order; an unset weight counts 1', () => {
    expect(backendShares([{ weight: 90 }, { weight: 10 }])).toEqual([0.9, 0.1]);
    expect(backendShares([{}, { weight: 3 }])).toEqual([0.25, 0.75]);
    expect(backendShares([{ weight: 0 }, { weight: 5 }])).toEqual([0, 1]);
  });
  test('every weight 0: every share 0 (no backend takes traffic)', () => {
    expect(backendShares([{ weight: 0 }, { weight: 0 }])).toEqual([0, 0]);
    expect(backendsTakingTraffic([{ weight: 0 }, { weight: 0 }])).toBe(0);
    expect(backendShares([])).toEqual([]);
  });
  test('backendWeight and backendsTakingTraffic', () => {
    expect(backendWeight({})).toBe(1);
    expect(backendWeight({ weight: 0 })).toBe(0);
    expect(backendWeight({ weight: -3 })).toBe(0);
    expect(backendsTakingTraffic([{ weight: 1 }, { weight: 0 }, {}])).toBe(2);
  });
  test('formatShare', () => {
    expect(formatShare(0.9)).toBe('90%');
    expect(formatShare(1 / 3)).toBe('33.3%');
    expect(formatShare(0)).toBe('0%');
  });
});

describe('pickBackend never picks a backend of weight 0', () => {
  test('a weight-0 entry is skipped at every boundary of r', () => {
    for (const r of [0, 1e-12, 0.5, 0.999999999, 1, -0.5, 2, Number.NaN]) {
      expect(pickBackend([{ weight: 0 }, { weight: 1 }], r)).toBe(1);
      expect(pickBackend([{ weight: 1 }, { weight: 0 }], r)).toBe(0);
      expect(pickBackend([{ weight: 0 }, { weight: 2 }, { weight: 0 }], r)).toBe(1);
    }
  });
  test('proportional: the boundary between two backends is at weight / sum', () => {
    const refs = [{ weight: 90 }, { weight: 0 }, { weight: 10 }];
    expect(pickBackend(refs, 0)).toBe(0);
    expect(pickBackend(refs, 0.8999)).toBe(0);
    expect(pickBackend(refs, 0.9)).toBe(2);
    expect(pickBackend(refs, 0.99)).toBe(2);
  });
  test('every weight 0, or no backendRefs: -1 (no backend)', () => {
    expect(pickBackend([{ weight: 0 }, { weight: 0 }], 0)).toBe(-1);
    expect(pickBackend([{ weight: 0 }], 0.7)).toBe(-1);
    expect(pickBackend([], 0.2)).toBe(-1);
  });
});

function plane(weights: readonly number[]): DataPlane {
  const backendRefs = weights.map((weight, i) => ({ name: `b${i}`, port: 80, weight }));
  return DataPlane.fromManifests([
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'c', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'apps' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs }] } },
  ], { assumeMissing: true });
}

describe('the data plane follows the shares', () => {
  test('a weight-0 backend gets no request on any seed, and no share in the distribution', () => {
    const p = plane([0, 1, 0]);
    for (let seed = 0; seed < 200; seed++) expect(p.http({ host: 'x.example', seed }).backend?.name).toBe('b1');
    expect(p.distribution('http://x.example/').backends).toEqual({ 'apps/b1': 1 });
  });
  test('every weight 0: the request gets a 500 (no backend) and the distribution says so', () => {
    const p = plane([0, 0]);
    const r = p.http({ host: 'x.example', seed: 3 });
    expect(r.outcome).toBe('direct-response');
    expect(r.status).toBe(500);
    expect(r.backend).toBeUndefined();
    expect(r.explanation.join('\n')).toMatch(/every backendRef has weight 0: 500/);
    expect(p.distribution('http://x.example/').backends).toEqual({ '(500)': 1 });
  });
});

describe('every weight 0 on gRPC and L4 routes', () => {
  const G = 'gateway.networking.k8s.io/v1';
  const p = DataPlane.fromManifests([
    { apiVersion: G, kind: 'Gateway', metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'c', listeners: [{ name: 'h2c', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }, { name: 'db', port: 5432, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } }] } },
    { apiVersion: G, kind: 'GRPCRoute', metadata: { name: 'g', namespace: 'apps' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'a', port: 9000, weight: 0 }, { name: 'b', port: 9000, weight: 0 }] }] } },
    { apiVersion: 'gateway.networking.k8s.io/v1alpha2', kind: 'TCPRoute', metadata: { name: 't', namespace: 'apps' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'pg', port: 5432, weight: 0 }] }] } },
  ], { assumeMissing: true });
  test('gRPC: UNAVAILABLE, no backend', () => {
    const r = p.grpc({ service: 'a.B', method: 'C', host: 'x.example', seed: 5 });
    expect(r.code).toBe(14);
    expect(r.backend).toBeUndefined();
    expect(p.distribution('grpc://x.example/a.B/C').backends).toEqual({ '(14)': 1 });
  });
  test('TCP: the connection is refused', () => {
    const r = p.tcp({ port: 5432, seed: 5 });
    expect(r.outcome).toBe('refused');
    expect(r.backend).toBeUndefined();
  });
});
