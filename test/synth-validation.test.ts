import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, formatDiagnostic, Gateway, GatewayClass, HttpMatch, HttpRoute, l1, ListenerProtocol, ReferenceGrantPolicy, WARNING_METADATA_TYPE } from '../src';
import { FAIL_ON_WARNINGS_CONTEXT, failsOnWarnings } from '../src/synth-validation';

function gateway(chart: Chart): Gateway {
  const gatewayClass = GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy');
  return new Gateway(chart, 'Gw', {
    metadata: { name: 'gw', namespace: 'infra' },
    gatewayClass,
    listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }],
  });
}

describe('synth-time validation (schema, CEL, cross-object)', () => {
  test('a valid app synthesizes', () => {
    // GIVEN
    const chart = Testing.chart();
    const gw = gateway(chart);
    // WHEN
    new HttpRoute(chart, 'Route', {
      metadata: { name: 'web', namespace: 'infra' },
      parents: [gw.listener('http')],
      rules: [{ matches: [HttpMatch.pathPrefix('/')], backends: [Backend.fromServiceName('web', { port: 80 })] }],
    });
    // THEN
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Gateway', 'HTTPRoute']);
  });

  test('fails if a route attaches to a listener that only allows its own namespace', () => {
    // GIVEN
    const chart = Testing.chart();
    const gw = gateway(chart);
    // WHEN
    new HttpRoute(chart, 'Route', {
      metadata: { name: 'web', namespace: 'apps' },
      parents: [gw.listener('http')],
      rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }],
    });
    // THEN: reported under the route's construct path, with the check's code
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Route\] spec\.parentRefs\[0\].*\[xref\/listener-not-allowed\]/);
  });

  test('fails if a JSON patch breaks the CRD schema, naming the field', () => {
    // GIVEN
    const chart = Testing.chart();
    const gw = gateway(chart);
    const route = new HttpRoute(chart, 'Route', {
      metadata: { name: 'web', namespace: 'infra' },
      parents: [gw],
      hostnames: ['web.example.com'],
      rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }],
    });
    // WHEN
    ApiObject.of(route).addJsonPatch(JsonPatch.add('/spec/hostnames/-', 'Not_A_Host'));
    // THEN
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Route\] spec\.hostnames\[1\].*Not_A_Host.*\[schema\/pattern\]/);
  });

  test('fails if a raw L1 object breaks a CEL rule, reported with its own path', () => {
    // GIVEN
    const chart = Testing.chart();
    gateway(chart);
    // WHEN: a redirect together with backends, which the HTTPRoute CRD forbids
    new l1.HTTPRoute(chart, 'Raw', {
      metadata: { name: 'raw', namespace: 'infra' },
      spec: {
        parentRefs: [{ name: 'gw' }],
        rules: [{
          filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }],
          backendRefs: [{ name: 'web', port: 80 }],
        }],
      },
    });
    // THEN
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Raw\] spec\.rules\[0\].*\[cel\/HTTPRoute\//);
  });

  test('experimental options switch the app to the experimental channel', () => {
    // GIVEN
    const chart = Testing.chart();
    const gw = gateway(chart);
    // WHEN
    new HttpRoute(chart, 'Route', {
      metadata: { name: 'web', namespace: 'infra' },
      parents: [gw],
      rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })], experimental: { retry: { attempts: 2 } } }],
    });
    // THEN: no unknown-field error for spec.rules[0].retry
    const route = Testing.synth(chart).find(o => o.kind === 'HTTPRoute');
    expect(route.spec.rules[0].retry).toEqual({ attempts: 2 });
  });

  test('every problem is listed, not only the first', () => {
    // GIVEN
    const chart = Testing.chart();
    const gw = gateway(chart);
    for (const id of ['A', 'B']) {
      new HttpRoute(chart, id, {
        metadata: { name: id.toLowerCase(), namespace: 'apps' },
        parents: [gw.listener('http')],
        rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }],
      });
    }
    // THEN
    expect(() => Testing.synth(chart)).toThrow(/\[test\/A\][\s\S]*\[test\/B\]/);
  });
});

describe('each problem is reported once', () => {
  // Warnings are recorded as construct metadata (gateway-api:warning), not emitted as process warnings.
  const warnings = (chart: Chart): string[] => {
    Testing.synth(chart);
    return chart.node.findAll().flatMap(c => c.node.metadata.filter(m => m.type === WARNING_METADATA_TYPE).map(m => formatDiagnostic(m.data)));
  };

  test('a route on a Gateway imported by name, next to an in-app Gateway, gets no xref/parent-not-found', () => {
    const chart = Testing.chart();
    gateway(chart);
    const shared = Gateway.fromGatewayName(chart, 'Shared', 'main', { namespace: 'infra' });
    new HttpRoute(chart, 'Route', { metadata: { name: 'web', namespace: 'infra' }, parents: [shared], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    expect(warnings(chart).filter(w => w.includes('xref/parent-not-found'))).toEqual([]);
    // A mistyped name next to the in-app Gateway is still reported.
    const other = Testing.chart();
    gateway(other);
    new l1.HTTPRoute(other, 'Raw', { metadata: { name: 'raw', namespace: 'infra' }, spec: { parentRefs: [{ name: 'gw-typo' }] } });
    expect(warnings(other).filter(w => w.includes('xref/parent-not-found'))).toHaveLength(1);
  });

  test('a missing ReferenceGrant under ReferenceGrantPolicy.NONE is one error', () => {
    const chart = Testing.chart();
    const gw = gateway(chart);
    new HttpRoute(chart, 'Route', {
      metadata: { name: 'web', namespace: 'apps' },
      parents: [gw],
      referenceGrants: ReferenceGrantPolicy.NONE,
      rules: [{ backends: [Backend.fromServiceName('web', { port: 80, namespace: 'other' })] }],
    });
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e: any) {
      message = e.message;
    }
    expect(message.match(/other/g)?.length).toBeGreaterThan(0);
    expect(message.split('\n').filter(l => /Service 'web'|Service other\/web/.test(l))).toEqual([
      expect.stringMatching(/refers to Service 'web' in namespace 'other', which needs a ReferenceGrant there \(referenceGrants is ReferenceGrantPolicy.NONE/),
    ]);
  });
});

describe('failsOnWarnings', () => {
  test('off unless the context key is true (or "true") at or above the construct', () => {
    const app = Testing.app();
    const plain = new Construct(new Chart(app, 'plain'), 'X');
    const strictChart = new Chart(app, 'strict');
    strictChart.node.setContext(FAIL_ON_WARNINGS_CONTEXT, true);
    const strict = new Construct(strictChart, 'X');
    const offChart = new Chart(app, 'off');
    offChart.node.setContext(FAIL_ON_WARNINGS_CONTEXT, false);
    const off = new Construct(offChart, 'X');
    expect([failsOnWarnings(plain), failsOnWarnings(strict), failsOnWarnings(off)]).toEqual([false, true, false]);
    const stringApp = Testing.app();
    stringApp.node.setContext(FAIL_ON_WARNINGS_CONTEXT, 'true');
    expect(failsOnWarnings(new Construct(new Chart(stringApp, 'c'), 'X'))).toBe(true);
  });

  test('the names are stable (documented in docs/validation.md)', () => {
    expect(FAIL_ON_WARNINGS_CONTEXT).toBe('gateway-api:failOnWarnings');
    expect(WARNING_METADATA_TYPE).toBe('gateway-api:warning');
  });
});
