import { Testing } from 'cdk8s';
import { errorOf } from './error-of';
import { edgeChart, GATEWAY, planeOf } from './fixtures';
import { Backend, BlueGreen, BlueGreenColor, BlueGreenProps } from '../../src';

const blue = Backend.fromServiceName('shop-blue', { port: 80 });
const green = Backend.fromServiceName('shop-green', { port: 80 });

function build(props: Partial<BlueGreenProps>) {
  const { chart, gateway } = edgeChart();
  const bg = new BlueGreen(chart, 'Shop', { parents: [gateway.listener('https')], blue, green, active: BlueGreenColor.BLUE, ...props });
  return { chart, bg };
}

describe('BlueGreen errors and optional hostnames', () => {
  test('blue or green that is not a Backend is wrong-type, whichever of the two it is', () => {
    const notBackend = { name: 'shop-blue', port: 80 } as unknown as Backend;
    for (const props of [{ blue: notBackend }, { green: notBackend }, { blue: notBackend, green: notBackend }]) {
      const e = errorOf(() => build(props));
      expect(e).toMatchObject({ code: 'construct/wrong-type', kind: 'BlueGreen', path: 'test/Shop' });
      expect(e.message).toMatch(/blue and green must be Backends \(Backend\.fromService\(\)/);
    }
  });

  test('the same backend twice is a conflict', () => {
    expect(errorOf(() => build({ green: Backend.fromServiceName('shop-blue', { port: 80 }) }))).toMatchObject({ code: 'construct/conflict', field: undefined });
  });

  test('a previewHostname that is also live is a conflict at previewHostname', () => {
    expect(errorOf(() => build({ hostnames: ['shop.example.com'], previewHostname: 'shop.example.com' })))
      .toMatchObject({ code: 'construct/conflict', field: 'previewHostname' });
  });

  test('a previewHostname without live hostnames gets its own route; live traffic takes any host', () => {
    const { chart, bg } = build({ previewHostname: 'preview.example.com' });
    expect(bg.previewRoute).toBeDefined();
    const routes = Testing.synth(chart).filter(o => o.kind === 'HTTPRoute');
    expect(routes.map(r => r.spec.hostnames)).toEqual([undefined, ['preview.example.com']]);
    const plane = planeOf(chart);
    const req = { gateway: GATEWAY, scheme: 'https' as const, path: '/' };
    expect(plane.http({ ...req, host: 'preview.example.com' }).backend?.name).toBe('shop-green');
    expect(plane.http({ ...req, host: 'shop.example.com' }).backend?.name).toBe('shop-blue');
  });

  test('an unknown color, at construction or in switchTo, is invalid-value at color', () => {
    expect(errorOf(() => build({ active: 'red' as BlueGreenColor }))).toMatchObject({ code: 'construct/invalid-value', kind: 'BlueGreen', field: 'color' });
    const { bg } = build({});
    expect(errorOf(() => bg.switchTo('red' as BlueGreenColor))).toMatchObject({ code: 'construct/invalid-value', kind: 'BlueGreen', path: 'test/Shop', field: 'color' });
    expect(bg.active).toBe(BlueGreenColor.BLUE);
  });
});
