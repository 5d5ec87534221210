/**
 * Synth-time validation: the behaviours the surviving mutants of a Stryker run
 * on src/synth-validation.ts showed untested (docs/mutation-testing.md). Each
 * describe names the flow that reaches the code: a synthesis (`app.synth`,
 * `app.synthYaml`, `Testing.synth`), `validateApp`/`validateChart`, a user's
 * own `node.validate()`, a change made between them.
 */
import { ApiObject, ApiObjectProps, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, Diagnostic, FAIL_ON_WARNINGS_CONTEXT, Gateway, GatewayClass, HttpRoute, l1, ListenerProtocol, TcpRoute, validateApp, validateChart, WARNING_METADATA_TYPE } from '../src';
import { SynthValidation } from '../src/synth-validation';
import { resetWorkCounters, snapshotWorkCounters } from '../src/validation/work-counters';

function gateway(chart: Chart, id = 'Gw'): Gateway {
  return new Gateway(chart, id, {
    metadata: { name: id.toLowerCase(), namespace: 'infra' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, `${id}Class`, 'envoy'),
    listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }],
  });
}

function route(chart: Chart, gw: Gateway, id = 'Route', namespace = 'infra'): HttpRoute {
  return new HttpRoute(chart, id, {
    metadata: { name: id.toLowerCase(), namespace },
    parents: [gw],
    hostnames: ['web.example.com'],
    rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }],
  });
}

/** A raw HTTPRoute whose parentRefs name Gateways the app does not define: one xref/parent-not-found warning each. */
function strayRoute(chart: Chart, id: string, ...parents: string[]): l1.HTTPRoute {
  return new l1.HTTPRoute(chart, id, { metadata: { name: id.toLowerCase(), namespace: 'infra' }, spec: { parentRefs: parents.map(name => ({ name })) } });
}

/** The message of the error `run` throws ('' when it throws none). */
function thrown(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

/** The `gateway-api:warning` metadata of every construct of `scope`'s tree, as `path code message`. */
function warningMetadata(scope: Construct): string[] {
  return scope.node.root.node.findAll().flatMap(c => c.node.metadata
    .filter(m => m.type === WARNING_METADATA_TYPE)
    .map(m => `${c.node.path} ${(m.data as Diagnostic).severity} ${(m.data as Diagnostic).code} ${(m.data as Diagnostic).message}`));
}

const brief = (ds: Diagnostic[]) => ds.map(d => `${d.source} ${d.severity} ${d.code} ${d.field ?? '-'} ${d.message}`);

describe('SynthValidation.channelOf', () => {
  test('standard for a tree the synth validation never saw, and for an app without experimental options', () => {
    const app = Testing.app();
    const bare = new Construct(new Chart(app, 'bare'), 'X');
    expect(SynthValidation.channelOf(bare)).toBe('standard');
    const chart = new Chart(app, 'c');
    route(chart, gateway(chart));
    expect(SynthValidation.channelOf(bare)).toBe('standard');
  });

  test('experimental, from any construct of the tree, once a construct used an experimental-only option', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const other = new Construct(new Chart(app, 'other'), 'X');
    const gw = gateway(chart);
    new HttpRoute(chart, 'Retry', {
      metadata: { name: 'retry', namespace: 'infra' },
      parents: [gw],
      rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })], experimental: { retry: { attempts: 2 } } }],
    });
    expect(SynthValidation.channelOf(other)).toBe('experimental');
    expect(SynthValidation.channelOf(app)).toBe('experimental');
  });
});

/** A raw object whose rendering throws `error`. */
class Unrenderable extends ApiObject {
  public constructor(scope: Construct, id: string, private readonly error: unknown) {
    super(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id.toLowerCase(), namespace: 'infra' } } as ApiObjectProps);
  }
  public toJson(): any {
    throw this.error;
  }
}

