import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import {
  Backend, BackendTlsPolicy, BackendTlsTrust, FAIL_ON_WARNINGS_CONTEXT, formatDiagnostic, Gateway, GatewayClass, HttpRoute, l1, ListenerProtocol, ListenerSet, ListenerTls, ReferenceGrant, TcpRoute, TlsRoute, UdpRoute, validateApp,
  validateChart, WARNING_METADATA_TYPE,
} from '../src';

function gateway(chart: Chart, listeners = true): Gateway {
  return new Gateway(chart, 'Gw', {
    metadata: { name: 'gw', namespace: 'infra' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'),
    listeners: listeners ? [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] : [],
  });
}

/** A route in namespace `apps` on a listener that admits only its own namespace: xref/listener-not-allowed. */
function refusedRoute(chart: Chart, gw: Gateway): HttpRoute {
  return new HttpRoute(chart, 'Route', {
    metadata: { name: 'web', namespace: 'apps' },
    parents: [gw.listener('http')],
    rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }],
  });
}

/** A Service in infra, so that a backend Service missing from the app is a warning (xref/backend-not-found). */
function otherService(chart: Chart): void {
  new ApiObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'other', namespace: 'infra' }, spec: { ports: [{ port: 80 }] } });
}

/**
 * A Service 'web' in namespace apps: a backend naming Service 'web' in infra (Backend.fromServiceName) then gets
 * the one xref/backend-not-found a by-name backend still gets (a likely namespace slip), a warning.
 */
function webServiceInApps(chart: Chart): void {
  new ApiObject(chart, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'apps' }, spec: { ports: [{ port: 80 }] } });
}

