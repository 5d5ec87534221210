/**
 * The channel a plane loaded from a Chart or App admits its objects in: the
 * channel the app is validated against at synthesis (validateApp, the plugin),
 * unless the options name one. A chart validated against the standard CRDs is
 * not admitted a second time against the experimental ones (issue 18: that
 * second admission loaded and compiled the experimental channel's validators
 * in every cold test file).
 */
import type { App, Chart } from 'cdk8s';

type Package = typeof import('../../src');
type Counters = typeof import('../../src/validation/work-counters');
type Cdk8s = typeof import('cdk8s');

/** cdk8s, the package and its work counters, loaded afresh (as a new process or jest test file loads them). */
function freshPackage(): { cdk8s: Cdk8s; gw: Package; counters: Counters } {
  let out: { cdk8s: Cdk8s; gw: Package; counters: Counters } | undefined;
  jest.isolateModules(() => {
    out = { cdk8s: require('cdk8s'), gw: require('../../src'), counters: require('../../src/validation/work-counters') };
  });
  return out!;
}

/** A GatewayClass, a Gateway and an HTTPRoute; `retry` gives the route's rule the experimental-only `retry` field. */
function chartOf({ cdk8s, gw }: { cdk8s: Cdk8s; gw: Package }, options: { retry?: boolean } = {}): { app: App; chart: Chart } {
  const app = new cdk8s.App();
  const chart = new cdk8s.Chart(app, 'c');
  const cls = new gw.GatewayClass(chart, 'cls', { metadata: { name: 'cls' }, controllerName: 'example.com/c' });
  const gateway = new gw.Gateway(chart, 'gw', {
    metadata: { name: 'gw', namespace: 'infra' },
    gatewayClass: cls,
    listeners: [{ name: 'http', port: 80, protocol: gw.ListenerProtocol.HTTP, allowedRoutes: gw.AllowedRoutes.all() }],
  });
  new gw.HttpRoute(chart, 'r', {
    metadata: { name: 'r', namespace: 'apps' },
    parents: [gateway],
    rules: [{
      backends: [gw.Backend.fromServiceName('web', { port: 80 })],
      ...(options.retry ? { experimental: { retry: { attempts: 2 } } } : {}),
    }],
  });
  return { app, chart };
}

/** A raw HTTPRoute with `retry`, a field only the experimental CRD has. */
function rawExperimentalRoute(cdk8s: Cdk8s, chart: Chart): void {
  new cdk8s.ApiObject(chart, 'raw', {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'raw', namespace: 'apps' },
    spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ retry: { attempts: 2 }, backendRefs: [{ name: 'web', port: 80 }] }] },
  });
}

describe('DataPlane.fromChart / fromApp: the channel of the app', () => {
  test('after validateApp of a standard app, fromChart loads no schema validator: it admits in the standard channel validateApp used', () => {
    // GIVEN a fresh package and a standard app, validated
    const { cdk8s, gw, counters } = freshPackage();
    const { app, chart } = chartOf({ cdk8s, gw });
    expect(gw.validateApp(app).filter((d) => d.severity === 'error')).toEqual([]);
    const before = counters.snapshotWorkCounters().schemaValidatorsLoaded;
    // WHEN the plane loads the chart
    const plane = gw.testing.DataPlane.fromChart(chart, { assumeMissing: true });
    // THEN no validator was loaded (the experimental channel's would be three: GatewayClass, Gateway, HTTPRoute), and
    // the route is served
    expect(counters.snapshotWorkCounters().schemaValidatorsLoaded - before).toBe(0);
    expect(plane.http({ url: 'http://any.example/' }).outcome).toBe('forwarded');
    // AND naming the experimental channel loads its validators (the counter sees them)
    gw.testing.DataPlane.fromChart(chart, { assumeMissing: true, channel: 'experimental' });
    expect(counters.snapshotWorkCounters().schemaValidatorsLoaded - before).toBe(3);
  });

  test('a standard app: an object with an experimental-only field is refused by fromChart and fromApp (validate: false), as its synthesis refuses it; admitted when the options name the experimental channel', () => {
    // GIVEN a standard app with a raw HTTPRoute using `retry`
    const { cdk8s, gw } = freshPackage();
    const { app, chart } = chartOf({ cdk8s, gw });
    rawExperimentalRoute(cdk8s, chart);
    // WHEN loaded without validation, in the app's channel and in the experimental one
    const standard = gw.testing.DataPlane.fromChart(chart, { assumeMissing: true, validate: false });
    const standardApp = gw.testing.DataPlane.fromApp(app, { assumeMissing: true, validate: false });
    const experimental = gw.testing.DataPlane.fromChart(chart, { assumeMissing: true, validate: false, channel: 'experimental' });
    // THEN the standard plane refuses the object at its field; the experimental plane admits it
    const refusals = (p: typeof standard) => p.diagnostics.filter((d) => d.severity === 'error' && d.object?.name === 'raw').map((d) => d.field);
    expect(refusals(standard)).toEqual(['spec.rules[0].retry']);
    expect(refusals(standardApp)).toEqual(['spec.rules[0].retry']);
    expect(refusals(experimental)).toEqual([]);
    expect(experimental.status('HTTPRoute', 'apps', 'raw')).toBeDefined();
    expect(standard.status('HTTPRoute', 'apps', 'raw')).toBeUndefined();
  });

  test('an app a construct switched to the experimental channel (an experimental rule option) is loaded in the experimental channel', () => {
    // GIVEN an app whose route uses the experimental `retry` option, and a raw route with `retry` beside it
    const { cdk8s, gw } = freshPackage();
    const { app, chart } = chartOf({ cdk8s, gw }, { retry: true });
    rawExperimentalRoute(cdk8s, chart);
    // WHEN loaded (validated, as by default)
    const plane = gw.testing.DataPlane.fromChart(chart, { assumeMissing: true });
    const fromApp = gw.testing.DataPlane.fromApp(app, { assumeMissing: true });
    // THEN both routes are admitted, with no refusal
    for (const p of [plane, fromApp]) {
      expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(p.http({ url: 'http://any.example/' }).outcome).toBe('forwarded');
    }
  });
});