describe('an object that cannot be rendered', () => {
  test('a library construct whose JSON patch fails: one construct/render-failed error under the construct\'s path, nothing else about it', () => {
    // GIVEN
    const chart = Testing.chart();
    const r = route(chart, gateway(chart));
    ApiObject.of(r).addJsonPatch(JsonPatch.test('/metadata/name', 'other'));
    // THEN
    const found = validateApp(chart.node.root as App).filter(d => d.source === 'test/Route');
    expect(found.map(d => [d.severity, d.code, d.field])).toEqual([['error', 'construct/render-failed', undefined]]);
    expect(found[0].message).toMatch(/^cannot render the object: Failed serializing construct at path 'test\/Route\/Resource' with name 'route': TEST_OPERATION_FAILED/);
    expect(thrown(() => Testing.synth(chart))).toMatch(/\n {2}\[test\/Route\] cannot render the object: Failed serializing construct at path 'test\/Route\/Resource'[\s\S]*\[construct\/render-failed\]/);
  });

  test('a raw object whose toJson throws an Error, a string or undefined: the message says what was thrown, under the object\'s path', () => {
    // GIVEN
    const chart = Testing.chart();
    new Unrenderable(chart, 'Err', new Error('no spec yet'));
    new Unrenderable(chart, 'Text', 'a plain string');
    new Unrenderable(chart, 'Nothing', undefined);
    // THEN
    expect(brief(validateApp(chart.node.root as App))).toEqual([
      'test/Err error construct/render-failed - cannot render the object: no spec yet',
      'test/Text error construct/render-failed - cannot render the object: a plain string',
      'test/Nothing error construct/render-failed - cannot render the object: undefined',
    ]);
    expect(thrown(() => Testing.synth(chart)).split('\n').slice(1)).toEqual([
      '  [test/Err] cannot render the object: no spec yet [construct/render-failed]',
      '  [test/Text] cannot render the object: a plain string [construct/render-failed]',
      '  [test/Nothing] cannot render the object: undefined [construct/render-failed]',
    ]);
  });

  test('validateApp with an implementation: the object that cannot be rendered is left out of the feature check', () => {
    const chart = Testing.chart();
    route(chart, gateway(chart));
    new Unrenderable(chart, 'Err', new Error('no spec yet'));
    const found = validateApp(chart.node.root as App, { implementation: { supportedFeatures: ['Gateway'] } });
    expect(found.filter(d => d.source === 'test/Err').map(d => d.code)).toEqual(['construct/render-failed']);
    expect(found.filter(d => d.code === 'compat/feature-not-claimed').map(d => d.source)).toEqual(['test/Route']);
  });
});

