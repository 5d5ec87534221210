/**
 * Regression guard for performance that times nothing: the work the
 * validation engine and the data plane do (CEL programs run, places visited,
 * objects checked, index lookups) is counted for an input and for the same
 * input ten times larger, and must grow no faster than the input.
 */
import { Chart, Testing } from 'cdk8s';
import { Backend, Gateway, GatewayClass, HeaderMatch, HttpMatch, HttpRoute, ListenerProtocol, AllowedRoutes } from '../../src';
import { DataPlane } from '../../src/testing';
import { validateManifests } from '../../src/validation';
import { resetWorkCounters, snapshotWorkCounters, type WorkCounters } from '../../src/validation/work-counters';

const V1 = 'gateway.networking.k8s.io/v1';

/** `routes` HTTPRoutes over a few namespaces, with a Gateway, and (unless `withoutServices`) their GatewayClass and Services. */
function manifests(routes: number, withoutServices = false): object[] {
  const teams = Math.max(2, Math.ceil(routes / 20));
  const out: object[] = [];
  if (!withoutServices) out.push({ apiVersion: V1, kind: 'GatewayClass', metadata: { name: 'gc' }, spec: { controllerName: 'example.com/gc' } });
  out.push({
    apiVersion: V1,
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'infra' },
    spec: { gatewayClassName: 'gc', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] },
  });
  for (let t = 0; t < teams; t++) {
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${t}` } });
    if (!withoutServices) {
      for (let s = 0; s < 3; s++) out.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${s}`, namespace: `team-${t}` }, spec: { ports: [{ port: 80 }] } });
    }
  }
  for (let i = 0; i < routes; i++) {
    out.push({
      apiVersion: V1,
      kind: 'HTTPRoute',
      metadata: { name: `r-${i}`, namespace: `team-${i % teams}` },
      spec: {
        parentRefs: [{ name: 'gw', namespace: 'infra' }],
        hostnames: [`app-${i}.example.com`],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: `/r${i}` }, headers: [{ name: 'x-team', value: `t${i % 7}` }] }],
            filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-route', value: `r-${i}` }] } }],
            backendRefs: [{ name: `svc-${i % 3}`, port: 80, weight: 90 }, { name: `svc-${(i + 1) % 3}`, port: 80, weight: 10 }],
          },
          { matches: [{ path: { type: 'Exact', value: `/r${i}/healthz` }, method: 'GET' }], backendRefs: [{ name: `svc-${(i + 2) % 3}`, port: 80 }] },
        ],
      },
    });
  }
  return out;
}

function counted(run: () => void): WorkCounters {
  resetWorkCounters();
  run();
  return snapshotWorkCounters();
}

/** Asserts that `big` is at most `factor` times `small` (with 10% slack), and that the work was counted at all. */
function expectAtMostLinear(small: number, big: number, factor: number, what: string): void {
  expect({ what, counted: small > 0 }).toEqual({ what, counted: true });
  expect({ what, ratio: big / small <= factor * 1.1 }).toEqual({ what, ratio: true });
}

