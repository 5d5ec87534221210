import { Testing } from 'cdk8s';
import { BlueGreenChart } from '../../examples/blue-green';
import { BlueGreenColor, testing, validateManifests } from '../../src';
import { describeObjects } from '../support/seed-objects';

const LIVE = { gateway: 'gateway-system/main-gateway', host: 'shop.example.com', path: '/' };

describe('examples/blue-green', () => {
  test('synthesizes the live and the preview route', () => {
    const objects = Testing.synth(new BlueGreenChart(Testing.app(), 'blue-green'));
    expect(describeObjects(objects)).toEqual(['HTTPRoute shop/shop', 'HTTPRoute shop/shop-preview']);
    expect(objects).toMatchSnapshot();
    expect(validateManifests(objects)).toEqual([]);
  });

  test('green is live, blue is the preview; switching back swaps them', () => {
    // main-gateway is managed elsewhere: a stand-in whose listener has the name the routes attach to ('https'), on plain HTTP so no certificate is needed.
    const chart = new BlueGreenChart(Testing.app(), 'blue-green');
    const gateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'main-gateway', namespace: 'gateway-system' },
      spec: { gatewayClassName: 'envoy', listeners: [{ name: 'https', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
    };
    const plane = () => testing.DataPlane.fromManifests([gateway, ...Testing.synth(chart)], { assumeMissing: true });
    expect(plane().distribution(LIVE).backends).toEqual({ 'shop/shop-green': 1 });
    expect(plane().distribution({ ...LIVE, host: 'preview.shop.example.com' }).backends).toEqual({ 'shop/shop-blue': 1 });
    expect(plane().distribution({ ...LIVE, headers: { 'x-preview': 'true' } }).backends).toEqual({ 'shop/shop-blue': 1 });
    chart.shop.switchTo(BlueGreenColor.BLUE);
    expect(plane().distribution(LIVE).backends).toEqual({ 'shop/shop-blue': 1 });
    expect(plane().distribution({ ...LIVE, host: 'preview.shop.example.com' }).backends).toEqual({ 'shop/shop-green': 1 });
  });
});
