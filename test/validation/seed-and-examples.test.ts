import { Testing } from 'cdk8s';
import { BasicChart } from '../../examples/basic';
import { formatDiagnostic, validateManifests, validateObject } from '../../src/validation';
import { seedObjects } from '../support/seed';
import { describeWithShared } from '../support/shared';

describeWithShared("the seed guide's objects", (shared) => {
  const seed = seedObjects(shared);

  test('the outdated versions are rejected with messages naming the version to use; v1beta1 ReferenceGrant is served', () => {
    const outdated = seed.filter((s) => s.originalApiVersion !== 'gateway.networking.k8s.io/v1');
    const verdicts = outdated.map((s) => {
      const d = validateObject(s.original);
      const version = d.find((x) => x.code.startsWith('api/'))!;
      return `${s.original.kind} ${s.originalApiVersion.split('/')[1]}: ${version.severity} ${version.code}; others: ${d.filter((x) => x !== version).map((x) => `${x.code} ${x.field}`).join(', ') || 'none'}`;
    });
    expect(verdicts).toEqual([
      'GRPCRoute v1alpha2: error api/version-not-served; others: none',
      'TCPRoute v1alpha2: error api/version-not-served; others: none',
      'UDPRoute v1alpha2: error api/version-not-served; others: none',
      'TLSRoute v1alpha2: error api/version-not-served; others: none',
      'ReferenceGrant v1beta1: warning api/older-version; others: none',
      'ReferenceGrant v1beta1: warning api/older-version; others: none',
      'BackendTLSPolicy v1alpha2: error api/version-not-served; others: schema/required spec.targetRefs, schema/required spec.validation, schema/unknown-field spec.targetRef, schema/unknown-field spec.tls',
    ]);
    const grpc = validateObject(outdated[0].original)[0];
    expect(grpc.message).toMatch(/^GRPCRoute gateway\.networking\.k8s\.io\/v1alpha2 is not served by Gateway API v1\.6\.1 \(standard channel\): .*; use gateway\.networking\.k8s\.io\/v1 /);
  });

  test('every object, upgraded to v1, passes schema and CEL validation on its own', () => {
    for (const s of seed) expect(validateObject(s.upgraded).map(formatDiagnostic)).toEqual([]);
    expect(seed.length).toBe(19);
  });

  test('validated together, the only error is the TLSRoute naming a listener the guide never defines', () => {
    const d = validateManifests(seed.map((s) => s.upgraded));
    expect(d.filter((x) => x.severity === 'error').map(formatDiagnostic)).toEqual([
      "error TLSRoute production/tls-passthrough spec.parentRefs[0].sectionName: parentRefs[0] names sectionName 'tls-passthrough', " +
        'but Gateway gateway-system/main-gateway has no listener of that name; its listeners are: http, https, api [xref/section-not-found]',
    ]);
    expect(d.filter((x) => x.severity === 'warning').map((x) => `${x.object?.kind} ${x.object?.name} ${x.code}`)).toEqual([
      'HTTPRoute myapp-route xref/listener-not-allowed',
      'TCPRoute database-route xref/parent-not-found',
      'UDPRoute dns-route xref/parent-not-found',
    ]);
  });
});

describe('examples', () => {
  test("examples/basic output has no errors (one warning: the route's namespace labels are not in the chart)", () => {
    const objects = Testing.synth(new BasicChart(Testing.app(), 'basic'));
    const d = validateManifests(objects);
    expect(d.filter((x) => x.severity === 'error')).toEqual([]);
    expect(d.map((x) => x.code)).toEqual(['xref/listener-not-allowed']);
  });
});

describe('speed', () => {
  test('1,000 HTTPRoutes validate in well under a few seconds once the schemas are compiled', () => {
    const make = (i: number): any => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `r${i}`, namespace: 'apps' },
      spec: {
        parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'https' }],
        hostnames: [`app${i}.example.com`],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'x-env', value: 'prod' }] }],
            filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }] } }],
            backendRefs: [{ name: 'api', port: 80, weight: 90 }, { name: 'api-canary', port: 80, weight: 10 }],
          },
          { matches: [{ path: { type: 'Exact', value: '/old' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
        ],
      },
    });
    validateManifests([make(-1)]);
    const routes = Array.from({ length: 1000 }, (_, i) => make(i));
    // CPU time, not wall time: the machine running the tests may be busy with other work.
    const start = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const d = validateManifests(routes);
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    // eslint-disable-next-line no-console
    console.log(`validated 1,000 HTTPRoutes: ${cpuMs.toFixed(0)} ms CPU, ${wallMs.toFixed(0)} ms wall`);
    expect(d).toEqual([]);
    expect(cpuMs).toBeLessThan(5000);
  });
});
