import { Testing } from 'cdk8s';
import { diagnosticsOf, edgeChart, GATEWAY, planeOf } from './fixtures';
import { Backend, BlueGreen, BlueGreenColor, BlueGreenProps, HeaderMatch } from '../../src';

const blue = Backend.fromServiceName('shop-blue', { port: 80 });
const green = Backend.fromServiceName('shop-green', { port: 80 });

function setup(props: Partial<BlueGreenProps> = {}) {
  const { chart, gateway } = edgeChart();
  const bg = new BlueGreen(chart, 'Shop', {
    metadata: { name: 'shop' },
    parents: [gateway.listener('https')],
    hostnames: ['shop.example.com'],
    blue,
    green,
    active: BlueGreenColor.BLUE,
    previewHostname: 'preview.shop.example.com',
    previewHeader: HeaderMatch.exact('x-preview', 'true'),
    ...props,
  });
  return { chart, bg };
}

const LIVE = { gateway: GATEWAY, scheme: 'https' as const, host: 'shop.example.com', path: '/cart' };
const PREVIEW = { ...LIVE, host: 'preview.shop.example.com' };

describe('BlueGreen', () => {
  test('manifests', () => {
    expect(Testing.synth(setup().chart).filter(o => o.kind === 'HTTPRoute')).toMatchSnapshot();
  });

  test('all live traffic to the active color; the idle one by preview hostname and header; switchTo swaps them', () => {
    const { chart, bg } = setup();
    let plane = planeOf(chart);
    expect(plane.distribution(LIVE).backends).toEqual({ 'apps/shop-blue': 1 });
    expect(plane.distribution(PREVIEW).backends).toEqual({ 'apps/shop-green': 1 });
    expect(plane.distribution({ ...LIVE, headers: { 'x-preview': 'true' } }).backends).toEqual({ 'apps/shop-green': 1 });
    expect([bg.active, bg.idle]).toEqual([BlueGreenColor.BLUE, BlueGreenColor.GREEN]);

    bg.switchTo(BlueGreenColor.GREEN);
    plane = planeOf(chart);
    expect(plane.distribution(LIVE).backends).toEqual({ 'apps/shop-green': 1 });
    expect(plane.distribution(PREVIEW).backends).toEqual({ 'apps/shop-blue': 1 });
    expect(plane.distribution({ ...LIVE, headers: { 'x-preview': 'true' } }).backends).toEqual({ 'apps/shop-blue': 1 });
    expect(bg.active).toBe(BlueGreenColor.GREEN);

    bg.switchTo(BlueGreenColor.BLUE);
    expect(planeOf(chart).distribution(LIVE).backends).toEqual({ 'apps/shop-blue': 1 });
  });

  test('the preview route is named after the live one', () => {
    const { bg } = setup();
    expect([bg.route.name, bg.previewRoute?.name]).toEqual(['shop', 'shop-preview']);
  });

  test('its output passes validateManifests with no error and no warning', () => {
    const { chart, bg } = setup();
    expect(diagnosticsOf(chart)).toEqual([]);
    bg.switchTo(BlueGreenColor.GREEN);
    expect(diagnosticsOf(chart)).toEqual([]);
  });

  test('fails if blue and green are the same backend, or the preview hostname is live', () => {
    expect(() => setup({ green: blue })).toThrow(/BlueGreen 'test\/Shop': blue and green are the same backend/);
    expect(() => setup({ previewHostname: 'shop.example.com' })).toThrow(/previewHostname 'shop.example.com' is also a live hostname/);
    expect(() => setup().bg.switchTo('red' as BlueGreenColor)).toThrow(/color "red" must be BlueGreenColor.BLUE or BlueGreenColor.GREEN/);
  });
});