describe('an empty required list is reported once, by the construct that reports it itself', () => {
  /** A Gateway without listeners, a raw Gateway without listeners named like it, a TCPRoute whose patch empties its backends. */
  function emptyLists(): Chart {
    const chart = Testing.chart();
    new Gateway(chart, 'Gw', { metadata: { name: 'gw', namespace: 'infra' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'), listeners: [] });
    new l1.Gateway(chart, 'Gw2', { metadata: { name: 'gw2', namespace: 'infra' }, spec: { gatewayClassName: 'envoy', listeners: [] } });
    const tcp = new TcpRoute(chart, 'Tcp', { metadata: { name: 'tcp', namespace: 'infra' }, parents: [gateway(chart, 'Edge')], rules: [{ backends: [Backend.fromServiceName('db', { port: 5432 })] }] });
    ApiObject.of(tcp).addJsonPatch(JsonPatch.replace('/spec/rules/0/backendRefs', []));
    return chart;
  }

  test('the construct\'s own construct/missing and no schema/min-items; the same list of another object and another list of the construct are still reported', () => {
    const chart = emptyLists();
    // (the TCPRoute's parent, a Gateway with an HTTP listener only, also refuses it: xref/route-kind-not-allowed, left out here)
    expect(brief(validateApp(chart.node.root as App).filter(d => /^(construct|schema)\//.test(d.code))).sort()).toEqual([
      'test/Gw error construct/missing listeners the Gateway has no listeners; add at least one with addListener() or the listeners prop',
      'test/Gw2 error schema/min-items spec.listeners has 0 item(s); at least 1 required',
      'test/Tcp error schema/min-items spec.rules[0].backendRefs has 0 item(s); at least 1 required',
    ]);
    expect(thrown(() => Testing.synth(chart)).split('\n').slice(1).filter(l => !l.includes('route-kind-not-allowed')).sort()).toEqual([
      '  [test/Gw2] spec.listeners: has 0 item(s); at least 1 required [schema/min-items]',
      '  [test/Gw] listeners: the Gateway has no listeners; add at least one with addListener() or the listeners prop [construct/missing]',
      '  [test/Tcp] spec.rules[0].backendRefs: has 0 item(s); at least 1 required [schema/min-items]',
    ]);
  });
});

describe('each error is reported once, by the construct it is about', () => {
  test('two errors about one library construct: both, under its path, not again under its ApiObject\'s', () => {
    const chart = Testing.chart();
    const r = route(chart, gateway(chart));
    ApiObject.of(r).addJsonPatch(JsonPatch.add('/spec/hostnames/-', 'Not_A_Host'), JsonPatch.add('/spec/hostnames/-', 'Also_Not'));
    expect(thrown(() => Testing.synth(chart)).split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ {2}\[test\/Route\] spec\.hostnames\[1\]: .*Not_A_Host.* \[schema\/pattern\]$/),
      expect.stringMatching(/^ {2}\[test\/Route\] spec\.hostnames\[2\]: .*Also_Not.* \[schema\/pattern\]$/),
    ]);
  });

  test('a raw object validated by validateApp, then by a synthesis, then by app.node.validate(): its error once each time', () => {
    const chart = Testing.chart();
    const app = chart.node.root as App;
    gateway(chart);
    new l1.Gateway(chart, 'Raw', { metadata: { name: 'raw', namespace: 'infra' }, spec: { gatewayClassName: 'envoy', listeners: [] } });
    expect(brief(validateApp(app).filter(d => d.severity === 'error'))).toEqual(['test/Raw error schema/min-items spec.listeners has 0 item(s); at least 1 required']);
    expect(thrown(() => Testing.synth(chart)).split('\n').slice(1)).toEqual(['  [test/Raw] spec.listeners: has 0 item(s); at least 1 required [schema/min-items]']);
    expect(app.node.findAll().flatMap(c => c.node.validate())).toEqual(['spec.listeners: has 0 item(s); at least 1 required [schema/min-items]']);
  });
});

describe('warnings', () => {
  test('under gateway-api:failOnWarnings a warning fails synthesis as an error that says why; elsewhere it does not', () => {
    // GIVEN two apps, each with a route whose parent the app does not define; the first one's chart strict
    const [strict, plain] = [true, false].map((failOnWarnings) => {
      const chart = new Chart(Testing.app(), failOnWarnings ? 'strict' : 'plain');
      if (failOnWarnings) chart.node.setContext(FAIL_ON_WARNINGS_CONTEXT, true);
      gateway(chart);
      strayRoute(chart, 'Stray', 'gw-typo');
      return chart;
    });
    // THEN
    const [fatal, warning] = [strict, plain].map(chart => validateApp(chart.node.root as App));
    expect(brief(warning)).toEqual([
      'plain/Stray warning xref/parent-not-found spec.parentRefs[0] parentRefs[0] names Gateway infra/gw-typo, which is not among the given objects (Gateway objects given: infra/gw); check the name and namespace',
    ]);
    expect(brief(fatal)).toEqual([
      'strict/Stray error xref/parent-not-found spec.parentRefs[0] parentRefs[0] names Gateway infra/gw-typo, which is not among the given objects (Gateway objects given: infra/gw); check the name and namespace (a warning, fatal by the context gateway-api:failOnWarnings)',
    ]);
    expect(thrown(() => Testing.synth(strict)).split('\n').slice(1)).toEqual([
      `  [strict/Stray] spec.parentRefs[0]: ${fatal[0].message} [xref/parent-not-found]`,
    ]);
    expect(Testing.synth(plain).map(o => o.kind)).toEqual(['Gateway', 'HTTPRoute']);
    // The metadata keeps the warning as the engine gave it, in both.
    expect([...warningMetadata(strict), ...warningMetadata(plain)]).toEqual([
      `strict/Stray warning xref/parent-not-found ${warning[0].message}`,
      `plain/Stray warning xref/parent-not-found ${warning[0].message}`,
    ]);
  });

  test('an error under gateway-api:failOnWarnings keeps its message, and no error is recorded as warning metadata', () => {
    const app = Testing.app();
    const strict = new Chart(app, 'strict');
    strict.node.setContext(FAIL_ON_WARNINGS_CONTEXT, true);
    new l1.Gateway(strict, 'Raw', { metadata: { name: 'raw', namespace: 'infra' }, spec: { gatewayClassName: 'envoy', listeners: [] } });
    expect(brief(validateApp(app))).toEqual(['strict/Raw error schema/min-items spec.listeners has 0 item(s); at least 1 required']);
    expect(thrown(() => Testing.synth(strict)).split('\n').slice(1)).toEqual(['  [strict/Raw] spec.listeners: has 0 item(s); at least 1 required [schema/min-items]']);
    expect(warningMetadata(app)).toEqual([]);
  });

  test('each warning is recorded once however many passes see it, and two warnings about one construct are both recorded', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    gateway(chart);
    strayRoute(chart, 'Stray', 'gw-a', 'gw-b');
    validateApp(app);
    app.synthYaml(); // two passes: app.synthYaml() validates, then the chart's toJson()
    Testing.synth(chart);
    const recorded = warningMetadata(app);
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatch(/^c\/Stray warning xref\/parent-not-found parentRefs\[0\] names Gateway infra\/gw-a,/);
    expect(recorded[1]).toMatch(/^c\/Stray warning xref\/parent-not-found parentRefs\[1\] names Gateway infra\/gw-b,/);
  });
});

describe('the engine\'s answer is reused only for the same objects', () => {
  beforeEach(() => resetWorkCounters());

  test('validateApp twice without a change: the second reuses the first\'s answer', () => {
    const chart = Testing.chart();
    route(chart, gateway(chart));
    const app = chart.node.root as App;
    const first = validateApp(app);
    const before = snapshotWorkCounters();
    expect(validateApp(app)).toEqual(first);
    const after = snapshotWorkCounters();
    expect([after.synthValidationsReused - before.synthValidationsReused, after.objectsValidated - before.objectsValidated]).toEqual([1, 0]);
  });

  test('validateApp or node.validate(), a change, then again: the change is validated', () => {
    const chart = Testing.chart();
    const r = route(chart, gateway(chart));
    const app = chart.node.root as App;
    expect(validateApp(app).filter(d => d.severity === 'error')).toEqual([]);
    ApiObject.of(r).addJsonPatch(JsonPatch.add('/spec/hostnames/-', 'Not_A_Host'));
    expect(validateApp(app).filter(d => d.severity === 'error').map(d => `${d.source} ${d.code} ${d.field}`)).toEqual(['test/Route schema/pattern spec.hostnames[1]']);
    // The same with a user's own node.validate() (outside a synthesis), each time after a change.
    const other = Testing.chart();
    const r2 = route(other, gateway(other));
    const validateAll = () => other.node.root.node.findAll().flatMap(c => c.node.validate());
    expect(validateAll()).toEqual([]);
    ApiObject.of(r2).addJsonPatch(JsonPatch.add('/spec/hostnames/-', 'Not_A_Host'));
    expect(validateAll()).toEqual([expect.stringMatching(/^spec\.hostnames\[1\]: .*Not_A_Host.* \[schema\/pattern\]$/)]);
  });

  test('app.synth() of two charts (three passes): the later passes know the objects are the same without a digest; the next synthesis compares digests', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const infra = new Chart(app, 'infra');
    const apps = new Chart(app, 'apps');
    const gw = gateway(infra);
    route(apps, gw);
    app.synth();
    const counts = () => { const c = snapshotWorkCounters(); return { digests: c.synthDigests, reused: c.synthValidationsReused }; };
    expect(counts()).toEqual({ digests: 0, reused: 2 });
    // The next synthesis (three passes again) renders anew: its first pass compares its digest with the last pass's
    // (two digests, the same), the later two know without one.
    app.synthYaml();
    expect(counts()).toEqual({ digests: 2, reused: 5 });
  });

  test('an object removed during a synthesis (by a user\'s own validation): the next pass validates what is left', () => {
    // GIVEN a Gateway, a raw route, then the Gateway it names, and a validation that removes the latter the first time it runs
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    gateway(chart, 'Keep');
    strayRoute(chart, 'Raw', 'gw');
    gateway(chart);
    let removed = false;
    new Construct(chart, 'Remover').node.addValidation({ validate: () => (removed ||= chart.node.tryRemoveChild('Gw'), []) });
    // WHEN: app.synthYaml() validates (the three objects), the validation removes the Gateway, then the chart's toJson() validates again
    const yaml = app.synthYaml();
    // THEN the second pass saw the route without its Gateway (the same objects but one fewer)
    expect(removed).toBe(true);
    expect(yaml.match(/kind: Gateway/g)).toHaveLength(1);
    expect(warningMetadata(app)).toEqual([expect.stringMatching(/^c\/Raw warning xref\/parent-not-found parentRefs\[0\] names Gateway infra\/gw, which is not among the given objects/)]);
  });

  test('a synthesis fails on a missing parent; the parent, then imported by name, is seen by the next synthesis', () => {
    // GIVEN a strict chart whose raw route names a Gateway the app does not define
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'c');
    chart.node.setContext(FAIL_ON_WARNINGS_CONTEXT, true);
    gateway(chart);
    strayRoute(chart, 'Stray', 'shared');
    expect(() => app.synth()).toThrow(/\[c\/Stray\] spec\.parentRefs\[0\]: .*infra\/shared.*fatal by the context.*\[xref\/parent-not-found\]/);
    // WHEN it is imported by name (the objects are the same: only the external objects changed)
    Gateway.fromGatewayName(chart, 'Shared', 'shared', { namespace: 'infra' });
    // THEN
    expect(() => app.synth()).not.toThrow();
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Gateway', 'HTTPRoute']);
  });

  test('an app whose only construct is imported (no object) synthesizes to nothing', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    Gateway.fromGatewayName(chart, 'Shared', 'main', { namespace: 'infra' });
    expect(Testing.synth(chart)).toEqual([]);
    expect(app.synthYaml()).toBe('');
    // Testing.synth hands its objects out (its one pass is digested); app.synthYaml's first pass compares with it
    // (one more digest), its second knows the (no) objects are the same.
    const c = snapshotWorkCounters();
    expect([c.synthDigests, c.synthValidationsReused]).toEqual([2, 2]);
  });
});

