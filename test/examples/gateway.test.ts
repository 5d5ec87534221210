import { Testing } from 'cdk8s';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { GatewayChart } from '../../examples/gateway';
import { describeWithShared } from '../support/shared';

describe('examples/gateway', () => {
  test('synthesizes the GatewayClass and Gateway of the seed guide', () => {
    const objects = Testing.synth(new GatewayChart(Testing.app(), 'gateway'));
    expect(objects.map(o => `${o.kind} ${o.metadata.namespace ?? '-'}/${o.metadata.name}`)).toEqual([
      'GatewayClass -/envoy-gateway',
      'Gateway gateway-system/main-gateway',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeWithShared('examples/gateway against the seed guide', shared => {
  test('emits the seed\'s GatewayClass and Gateway specs exactly', () => {
    const seed = fs.readFileSync(path.join(shared, 'seed/000_90665368728c9213.txt'), 'utf8');
    const blocks = [...seed.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]);
    const docs = blocks.flatMap(b => parseAllDocuments(b).map(d => d.toJSON())).filter(Boolean);
    const seedClass = docs.find(d => d.kind === 'GatewayClass' && d.metadata.name === 'envoy-gateway');
    const seedGateway = docs.find(d => d.kind === 'Gateway' && d.metadata.name === 'main-gateway');
    const objects = Testing.synth(new GatewayChart(Testing.app(), 'gateway'));
    expect(objects.find(o => o.kind === 'GatewayClass')).toEqual(seedClass);
    expect(objects.find(o => o.kind === 'Gateway')).toEqual(seedGateway);
  });
});
