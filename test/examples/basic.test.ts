import { Testing } from 'cdk8s';
import { BasicChart } from '../../examples/basic';

describe('examples/basic', () => {
  test('synthesizes the seed guide core objects', () => {
    const app = Testing.app();
    const chart = new BasicChart(app, 'basic');
    const objects = Testing.synth(chart);
    expect(objects.map(o => `${o.kind} ${o.metadata.namespace ?? '-'}/${o.metadata.name}`)).toEqual([
      'GatewayClass -/envoy-gateway',
      'Gateway gateway-system/main-gateway',
      'HTTPRoute production/myapp-route',
    ]);
    expect(objects).toMatchSnapshot();
  });
});
