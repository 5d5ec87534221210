import { Testing } from 'cdk8s';
import { GatewayChart } from '../../examples/gateway';

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

// The seed guide's GatewayClass and Gateway are compared with this example's output in seed-coverage.test.ts.
