import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { CrossNamespaceChart } from '../../examples/cross-namespace';
import { ReferenceGrant } from '../../src';
import { describeWithShared } from '../support/shared';

describe('examples/cross-namespace', () => {
  test('synthesizes the seed\'s two grants, the Gateway and its automatic grant', () => {
    const objects = Testing.synth(new CrossNamespaceChart(Testing.app(), 'cross-namespace'));
    expect(objects.map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'ReferenceGrant gateway-system/allow-production-routes',
      'ReferenceGrant production/allow-gateway-to-backends',
      'Gateway gateway-system/edge-gateway',
      'ReferenceGrant cert-store/allow-gateway-from-gateway-system',
    ]);
    expect(objects).toMatchSnapshot();
  });

  test('the grants permit what they say', () => {
    const chart = new CrossNamespaceChart(Testing.app(), 'cross-namespace');
    const route = (namespace: string) => ({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace });
    expect(ReferenceGrant.isAllowed(chart, route('staging'), { group: '', kind: 'Secret', name: 'wildcard-tls', namespace: 'gateway-system' })).toBe(true);
    expect(ReferenceGrant.isAllowed(chart, route('dev'), { group: '', kind: 'Secret', name: 'wildcard-tls', namespace: 'gateway-system' })).toBe(false);
    expect(ReferenceGrant.isAllowed(chart, route('gateway-system'), { group: '', kind: 'Service', name: 'any', namespace: 'production' })).toBe(true);
    expect(ReferenceGrant.isAllowed(chart, { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'gateway-system' },
      { group: '', kind: 'Secret', name: 'shared-wildcard-tls', namespace: 'cert-store' })).toBe(true);
  });
});

describeWithShared('examples/cross-namespace against the seed guide', shared => {
  test('emits the seed\'s ReferenceGrants with the same namespace, name and spec, as v1', () => {
    const seed = fs.readFileSync(path.join(shared, 'seed/000_90665368728c9213.txt'), 'utf8');
    const docs = [...seed.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .flatMap(m => parseAllDocuments(m[1]).map(d => d.toJSON()))
      .filter(d => d && d.kind === 'ReferenceGrant');
    expect(docs.map(d => d.metadata.name)).toEqual(['allow-production-routes', 'allow-gateway-to-backends']);
    const objects = Testing.synth(new CrossNamespaceChart(Testing.app(), 'cross-namespace'));
    for (const d of docs) {
      expect(objects.find(o => o.kind === 'ReferenceGrant' && o.metadata.name === d.metadata.name))
        .toEqual({ ...d, apiVersion: 'gateway.networking.k8s.io/v1' });
    }
  });
});
