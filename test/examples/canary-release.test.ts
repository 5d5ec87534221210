import { ApiObject, Testing } from 'cdk8s';
import { CanaryReleaseChart } from '../../examples/canary-release';
import { testing, validateManifests } from '../../src';
import { describeObjects } from '../support/seed-objects';
import { tlsSecret } from '../testing/tls-fixture';

const API = { gateway: 'gateway-system/edge', scheme: 'https' as const, host: 'api.example.com', path: '/api/orders' };

function plane(chart: CanaryReleaseChart): testing.DataPlane {
  return testing.DataPlane.fromChart(chart, { assumeMissing: true });
}

function chart(): CanaryReleaseChart {
  const c = new CanaryReleaseChart(Testing.app(), 'canary-release');
  new ApiObject(c, 'Certificate', tlsSecret('gateway-system', 'wildcard-example-com'));
  return c;
}

describe('examples/canary-release', () => {
  test('synthesizes a Gateway with HTTP and HTTPS listeners, the redirect and the released route', () => {
    const objects = Testing.synth(new CanaryReleaseChart(Testing.app(), 'canary-release'));
    expect(describeObjects(objects)).toEqual(['Gateway gateway-system/edge', 'HTTPRoute gateway-system/https-redirect', 'HTTPRoute production/api']);
    expect(objects[0].spec.listeners.map((l: any) => l.protocol)).toEqual(['HTTP', 'HTTPS']);
    expect(objects).toMatchSnapshot();
    expect(validateManifests(objects)).toEqual([]);
  });

  test('every state of the plan, exactly, with the mirrored share of stable traffic', () => {
    const c = chart();
    const expected = [
      { 'production/api-stable': 0.9, 'production/api-canary': 0.1 },
      { 'production/api-stable': 0.75, 'production/api-canary': 0.25 },
      { 'production/api-stable': 0.5, 'production/api-canary': 0.5 },
      { 'production/api-canary': 1 },
    ];
    expected.forEach((backends, i) => {
      c.release.atStep(i);
      const d = plane(c).distribution(API);
      expect(d.backends).toEqual(backends);
      expect(d.mirrored['production/api-canary'] ?? 0).toBeCloseTo((backends['production/api-stable'] ?? 0) * (i < 3 ? 0.1 : 0), 12);
    });
    c.release.abort();
    expect(plane(c).distribution(API)).toEqual({ backends: { 'production/api-stable': 1 }, mirrored: {} });
  });

  test('the cohort and the sticky clients reach the canary at 25%; plain HTTP is redirected', () => {
    const p = plane(chart());
    expect(p.distribution({ ...API, headers: { 'x-canary': 'always' } }).backends).toEqual({ 'production/api-canary': 1 });
    expect(p.distribution({ ...API, headers: { cookie: 'beta=yes' } }).backends).toEqual({ 'production/api-canary': 1 });
    expect(p.distribution({ ...API, headers: { cookie: 'theme=dark; api-canary=api-canary' } }).backends).toEqual({ 'production/api-canary': 1 });
    expect(p.http({ ...API, scheme: 'http', path: '/api/orders?x=1' })).toMatchObject({ status: 301, location: 'https://api.example.com/api/orders?x=1' });
  });
});