describe('after a synthesis, an object\'s toJson is still the user\'s to replace', () => {
  test('no new enumerable property; an assignment replaces it; deleting it gives back the class\'s toJson', () => {
    const chart = Testing.chart();
    const obj = ApiObject.of(route(chart, gateway(chart)));
    const keys = Object.keys(obj);
    Testing.synth(chart);
    expect(Object.keys(obj)).toEqual(keys);
    // (a test double, as jest.spyOn(obj, 'toJson') installs one)
    const own = obj.toJson;
    obj.toJson = () => ({ replaced: true });
    expect(obj.toJson()).toEqual({ replaced: true });
    obj.toJson = own;
    expect(obj.toJson().metadata.name).toBe('route');
    expect(delete (obj as { toJson?: unknown }).toJson).toBe(true);
    expect(obj.toJson).toBe(ApiObject.prototype.toJson);
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Gateway', 'HTTPRoute']);
  });
});

describe('validateApp and validateChart options', () => {
  test('a bad ignore entry or implementation names the function it was given to', () => {
    const chart = Testing.chart();
    const app = chart.node.root as App;
    expect(() => validateApp(app, { ignore: ['not a code'] })).toThrow(/^validateApp: ignore\[0\] must be a diagnostic code/);
    expect(() => validateChart(chart, { ignore: ['not a code'] })).toThrow(/^validateChart: ignore\[0\] must be a diagnostic code/);
    expect(() => validateApp(app, { implementation: 42 as never })).toThrow(/^validateApp: implementation must be/);
  });

  test('validateChart: the diagnostics of the chart and its constructs only (not of a sibling chart whose name starts the same), with ignore and implementation', () => {
    // GIVEN two charts, each with a Gateway without listeners and a route; the first fails its own check too
    const app = Testing.app();
    const [a, ab] = ['a', 'ab'].map((id) => {
      const chart = new Chart(app, id);
      const gw = new Gateway(chart, 'Gw', { metadata: { name: `gw-${id}`, namespace: id }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'), listeners: [] });
      route(chart, gw, 'Route', id);
      return chart;
    });
    a.node.addValidation({ validate: () => ['the chart says no'] });
    // THEN
    const codes = (ds: Diagnostic[]) => ds.map(d => `${d.source} ${d.code}`);
    expect(codes(validateChart(a))).toEqual(['a construct/validation', 'a/Gw construct/missing']);
    expect(codes(validateChart(ab))).toEqual(['ab/Gw construct/missing']);
    expect(codes(validateChart(a, { ignore: ['construct/missing'] }))).toEqual(['a construct/validation']);
    const custom = { implementation: { supportedFeatures: ['Gateway'] } };
    expect(codes(validateChart(ab, custom))).toEqual(['ab/Gw construct/missing', 'ab/Route compat/feature-not-claimed']);
    expect(codes(validateApp(app, custom)).filter(c => c.endsWith('compat/feature-not-claimed'))).toEqual(['a/Route compat/feature-not-claimed', 'ab/Route compat/feature-not-claimed']);
  });
});