describe('work grows linearly with the input', () => {
  test('validating manifests: objects checked, places visited and CEL programs run', () => {
    // GIVEN
    const small = manifests(40);
    const big = manifests(400);
    const factor = big.length / small.length;
    // WHEN
    const a = counted(() => validateManifests(small));
    const b = counted(() => validateManifests(big));
    // THEN
    expect(a.objectsValidated).toBe(small.filter((o: any) => o.apiVersion === V1).length);
    expect(b.objectsValidated).toBe(big.filter((o: any) => o.apiVersion === V1).length);
    expectAtMostLinear(a.celInstances, b.celInstances, factor, 'CEL places visited');
    expectAtMostLinear(a.celEvaluations + a.celCacheHits, b.celEvaluations + b.celCacheHits, factor, 'CEL rule-node checks');
    // Programs actually run grow no faster than the input, and identical sub-objects share results: a value's
    // results are stored at its second sighting and read from the cache after.
    expectAtMostLinear(a.celEvaluations, b.celEvaluations, factor, 'CEL programs run');
    expect(b.celCacheHits).toBeGreaterThan(b.celResultsStored);
    expect(b.celResultsStored).toBeGreaterThan(0);
  });

  test('the data plane with assumeMissing: objects admitted and index lookups', () => {
    // GIVEN
    const small = manifests(40, true);
    const big = manifests(400, true);
    const factor = big.length / small.length;
    // WHEN
    const a = counted(() => DataPlane.fromManifests(small, { assumeMissing: true }));
    const b = counted(() => DataPlane.fromManifests(big, { assumeMissing: true }));
    // THEN
    expectAtMostLinear(a.objectsAdmitted, b.objectsAdmitted, factor, 'objects admitted');
    expectAtMostLinear(a.assumedLookups, b.assumedLookups, factor, 'assumed-object lookups');
  });

  test('a synthesis validates each object once, however many validation passes cdk8s makes', () => {
    // GIVEN: a chart of L2 routes (app.synth() validates the app, then again in chart.toJson(); Testing.app() writes to a temporary directory)
    const build = (routes: number) => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      const cls = new GatewayClass(chart, 'Class', { controllerName: 'example.com/gc' });
      const gw = new Gateway(chart, 'Gw', {
        metadata: { namespace: 'infra' },
        gatewayClass: cls,
        listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.all() }],
      });
      for (let i = 0; i < routes; i++) {
        new HttpRoute(chart, `R${i}`, {
          metadata: { namespace: 'apps' },
          parents: [gw],
          hostnames: [`app-${i}.example.com`],
          rules: [{
            matches: [HttpMatch.pathPrefix(`/r${i}`, { headers: [HeaderMatch.exact('x-team', `t${i % 7}`)] })],
            backends: [Backend.fromServiceName('web', { port: 80, weight: 90 }), Backend.fromServiceName('web2', { port: 80, weight: 10 })],
          }],
        });
      }
      return app;
    };
    const smallApp = build(10);
    const bigApp = build(100);
    // WHEN
    const a = counted(() => smallApp.synth());
    const b = counted(() => bigApp.synth());
    // THEN: 2 + routes objects, each rendered and validated once; the second pass reused the first
    // (test/validation/synth-renders.test.ts counts every render, cdk8s's output included)
    expect([a.objectsValidated, a.synthValidationsReused, a.synthRenders]).toEqual([12, 1, 12]);
    expect([b.objectsValidated, b.synthValidationsReused, b.synthRenders]).toEqual([102, 1, 102]);
    expectAtMostLinear(a.celInstances, b.celInstances, 10, 'CEL places visited (ten times the routes)');
  });

  test('a change between two renders is validated again', () => {
    // GIVEN
    const chart = Testing.chart();
    const cls = new GatewayClass(chart, 'Class', { controllerName: 'example.com/gc' });
    const gw = new Gateway(chart, 'Gw', { gatewayClass: cls, listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] });
    const route = new HttpRoute(chart, 'R', { parents: [gw], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    Testing.synth(chart);
    // WHEN
    route.addRule({ matches: [HttpMatch.pathPrefix('/a')], backends: [Backend.fromServiceName('web', { port: 80 })] });
    const c = counted(() => Testing.synth(chart));
    // THEN: rendered again (nothing kept from the last synthesis) and validated again
    expect([c.objectsValidated, c.synthValidationsReused, c.synthRenders]).toEqual([3, 0, 3]);
  });

  test('the data plane checks an object once however many planes load it (one per matcher), and again when it changes', () => {
    // GIVEN the objects of a small configuration (labelled: no other test of this file loaded this content)
    const objects = manifests(20, true).map((o: any) => ({ ...o, metadata: { ...o.metadata, labels: { test: 'reuse' } } }));
    const checked = (run: () => void) => {
      const c = counted(run);
      return { validated: c.objectsValidated, reused: c.admissionsReused, admitted: c.objectsAdmitted };
    };
    // WHEN they are loaded twice (a fresh copy of the same content the second time)
    let a: DataPlane | undefined;
    let b: DataPlane | undefined;
    const first = checked(() => { a = DataPlane.fromManifests(objects, { assumeMissing: true }); });
    const second = checked(() => { b = DataPlane.fromManifests(JSON.parse(JSON.stringify(objects)), { assumeMissing: true }); });
    // THEN the second load reused every check and admitted the same objects, and routes the same
    expect(first.validated).toBeGreaterThan(20);
    expect(second).toEqual({ validated: 0, reused: first.admitted, admitted: first.admitted });
    const request = { gateway: 'infra/gw', host: 'app-3.example.com', path: '/r3', headers: { 'x-team': 't3' } };
    expect(b!.http(request)).toEqual(a!.http(request));
    // WHEN one route changes: only it is checked again
    const changed = JSON.parse(JSON.stringify(objects));
    const route = changed.find((o: any) => o.kind === 'HTTPRoute' && o.metadata.name === 'r-3');
    route.spec.rules[0].matches[0].path.value = '/changed';
    const third = checked(() => DataPlane.fromManifests(changed, { assumeMissing: true }));
    expect([third.validated, third.reused]).toEqual([1, first.admitted - 1]);
  });

  test('a refused object is refused again from the reused check, with the diagnostics of each load', () => {
    // GIVEN a route whose hostname the schema refuses, loaded once
    const bad: any = manifests(1, true).find((o: any) => o.kind === 'HTTPRoute');
    bad.metadata.labels = { test: 'refused' };
    bad.spec.hostnames = ['Bad_Host!'];
    const first = DataPlane.fromManifests([bad]);
    // WHEN loaded again
    const c = counted(() => DataPlane.fromManifests([JSON.parse(JSON.stringify(bad))]));
    const second = DataPlane.fromManifests([bad]);
    // THEN the check was reused, the object refused both times with the same diagnostic
    expect([c.objectsValidated, c.admissionsReused]).toEqual([0, 1]);
    const refusals = (p: DataPlane) => p.diagnostics.filter((d) => d.code === 'schema/pattern').map((d) => [d.field, d.severity]);
    expect(refusals(first)).toEqual([['spec.hostnames[0]', 'error']]);
    expect(refusals(second)).toEqual(refusals(first));
  });
});

