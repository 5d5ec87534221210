import { edgeChart } from './fixtures';
import { Backend, BlueGreen, BlueGreenColor, CanaryPlan, CanaryRelease, HttpRoute } from '../../src';
import { describeBackend, sameBackend } from '../../src/patterns/same-backend';

const shop80 = Backend.fromServiceName('shop', { port: 80 });

describe('sameBackend', () => {
  test('equal group, kind, namespace, name and port', () => {
    expect(sameBackend(shop80, Backend.fromServiceName('shop', { port: 80 }))).toBe(true);
  });
  test('any one of them different is another backend', () => {
    expect(sameBackend(shop80, Backend.fromServiceName('shop', { port: 8080 }))).toBe(false);
    expect(sameBackend(shop80, Backend.fromServiceName('shop', { port: 80, namespace: 'other' }))).toBe(false);
    expect(sameBackend(shop80, Backend.fromServiceName('shop2', { port: 80 }))).toBe(false);
    expect(sameBackend(shop80, Backend.custom({ group: 'example.com', kind: 'Service', name: 'shop', port: 80 }))).toBe(false);
    expect(sameBackend(shop80, Backend.custom({ group: '', kind: 'ServiceImport', name: 'shop', port: 80 }))).toBe(false);
  });
  test('describeBackend names kind, namespace, name and port', () => {
    expect(describeBackend(Backend.fromServiceName('shop', { port: 80, namespace: 'apps' }))).toBe('Service apps/shop:80');
    expect(describeBackend(Backend.custom({ group: 'example.com', kind: 'Bucket', name: 'b' }))).toBe('Bucket b');
  });
});

describe('every pattern uses the same identity', () => {
  function blueGreen(blue: Backend, green: Backend) {
    const { chart, gateway } = edgeChart();
    return () => new BlueGreen(chart, 'Shop', { parents: [gateway], hostnames: ['shop.example.com'], blue, green, active: BlueGreenColor.BLUE });
  }
  function canary(stable: Backend, canaryBackend: Backend) {
    const { chart, gateway } = edgeChart();
    const route = new HttpRoute(chart, 'Api', { parents: [gateway], rules: [{ backends: [stable] }] });
    return () => new CanaryRelease(chart, 'C', { route, stable, canary: canaryBackend, plan: CanaryPlan.percent(5) });
  }
  const samePortOther = Backend.fromServiceName('shop', { port: 8080 });
  const otherGroup = Backend.custom({ group: 'example.com', kind: 'Service', name: 'shop', port: 80 });

  test('two ports of one Service are two backends', () => {
    expect(blueGreen(shop80, samePortOther)).not.toThrow();
    expect(canary(shop80, samePortOther)).not.toThrow();
  });
  test('a backend of another group with the same kind and name is another backend', () => {
    expect(blueGreen(shop80, otherGroup)).not.toThrow();
    expect(canary(shop80, otherGroup)).not.toThrow();
  });
  test('the same backend is refused by both, named the same way', () => {
    expect(blueGreen(shop80, Backend.fromServiceName('shop', { port: 80 }))).toThrow(/blue and green are the same backend \(Service shop:80\)/);
    expect(canary(shop80, Backend.fromServiceName('shop', { port: 80 }))).toThrow(/stable and canary are the same backend \(Service shop:80\)/);
  });
});