describe('validateApp', () => {
  test('each problem is reported once, with one code: an empty Gateway, ListenerSet and ReferenceGrant', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const gw = gateway(chart, false);
    new ListenerSet(chart, 'Set', { metadata: { name: 'set', namespace: 'infra' }, gateway: gw });
    new ReferenceGrant(chart, 'Grant', { metadata: { name: 'grant', namespace: 'infra' } });
    const found = validateApp(app).filter(d => d.severity === 'error').map(d => `${d.code} ${d.source} ${d.field}`);
    // the schema's minItems on spec.listeners, spec.from and spec.to is the same problem the constructs report
    expect(found.filter(f => f.startsWith('schema/min-items'))).toEqual([]);
    expect(found).toEqual(expect.arrayContaining([
      'construct/missing c/Gw listeners', 'construct/missing c/Set listeners', 'construct/missing c/Grant from', 'construct/missing c/Grant to',
    ]));
  });

  test('each problem is reported once: a TCPRoute, TLSRoute or UDPRoute without its rule', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const gw = new Gateway(chart, 'Gw', {
      metadata: { name: 'gw', namespace: 'infra' },
      gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'),
      listeners: [
        { name: 'tcp', port: 9000, protocol: ListenerProtocol.TCP },
        { name: 'tls', port: 443, hostname: 'a.example.com', protocol: ListenerProtocol.TLS, tls: ListenerTls.passthrough() },
        { name: 'udp', port: 53, protocol: ListenerProtocol.UDP },
      ],
    });
    new TcpRoute(chart, 'Tcp', { metadata: { name: 't', namespace: 'infra' }, parents: [gw.listener('tcp')] });
    new TlsRoute(chart, 'Tls', { metadata: { name: 's', namespace: 'infra' }, parents: [gw.listener('tls')], hostnames: ['a.example.com'] });
    new UdpRoute(chart, 'Udp', { metadata: { name: 'u', namespace: 'infra' }, parents: [gw.listener('udp')] });
    expect(validateApp(app).map(d => `${d.code} ${d.source} ${d.field}`)).toEqual([
      'construct/missing c/Tcp rules', 'construct/missing c/Tls rules', 'construct/missing c/Udp rules',
    ]);
  });

  test('each problem is reported once: a TLSRoute without hostnames, a BackendTLSPolicy without targets', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const gw = new Gateway(chart, 'Gw', {
      metadata: { name: 'gw', namespace: 'infra' },
      gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'),
      listeners: [{ name: 'tls', port: 443, hostname: 'a.example.com', protocol: ListenerProtocol.TLS, tls: ListenerTls.passthrough() }],
    });
    new TlsRoute(chart, 'Tls', { metadata: { name: 's', namespace: 'infra' }, parents: [gw.listener('tls')], rules: [{ backends: [Backend.fromServiceName('a', { port: 443 })] }] });
    new BackendTlsPolicy(chart, 'Policy', { metadata: { name: 'p', namespace: 'infra' }, hostname: 'a.example.com', trust: BackendTlsTrust.system() });
    expect(validateApp(app).filter(d => d.severity === 'error').map(d => `${d.code} ${d.source} ${d.field}`)).toEqual([
      'construct/missing c/Tls hostnames', 'construct/missing c/Policy targets',
    ]);
  });

  test('a valid app has no diagnostics', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const gw = gateway(chart);
    new HttpRoute(chart, 'Route', { metadata: { name: 'web', namespace: 'infra' }, parents: [gw], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    expect(validateApp(app)).toEqual([]);
  });

  test('returns the engine errors with the owning construct path, without throwing', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    refusedRoute(chart, gateway(chart));
    const found = validateApp(app);
    expect(found).toEqual([expect.objectContaining({
      code: 'xref/listener-not-allowed',
      severity: 'error',
      source: 'c/Route',
      field: 'spec.parentRefs[0]',
      object: { kind: 'HTTPRoute', namespace: 'apps', name: 'web' },
    })]);
    // the same problem still fails synthesis afterwards (collecting is undone)
    expect(() => app.synth()).toThrow(/\[c\/Route\] spec\.parentRefs\[0\].*\[xref\/listener-not-allowed\]/);
  });

  test("returns the constructs' own synth-time problems with a code and field", () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    gateway(chart, false);
    new HttpRoute(chart, 'Lonely', { metadata: { name: 'lonely', namespace: 'infra' }, rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    // (the engine also finds the empty listener list: schema/min-items)
    expect(validateApp(app).filter((d) => d.code.startsWith('construct/'))).toEqual([
      {
        code: 'construct/missing',
        severity: 'error',
        source: 'c/Gw',
        field: 'listeners',
        object: { kind: 'Gateway', namespace: 'infra', name: 'gw' },
        message: 'the Gateway has no listeners; add at least one with addListener() or the listeners prop',
      },
      expect.objectContaining({ code: 'construct/missing', source: 'c/Lonely', field: 'parents', object: { kind: 'HTTPRoute', namespace: 'infra', name: 'lonely' } }),
    ]);
  });

  test('cdk8s prints the same problem once, without repeating the construct in the message', () => {
    const chart = Testing.chart();
    gateway(chart, false);
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Gw\] listeners: the Gateway has no listeners; add at least one with addListener\(\) or the listeners prop \[construct\/missing\]/);
    try {
      Testing.synth(chart);
    } catch (err) {
      expect((err as Error).message).not.toMatch(/Gateway 'test\/Gw'/);
    }
  });

  test('objects no library construct owns are reported with their own path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    gateway(chart);
    new l1.HTTPRoute(chart, 'Raw', {
      metadata: { name: 'raw', namespace: 'infra' },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }], backendRefs: [{ name: 'web', port: 80 }] }] },
    });
    const found = validateApp(app);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.source === 'c/Raw')).toBe(true);
    expect(found.map((d) => d.code)).toContain('cel/HTTPRoute/redirect-with-backends');
  });

  test('app.synth() prints the errors of a raw object or an Include under their own construct paths, never under the root ([])', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'include-'));
    try {
      const file = path.join(dir, 'routes.yaml');
      fs.writeFileSync(file, 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: included, namespace: infra }\nspec: { rules: [ { backendRefs: [ { name: web } ] } ] }\n');
      const app = new App({ outdir: dir });
      const chart = new Chart(app, 'c');
      gateway(chart);
      new l1.HTTPRoute(chart, 'Raw', { metadata: { name: 'raw', namespace: 'infra' }, spec: { rules: [{ backendRefs: [{ name: 'web' }] }] } });
      new Include(chart, 'Inc', { url: file });
      let message = '';
      try {
        app.synthYaml();
      } catch (err) {
        message = (err as Error).message;
      }
      const lines = message.split('\n').filter((l) => l.includes('[cel/HTTPRoute/service-port-required]'));
      expect(lines.map((l) => l.trim().slice(0, l.trim().indexOf(' ')))).toEqual(['[c/Raw]', '[c/Inc/included-httproute-infra]']);
      expect(message).not.toContain('[]');
      // validateApp names the same paths
      expect(validateApp(app).map((d) => [d.source, d.code])).toEqual([['c/Raw', 'cel/HTTPRoute/service-port-required'], ['c/Inc/included-httproute-infra', 'cel/HTTPRoute/service-port-required']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an object that cannot be rendered is reported under its own path with construct/render-failed', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    gateway(chart);
    const raw = new l1.HTTPRoute(chart, 'Raw', { metadata: { name: 'raw', namespace: 'infra' }, spec: { rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } });
    raw.addJsonPatch(JsonPatch.remove('/spec/nothing/here'));
    expect(() => app.synthYaml()).toThrow(/^ {2}\[c\/Raw\] cannot render the object: .* \[construct\/render-failed\]$/m);
    expect(validateApp(app).map((d) => [d.source, d.code])).toEqual([['c/Raw', 'construct/render-failed']]);
  });

  test('warnings are returned as warnings', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    webServiceInApps(chart);
    const gw = gateway(chart);
    new HttpRoute(chart, 'Route', { metadata: { name: 'web', namespace: 'infra' }, parents: [gw], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    expect(validateApp(app)).toEqual([expect.objectContaining({ code: 'xref/backend-not-found', severity: 'warning', source: 'c/Route' })]);
  });

  test('a failing validation of another construct becomes construct/validation; one that throws, construct/validation-failed', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    gateway(chart);
    chart.node.addValidation({ validate: () => ['the chart needs a label'] });
    new Chart(app, 'd').node.addValidation({ validate: () => { throw new Error('boom'); } });
    expect(validateApp(app)).toEqual([
      { code: 'construct/validation', severity: 'error', message: 'the chart needs a label', source: 'c' },
      { code: 'construct/validation-failed', severity: 'error', message: 'a validation threw: boom', source: 'd' },
    ]);
  });

  test('works on an app of raw L1 objects only', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new l1.Gateway(chart, 'Raw', { metadata: { name: 'gw', namespace: 'infra' }, spec: { gatewayClassName: 'envoy', listeners: [] } as any });
    expect(validateApp(app).map((d) => d.source)).toEqual(expect.arrayContaining(['c/Raw']));
  });
});

