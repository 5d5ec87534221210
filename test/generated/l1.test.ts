import { Testing } from 'cdk8s';
import { l1 } from '../../src';
import { EXPERIMENTAL_CRDS, STANDARD_CRDS } from '../../generated';

const KINDS = ['GatewayClass', 'Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute', 'ReferenceGrant', 'BackendTLSPolicy'];

describe('L1 classes', () => {
  test.each(KINDS)('%s has the v1 GVK and renders its props as given', (kind) => {
    // GIVEN
    const chart = Testing.chart();
    const cls = (l1 as any)[kind];
    // WHEN
    new cls(chart, 'obj', { metadata: { name: 'x' }, spec: { anything: 'kept' } });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toEqual({ apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'x' }, spec: { anything: 'kept' } });
    expect(cls.GVK).toEqual({ apiVersion: 'gateway.networking.k8s.io/v1', kind });
  });

  test('manifest() renders without a scope', () => {
    expect(l1.HTTPRoute.manifest({ metadata: { name: 'r' }, spec: { hostnames: ['a.example.com'] } })).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { hostnames: ['a.example.com'] },
    });
  });

  test('experimental types are reachable through their own namespace', () => {
    const rule: l1.experimental.HTTPRouteRule = { retry: { attempts: 2 }, backendRefs: [{ name: 'b', port: 80 }] };
    expect(rule.retry?.attempts).toBe(2);
  });
});

/** Paths of schema nodes that still carry a description or CEL rules (a property named `description` is fine). */
function proseKeys(node: any, path = ''): string[] {
  if (!node || typeof node !== 'object') return [];
  const found: string[] = [];
  if (typeof node.description === 'string') found.push(`${path}.description`);
  if (node['x-kubernetes-validations']) found.push(`${path}.x-kubernetes-validations`);
  for (const [name, child] of Object.entries(node.properties ?? {})) found.push(...proseKeys(child, `${path}.${name}`));
  if (node.items) found.push(...proseKeys(node.items, `${path}[]`));
  if (typeof node.additionalProperties === 'object') found.push(...proseKeys(node.additionalProperties, `${path}{}`));
  return found;
}

describe('validation data', () => {
  test.each(KINDS)('%s: schema with defaults, CEL rules with paths, in both channels', (kind) => {
    for (const crds of [STANDARD_CRDS, EXPERIMENTAL_CRDS]) {
      const data = crds[kind];
      expect(data.kind).toBe(kind);
      expect(data.version).toBe('v1');
      expect(data.schema.type).toBe('object');
      expect(data.schema.properties.spec).toBeDefined();
      expect(proseKeys(data.schema)).toEqual([]);
      for (const rule of data.rules) {
        expect(typeof rule.rule).toBe('string');
        expect(typeof rule.path).toBe('string');
      }
    }
  });

  test('HTTPRoute keeps the path-match default and the rule about ReplacePrefixMatch', () => {
    const http = STANDARD_CRDS.HTTPRoute;
    const match = http.schema.properties.spec.properties.rules.items.properties.matches;
    expect(match.default).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);
    expect(http.rules.some(r => r.path === 'spec.rules[]' && r.rule.includes('ReplacePrefixMatch'))).toBe(true);
  });

  test('the CEL rules are all there', () => {
    const counts = Object.fromEntries(KINDS.map(k => [k, STANDARD_CRDS[k].rules.length]));
    expect(counts.HTTPRoute).toBeGreaterThan(50);
    expect(counts.Gateway).toBeGreaterThan(5);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
  });
});
