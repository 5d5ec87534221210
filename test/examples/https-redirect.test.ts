import { ApiObject, Testing } from 'cdk8s';
import { HttpsRedirectChart } from '../../examples/https-redirect';
import { testing, validateManifests } from '../../src';
import { describeObjects } from '../support/seed-objects';
import { tlsSecret } from '../testing/tls-fixture';

const gateway = 'gateway-system/edge';

describe('examples/https-redirect', () => {
  test('synthesizes a Gateway with HTTP and HTTPS listeners, the shop and its redirect', () => {
    const objects = Testing.synth(new HttpsRedirectChart(Testing.app(), 'https-redirect'));
    expect(describeObjects(objects)).toEqual(['Gateway gateway-system/edge', 'HTTPRoute shop/shop', 'HTTPRoute gateway-system/shop-https-redirect']);
    expect(objects[0].spec.listeners.map((l: any) => l.protocol)).toEqual(['HTTP', 'HTTPS']);
    expect(objects).toMatchSnapshot();
    expect(validateManifests(objects)).toEqual([]);
  });

  test('routing: http redirected with path and query, https served, the ACME path forwarded over http', () => {
    const chart = new HttpsRedirectChart(Testing.app(), 'https-redirect');
    new ApiObject(chart, 'Certificate', tlsSecret('gateway-system', 'wildcard-example-com'));
    const plane = testing.DataPlane.fromChart(chart, { assumeMissing: true });
    expect(plane.http({ gateway, host: 'shop.example.com', path: '/cart?item=3' })).toMatchObject({ status: 301, location: 'https://shop.example.com/cart?item=3' });
    expect(plane.http({ gateway, scheme: 'https', host: 'shop.example.com', path: '/cart?item=3' })).toMatchObject({ status: 200, backend: { namespace: 'shop', name: 'shop' } });
    expect(plane.http({ gateway, host: 'shop.example.com', path: '/.well-known/acme-challenge/abc' })).toMatchObject({ status: 200, backend: { name: 'acme-http01-solver', port: 8089 } });
  });
});