describe('Services named by a backend (Backend.fromServiceName) are taken to live outside the app', () => {
  const route = (chart: Chart, gw: Gateway, ...backends: Backend[]) =>
    new HttpRoute(chart, 'Route', { metadata: { name: 'web', namespace: 'infra' }, parents: [gw], rules: [{ backends }] });

  test('an app that defines other Services gets no xref/backend-not-found for a by-name backend', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    otherService(chart);
    route(chart, gateway(chart), Backend.fromServiceName('legacy-api', { port: 80 }), Backend.fromServiceName('billing', { port: 8080, namespace: 'payments' }));
    expect(validateApp(app).filter((d) => d.code !== 'xref/missing-reference-grant')).toEqual([]);
  });

  test('a by-name Service the app does define is still checked (its port)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    otherService(chart);
    route(chart, gateway(chart), Backend.fromServiceName('other', { port: 81 }));
    expect(validateApp(app).map((d) => d.code)).toEqual(['xref/service-port-not-exposed']);
  });

  test('a by-name Service the app defines in another namespace only is a likely slip: a warning naming that namespace', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    webServiceInApps(chart);
    route(chart, gateway(chart), Backend.fromServiceName('web', { port: 80 }));
    const [d, ...rest] = validateApp(app);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'xref/backend-not-found', severity: 'warning', source: 'c/Route', fix: "set the reference's namespace to apps, or check the name" });
  });

  test('a by-name Service one typo away from a Service of the app in its namespace is reported (did you mean); a sibling name is not', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'Api', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api-v1', namespace: 'infra' }, spec: { ports: [{ port: 80 }] } });
    route(chart, gateway(chart), Backend.fromServiceName('api-v11', { port: 80 }), Backend.fromServiceName('api-v2', { port: 80 }));
    expect(validateApp(app).map((d) => [d.code, d.field, d.fix])).toEqual([['xref/backend-not-found', 'spec.rules[0].backendRefs[0]', "name 'api-v1' if that is the Service meant"]]);
  });

  test('a Service passed as a construct but not part of this app, and a raw route naming a missing Service, are still reported', () => {
    const elsewhere = new Chart(Testing.app(), 'elsewhere');
    const foreign = new ApiObject(elsewhere, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'foreign', namespace: 'infra' }, spec: { ports: [{ port: 80 }] } });
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    otherService(chart);
    route(chart, gateway(chart), Backend.fromService(foreign, { port: 80 }));
    new l1.HTTPRoute(chart, 'Raw', { metadata: { name: 'raw', namespace: 'infra' }, spec: { rules: [{ backendRefs: [{ name: 'typo', port: 80 }] }] } });
    expect(validateApp(app).map((d) => [d.source, d.code, d.message.split(' is not among')[0]])).toEqual([
      ['c/Route', 'xref/backend-not-found', 'the backend Service infra/foreign'],
      ['c/Raw', 'xref/backend-not-found', 'the backend Service infra/typo'],
    ]);
  });
});

describe('ignore', () => {
  const build = () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    webServiceInApps(chart);
    const gw = gateway(chart);
    new HttpRoute(chart, 'Route', { metadata: { name: 'web', namespace: 'infra' }, parents: [gw], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    refusedRoute(new Chart(app, 'apps'), gw);
    return app;
  };

  test('validateApp and validateChart leave out the diagnostics with the codes given, and only those', () => {
    const app = build();
    expect(validateApp(app).map((d) => d.code)).toEqual(['xref/backend-not-found', 'xref/listener-not-allowed']);
    expect(validateApp(app, { ignore: ['xref/backend-not-found'] }).map((d) => d.code)).toEqual(['xref/listener-not-allowed']);
    expect(validateApp(app, { ignore: ['xref/backend-not-found', 'xref/listener-not-allowed'] })).toEqual([]);
    expect(validateApp(app, { ignore: [] }).length).toBe(2);
    const chart = app.node.findChild('apps') as Chart;
    expect(validateChart(chart).map((d) => d.code)).toEqual(['xref/listener-not-allowed']);
    expect(validateChart(chart, { ignore: ['xref/listener-not-allowed'] })).toEqual([]);
  });

  test('an ignore entry that is not a code is an error naming it', () => {
    const app = build();
    expect(() => validateApp(app, { ignore: ['backend-not-found'] })).toThrow("validateApp: ignore[0] must be a diagnostic code such as 'xref/backend-not-found' (see docs/validation.md), got \"backend-not-found\"");
    expect(() => validateApp(app, { ignore: 'xref/backend-not-found' as any })).toThrow(/validateApp: ignore must be a list of diagnostic codes/);
    expect(() => validateChart(app.node.findChild('apps') as Chart, { ignore: [42 as any] })).toThrow(/^validateChart: ignore\[0\] must be a diagnostic code/);
  });
});

describe('validateChart', () => {
  test('returns the diagnostics of one chart; cross-object checks still see the app', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    const gw = gateway(infra);
    const apps = new Chart(app, 'apps');
    refusedRoute(apps, gw);
    gateway(new Chart(app, 'other'), false);
    expect(validateChart(apps).map((d) => [d.source, d.code])).toEqual([['apps/Route', 'xref/listener-not-allowed']]);
    expect(validateChart(infra)).toEqual([]);
    expect([...new Set(validateApp(app).map((d) => d.source))]).toEqual(['apps/Route', 'other/Gw']);
  });
});

describe('warnings', () => {
  const warningsOf = (c: { node: { metadata: { type: string; data: any }[] } }) => c.node.metadata.filter((m) => m.type === WARNING_METADATA_TYPE).map((m) => m.data);

  test('are recorded once as gateway-api:warning metadata on the construct, not emitted as process warnings', () => {
    const spy = jest.spyOn(process, 'emitWarning');
    try {
      const chart = Testing.chart();
      webServiceInApps(chart);
      const gw = gateway(chart);
      const route = new HttpRoute(chart, 'Route', { metadata: { name: 'web', namespace: 'infra' }, parents: [gw], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
      Testing.synth(chart);
      Testing.synth(chart);
      expect(warningsOf(route)).toEqual([expect.objectContaining({ code: 'xref/backend-not-found', severity: 'warning', source: 'test/Route' })]);
      expect(formatDiagnostic(warningsOf(route)[0])).toMatch(/^test\/Route: warning HTTPRoute infra\/web /);
      expect(warningsOf(ApiObject.of(route))).toEqual([]);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  test(`fail synthesis where the context ${FAIL_ON_WARNINGS_CONTEXT} is true (app or chart)`, () => {
    const build = (chart: Chart) => {
      webServiceInApps(chart);
      const gw = gateway(chart);
      new HttpRoute(chart, 'Route', { metadata: { name: 'web', namespace: 'infra' }, parents: [gw], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    };
    // off: synthesizes
    const plain = new App();
    build(new Chart(plain, 'c'));
    expect(() => plain.synthYaml()).not.toThrow();
    // on the chart: the warning is an error there
    const strictApp = new App();
    const strict = new Chart(strictApp, 'c');
    strict.node.setContext(FAIL_ON_WARNINGS_CONTEXT, true);
    build(strict);
    expect(() => strictApp.synthYaml()).toThrow(/\[c\/Route\] .*\[xref\/backend-not-found\]/);
    expect(validateApp(strictApp)).toEqual([expect.objectContaining({ code: 'xref/backend-not-found', severity: 'error', source: 'c/Route' })]);
    // on the app, as the string 'true' too: applies to every chart
    const strictRoot = new App();
    strictRoot.node.setContext(FAIL_ON_WARNINGS_CONTEXT, 'true');
    build(new Chart(strictRoot, 'c'));
    expect(validateApp(strictRoot).map((d) => d.severity)).toEqual(['error']);
  });
});
